/** Errors carry a stable `code`, an optional offending `field`, and map to JSON-RPC and HTTP codes. */
export type ErrorCode =
  | 'ERR_INVALID_PARAMS'
  | 'ERR_METHOD_NOT_FOUND'
  | 'ERR_PARSE'
  | 'ERR_INVALID_REQUEST'
  | 'ERR_NOT_FOUND'
  | 'ERR_CONFLICT'
  | 'ERR_INVALID_STATE'
  | 'ERR_UNAUTHORIZED'
  | 'ERR_FORBIDDEN'
  | 'ERR_NO_VALID_BACKEND'
  | 'ERR_DRIVER'
  | 'ERR_TIMEOUT'
  | 'ERR_UNAVAILABLE'
  | 'ERR_CONFIG'
  | 'ERR_INTERNAL';

/** JSON-RPC 2.0 codes: the reserved range for protocol errors, -32000.. for Kiln's own. */
const rpcCodes: Record<ErrorCode, number> = {
  ERR_PARSE: -32700,
  ERR_INVALID_REQUEST: -32600,
  ERR_METHOD_NOT_FOUND: -32601,
  ERR_INVALID_PARAMS: -32602,
  ERR_INTERNAL: -32603,
  ERR_NOT_FOUND: -32004,
  ERR_CONFLICT: -32009,
  ERR_INVALID_STATE: -32010,
  ERR_UNAUTHORIZED: -32001,
  ERR_FORBIDDEN: -32003,
  ERR_NO_VALID_BACKEND: -32020,
  ERR_DRIVER: -32021,
  ERR_TIMEOUT: -32022,
  ERR_UNAVAILABLE: -32023,
  ERR_CONFIG: -32030,
};

const httpStatuses: Record<ErrorCode, number> = {
  ERR_PARSE: 400,
  ERR_INVALID_REQUEST: 400,
  ERR_METHOD_NOT_FOUND: 404,
  ERR_INVALID_PARAMS: 400,
  ERR_INTERNAL: 500,
  ERR_NOT_FOUND: 404,
  ERR_CONFLICT: 409,
  ERR_INVALID_STATE: 400,
  ERR_UNAUTHORIZED: 401,
  ERR_FORBIDDEN: 403,
  ERR_NO_VALID_BACKEND: 400,
  ERR_DRIVER: 500,
  ERR_TIMEOUT: 504,
  ERR_UNAVAILABLE: 503,
  ERR_CONFIG: 400,
};

export interface WireError {
  code: ErrorCode;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

export class KilnError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, opts: { field?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'KilnError';
    this.code = code;
    this.field = opts.field;
    this.details = opts.details;
  }
  get rpcCode(): number { return rpcCodes[this.code]; }
  get httpStatus(): number { return httpStatuses[this.code]; }
  toWire(): WireError {
    const w: WireError = { code: this.code, message: this.message };
    if (this.field !== undefined) w.field = this.field;
    if (this.details !== undefined) w.details = this.details;
    return w;
  }
  static fromWire(w: WireError): KilnError {
    return new KilnError(w.code, w.message, { ...(w.field ? { field: w.field } : {}), ...(w.details ? { details: w.details } : {}) });
  }
}

export const invalidParams = (field: string, message: string) => new KilnError('ERR_INVALID_PARAMS', message, { field });
export const notFound = (kind: string, idOrName: string) =>
  new KilnError('ERR_NOT_FOUND', `${kind} ${idOrName} could not be found.`, { details: { kind, id: idOrName } });
export const conflict = (message: string, field?: string) => new KilnError('ERR_CONFLICT', message, field ? { field } : {});
export const invalidState = (message: string, details?: Record<string, unknown>) =>
  new KilnError('ERR_INVALID_STATE', message, details ? { details } : {});

/** Anything thrown that is not a KilnError becomes ERR_INTERNAL, keeping the cause. */
export function toKilnError(err: unknown): KilnError {
  if (err instanceof KilnError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new KilnError('ERR_INTERNAL', message, { cause: err });
}
