/** Reading request bodies and writing responses with Cinder's headers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RestError } from './faults.js';

/** Cinder's osapi_max_request_body_size default (112 KiB). */
export const maxBodyBytes = 114_688;

export async function readBody(req: IncomingMessage, limitBytes = maxBodyBytes): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) throw new RestError(413, 'Request is too large.');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limitBytes) throw new RestError(413, 'Request is too large.');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The JSON body, or undefined for an empty one; anything unparsable is Cinder's "Malformed request body". */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RestError(400, 'Malformed request body');
  }
}

/** "http://host:port" as the client addressed us; the Host header is only trusted if it looks like one. */
export function baseUrlOf(req: IncomingMessage): string {
  const host = req.headers.host;
  const local = req.socket.localAddress ?? '127.0.0.1';
  const fallback = `${local.includes(':') ? `[${local}]` : local}:${req.socket.localPort ?? 0}`;
  return `http://${host && /^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host) ? host : fallback}`;
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.headersSent) return;
  if (body === undefined) {
    // Cinder (webob) answers empty 202/204 responses as text/html with no content.
    res.writeHead(status, { ...headers, 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': '0' }).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
}
