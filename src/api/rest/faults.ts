/**
 * Cinder's error bodies: `{"<faultName>": {"code": <status>, "message": "…"}}`, the fault name
 * chosen by status as cinder.api.openstack.wsgi.Fault does (anything unnamed is computeFault).
 */
import { KilnError, toKilnError } from '../../model/errors.js';

const faultNames: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

export const genericServerError = 'The server has either erred or is incapable of performing the requested operation.';
export const resourceNotFound = 'The resource could not be found.';

/** An HTTP-level refusal raised by the REST layer itself (routing, parsing, versions). */
export class RestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'RestError';
  }
}

export const badRequest = (message: string) => new RestError(400, message);

export function faultName(status: number): string {
  return faultNames[status] ?? 'computeFault';
}

export function faultBody(status: number, message: string): Record<string, { code: number; message: string }> {
  return { [faultName(status)]: { code: status, message } };
}

export interface Fault { status: number; body: Record<string, { code: number; message: string }> }

/** Any thrown value as a Cinder fault; internal details of 5xx errors are not shown to clients. */
export function faultOf(err: unknown): Fault {
  if (err instanceof RestError) return { status: err.status, body: faultBody(err.status, err.message) };
  const e: KilnError = toKilnError(err);
  const status = e.httpStatus;
  const message = status === 500 ? genericServerError : e.message;
  return { status, body: faultBody(status, message) };
}
