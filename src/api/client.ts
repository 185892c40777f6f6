/**
 * The JSON-RPC 2.0 client side of src/api/protocol.ts over one WebSocket.
 * Used by the `kiln` CLI and by tests; it owns its correlation ids, so callers only see promises.
 */
import WebSocket from 'ws';
import type { ChangeEvent, MethodName, Params } from './protocol.js';
import { maxFrameBytes } from './protocol.js';
import { KilnError } from '../model/errors.js';
import type { ErrorCode, WireError } from '../model/errors.js';
import type { VolumeRecord } from '../model/volume.js';

export interface ClientOptions {
  url: string;
  token: string;
  /** Per call. */
  timeoutMs?: number;
  /** For the TCP connect and the WebSocket upgrade; separate so a short call timeout cannot fail the connect on a busy host. */
  connectTimeoutMs?: number;
}

export interface KilnClient {
  readonly url: string;
  call<M extends MethodName>(method: M, params: Params<M>): Promise<unknown>;
  /** Returns the function that removes the handler. */
  onEvent(handler: (e: ChangeEvent) => void): () => void;
  /** Called once when the connection ends for any reason other than close(). */
  onClose(handler: (err: KilnError) => void): () => void;
  close(): Promise<void>;
}

export const defaultTimeoutMs = 30_000;
export const defaultConnectTimeoutMs = 10_000;
/** Volume lists can be large; the node's own 1 MiB limit applies to what *we* send. */
const maxIncomingBytes = 256 * 1024 * 1024;

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (err: KilnError) => void;
  timer: NodeJS.Timeout;
}

export function connectClient(opts: ClientOptions): Promise<KilnClient> {
  const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
  return new Promise((resolve, reject) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(opts.url, {
        headers: { authorization: `Bearer ${opts.token}` },
        perMessageDeflate: false,
        maxPayload: maxIncomingBytes,
        handshakeTimeout: opts.connectTimeoutMs ?? defaultConnectTimeoutMs,
      });
    } catch (err) {
      reject(new KilnError('ERR_CONFIG', `invalid Kiln node url ${opts.url}: ${messageOf(err)}`, { field: 'url', cause: err }));
      return;
    }
    // Handling the response ourselves gives the HTTP status as a number instead of a message to parse.
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      reject(upgradeRefused(opts.url, res.statusCode ?? 0));
      ws.terminate();
    });
    ws.once('error', (err) => reject(unreachable(opts.url, err)));
    ws.once('open', () => resolve(new Connection(ws, opts.url, timeoutMs)));
  });
}

function upgradeRefused(url: string, status: number): KilnError {
  if (status === 401) return new KilnError('ERR_UNAUTHORIZED', `the Kiln node at ${url} refused the token (HTTP 401)`);
  if (status === 403) return new KilnError('ERR_FORBIDDEN', `the Kiln node at ${url} refused access (HTTP 403)`);
  return new KilnError('ERR_UNAVAILABLE', `cannot reach Kiln node at ${url}: HTTP ${status} on the WebSocket upgrade`, {
    details: { httpStatus: status },
  });
}

const unreachable = (url: string, err: unknown) =>
  new KilnError('ERR_UNAVAILABLE', `cannot reach Kiln node at ${url}: ${messageOf(err)}`, { cause: err });

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

class Connection implements KilnClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventHandlers = new Set<(e: ChangeEvent) => void>();
  private readonly closeHandlers = new Set<(err: KilnError) => void>();
  private closing = false;

  constructor(private readonly ws: WebSocket, readonly url: string, private readonly timeoutMs: number) {
    ws.on('message', (data, isBinary) => { if (!isBinary) this.receive(data.toString()); });
    // 'close' always follows 'error'; the error itself adds nothing the close code does not.
    ws.on('error', () => {});
    ws.on('close', (code, reason) => this.closed(code, reason.toString()));
  }

  call<M extends MethodName>(method: M, params: Params<M>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState !== WebSocket.OPEN) {
        reject(new KilnError('ERR_UNAVAILABLE', `the connection to ${this.url} is closed`));
        return;
      }
      const id = this.nextId++;
      const frame = JSON.stringify({ jsonrpc: '2.0', id, method, params });
      // The node closes the whole connection (1009) on a frame over its limit; fail only this call instead.
      const bytes = Buffer.byteLength(frame);
      if (bytes > maxFrameBytes) {
        reject(new KilnError('ERR_INVALID_PARAMS', `${method} request is ${bytes} bytes; the node accepts at most ${maxFrameBytes}`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new KilnError('ERR_TIMEOUT', `${method}: no answer within ${this.timeoutMs} ms; the outcome is unknown`, { details: { method } }));
      }, this.timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.ws.send(frame, (err) => { if (err) this.settle(id, undefined, unreachable(this.url, err)); });
    });
  }

  onEvent(handler: (e: ChangeEvent) => void): () => void {
    this.eventHandlers.add(handler);
    return () => this.eventHandlers.delete(handler);
  }

  onClose(handler: (err: KilnError) => void): () => void {
    this.closeHandlers.add(handler);
    return () => this.closeHandlers.delete(handler);
  }

  close(): Promise<void> {
    this.closing = true;
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close(1000);
    });
  }

  private receive(text: string): void {
    let msg: unknown;
    try { msg = JSON.parse(text); } catch { return; }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    if (m.method === 'event' && m.params !== undefined) {
      for (const h of [...this.eventHandlers]) h(m.params as ChangeEvent);
      return;
    }
    if (typeof m.id !== 'number') return;
    if (m.error !== undefined) this.settle(m.id, undefined, rpcError(m.error));
    else this.settle(m.id, m.result, undefined);
  }

  private settle(id: number, result: unknown, err: KilnError | undefined): void {
    const p = this.pending.get(id);
    // An answer after its timeout has nobody left to tell.
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (err) p.reject(err);
    else p.resolve(result);
  }

  private closed(code: number, reason: string): void {
    const why = code === 1009
      ? `the node refused a frame over ${maxFrameBytes} bytes (close 1009)`
      : `closed (code ${code}${reason ? `: ${reason}` : ''})`;
    const err = new KilnError('ERR_UNAVAILABLE', `the connection to ${this.url} ${why}`, { details: { closeCode: code } });
    for (const [id, p] of this.pending) {
      this.settle(id, undefined, new KilnError('ERR_UNAVAILABLE', `${err.message}; the outcome of ${p.method} is unknown`, { details: { closeCode: code } }));
    }
    if (this.closing) return;
    for (const h of [...this.closeHandlers]) h(err);
  }
}

