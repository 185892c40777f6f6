/** fetch against a real node's Cinder REST API. */
import { startTestNode } from '../helpers/node.js';

export type TestNode = Awaited<ReturnType<typeof startTestNode>>;

export const project = '7b1e8d3fa0c94e6b8f2d5c4a3b2e1f00';
/** Cinder noauth tokens: "user:project"; the user "admin" is an admin. */
export const adminToken = `admin:${project}`;
export const aliceToken = 'alice:projA';
export const bobToken = 'bob:projB';

export interface Reply { status: number; headers: Headers; body: any; text: string }

export interface CallOptions {
  token?: string | undefined;
  version?: string | undefined;
  body?: unknown;
  /** Sent as is instead of JSON-encoding `body`. */
  raw?: string;
  headers?: Record<string, string>;
}

/** `path` is relative to the node: "/", "/v3/", or "/v3/<project>/volumes". */
export async function call(node: TestNode, method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.token !== undefined) headers['X-Auth-Token'] = opts.token;
  if (opts.version !== undefined) headers['OpenStack-API-Version'] = `volume ${opts.version}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`http://127.0.0.1:${node.port}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** A caller bound to a token and project: api.get('/volumes') → GET /v3/<project>/volumes. */
export function client(node: TestNode, token: string, projectId: string, version = '3.70') {
  const at = (path: string) => `/v3/${projectId}${path}`;
  return {
    get: (path: string, o: CallOptions = {}) => call(node, 'GET', at(path), { token, version, ...o }),
    post: (path: string, body: unknown, o: CallOptions = {}) => call(node, 'POST', at(path), { token, version, body, ...o }),
    put: (path: string, body: unknown, o: CallOptions = {}) => call(node, 'PUT', at(path), { token, version, body, ...o }),
    del: (path: string, o: CallOptions = {}) => call(node, 'DELETE', at(path), { token, version, ...o }),
  };
}

export async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met after ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
