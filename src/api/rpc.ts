/** JSON-RPC 2.0 framing: parsing, schema validation of params, dispatch, structured errors. */
import type { ZodError } from 'zod';
import { KilnError, toKilnError } from '../model/errors.js';
import type { Caller } from '../node/operations/context.js';
import { methods, type MethodName } from './protocol.js';

export interface Connection {
  subscribe(kinds: string[]): void;
  unsubscribe(): void;
}

export type MethodHandler = (caller: Caller, params: never, conn: Connection) => unknown;
export type MethodTable = Record<MethodName, MethodHandler>;

type Id = string | number | null;
interface RpcResponse { jsonrpc: '2.0'; id: Id; result?: unknown; error?: { code: number; message: string; data: unknown } }

export function errorResponse(id: Id, err: unknown): RpcResponse {
  const e = toKilnError(err);
  return { jsonrpc: '2.0', id, error: { code: e.rpcCode, message: e.message, data: e.toWire() } };
}

/** The first schema problem as a KilnError naming the field. */
export function paramsError(err: ZodError): KilnError {
  const issue = err.issues[0];
  const path = issue?.path.join('.') ?? '';
  if (issue?.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return new KilnError('ERR_INVALID_PARAMS', `Unknown parameter ${path ? `${path}.` : ''}${key}.`, { field: path ? `${path}.${key}` : key });
  }
  const field = path || 'params';
  return new KilnError('ERR_INVALID_PARAMS', `Invalid ${field}: ${issue?.message ?? 'invalid value'}.`, { field });
}

const isId = (v: unknown): v is Id => v === null || typeof v === 'string' || typeof v === 'number';

async function handleOne(msg: unknown, caller: Caller, table: MethodTable, conn: Connection): Promise<RpcResponse | undefined> {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return errorResponse(null, new KilnError('ERR_INVALID_REQUEST', 'A JSON-RPC request must be an object.'));
  }
  const req = msg as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
  const id = isId(req.id) ? req.id : null;
  const notification = !('id' in req);
  if (req.jsonrpc !== '2.0' || typeof req.method !== 'string' || (!notification && !isId(req.id))) {
    return errorResponse(id, new KilnError('ERR_INVALID_REQUEST', 'Invalid JSON-RPC 2.0 request: needs jsonrpc "2.0", a string method and a string/number id.', { field: 'jsonrpc' }));
  }
  const name = req.method as MethodName;
  if (!Object.hasOwn(methods, name)) {
    if (notification) return undefined; // JSON-RPC: a notification is never answered, not even with an error
    return errorResponse(id, new KilnError('ERR_METHOD_NOT_FOUND', `Unknown method ${req.method}.`, { field: 'method' }));
  }
  const parsed = methods[name].safeParse(req.params ?? {});
  if (!parsed.success) return notification ? undefined : errorResponse(id, paramsError(parsed.error));
  try {
    const result = await table[name](caller, parsed.data as never, conn);
    return notification ? undefined : { jsonrpc: '2.0', id, result: result ?? null };
  } catch (err) {
    return notification ? undefined : errorResponse(id, err);
  }
}

/** Handles one text frame (a request or a batch); returns the text to send back, if any. */
export async function handleFrame(text: string, caller: Caller, table: MethodTable, conn: Connection): Promise<string | undefined> {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return JSON.stringify(errorResponse(null, new KilnError('ERR_PARSE', 'Parse error: the frame is not valid JSON.')));
  }
  if (Array.isArray(msg)) {
    if (msg.length === 0) return JSON.stringify(errorResponse(null, new KilnError('ERR_INVALID_REQUEST', 'Empty batch.')));
    const out = (await Promise.all(msg.map((m) => handleOne(m, caller, table, conn)))).filter((r) => r !== undefined);
    return out.length ? JSON.stringify(out) : undefined;
  }
  const r = await handleOne(msg, caller, table, conn);
  return r && JSON.stringify(r);
}