/** Codes JSON-RPC itself defines, for a server that answers without Kiln's `data`. */
const standardRpcCodes: Record<number, ErrorCode> = {
  [-32700]: 'ERR_PARSE',
  [-32600]: 'ERR_INVALID_REQUEST',
  [-32601]: 'ERR_METHOD_NOT_FOUND',
  [-32602]: 'ERR_INVALID_PARAMS',
};

export function rpcError(error: unknown): KilnError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown; data?: unknown };
  const data = e.data as Partial<WireError> | undefined;
  if (data && typeof data.code === 'string' && typeof data.message === 'string') return KilnError.fromWire(data as WireError);
  const rpcCode = typeof e.code === 'number' ? e.code : 0;
  const message = typeof e.message === 'string' ? e.message : 'the node answered with a malformed error';
  return new KilnError(standardRpcCodes[rpcCode] ?? 'ERR_INTERNAL', message, { details: { rpcCode } });
}

export interface WaitOptions {
  /** Gives up with ERR_TIMEOUT after this long; no limit when absent. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told every status seen, for progress display. */
  onStatus?: (status: string) => void;
}

export interface WaitResult {
  /** One of the statuses asked for; 'deleted' once the volume is gone. */
  status: string;
  /** The volume as it was when it reached the status; undefined once deleted. */
  record: VolumeRecord | undefined;
}

/**
 * Resolves when the volume (id or name) reaches one of `statuses`; include 'deleted' to wait for deletion.
 * Subscribes before reading the current state so no change can slip between the two. Events that arrive
 * before the read's answer may be newer than what it read (the node answers asynchronously), so they are
 * kept and replayed once the read has told us the volume's id.
 */
export async function waitForStatus(client: KilnClient, volume: string, statuses: string[], opts: WaitOptions = {}): Promise<WaitResult> {
  const wanted = new Set(statuses);
  let volumeId: string | undefined;
  const early: ChangeEvent[] = [];
  let finish: (r: WaitResult) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const done = new Promise<WaitResult>((res, rej) => { finish = res; fail = rej; });
  const apply = (e: ChangeEvent) => {
    if (e.kind !== 'volume' || e.id !== volumeId) return;
    const status = e.deleted ? 'deleted' : e.status;
    opts.onStatus?.(status);
    if (wanted.has(status)) finish({ status, record: e.deleted ? undefined : (e.record as VolumeRecord) });
  };
  const offEvent = client.onEvent((e) => (volumeId === undefined ? early.push(e) : apply(e)));
  const offClose = client.onClose(fail);
  const stop = watchLimits(volume, statuses, opts, fail);
  const readCurrent = async () => {
    await client.call('subscribe', { kinds: ['volume'] });
    const current = await showOrGone(client, volume);
    if (current === undefined) {
      if (wanted.has('deleted')) finish({ status: 'deleted', record: undefined });
      else fail(new KilnError('ERR_NOT_FOUND', `volume ${volume} was deleted while waiting for ${statuses.join('|')}`));
      return;
    }
    volumeId = current.id;
    opts.onStatus?.(current.status);
    if (wanted.has(current.status)) finish({ status: current.status, record: current });
    else early.forEach(apply);
  };
  readCurrent().catch(fail);
  try {
    return await done;
  } finally {
    offEvent();
    offClose();
    stop();
  }
}

async function showOrGone(client: KilnClient, volume: string): Promise<VolumeRecord | undefined> {
  try {
    return (await client.call('volume.show', { volume })) as VolumeRecord;
  } catch (err) {
    if (err instanceof KilnError && err.code === 'ERR_NOT_FOUND') return undefined;
    throw err;
  }
}

function watchLimits(volume: string, statuses: string[], opts: WaitOptions, fail: (e: unknown) => void): () => void {
  const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => {
    fail(new KilnError('ERR_TIMEOUT', `volume ${volume} did not reach ${statuses.join('|')} within ${opts.timeoutMs} ms`));
  }, opts.timeoutMs);
  const onAbort = () => fail(opts.signal?.reason ?? new KilnError('ERR_TIMEOUT', 'wait aborted'));
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  return () => {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  };
}
