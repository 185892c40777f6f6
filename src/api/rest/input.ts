/**
 * Untrusted input: request bodies checked against Cinder-shaped zod schemas, then the mapped
 * params checked again against the operation's own schema (the same one the WebSocket API uses).
 */
import type { z, ZodError } from 'zod';
import { methods, type MethodName, type Params } from '../protocol.js';
import { badRequest } from './faults.js';

function describe(err: ZodError, value: unknown): string {
  const issue = err.issues[0];
  if (!issue) return 'Invalid input.';
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? ` in ${issue.path.join('.')}` : '';
    return `Additional properties are not allowed (${issue.keys.map((k) => `'${k}'`).join(', ')} ${issue.keys.length > 1 ? 'were' : 'was'} unexpected)${where}.`;
  }
  let v: unknown = value;
  for (const key of issue.path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  const field = issue.path.join('/') || 'body';
  const shown = v === undefined ? '' : ` Value: ${typeof v === 'string' ? v : JSON.stringify(v)}.`;
  return `Invalid input for field/attribute ${field}.${shown} ${issue.message}`;
}

/** A body in Cinder's shape, or 400 badRequest naming the field like Cinder's validator does. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (body === undefined) throw badRequest('Missing request body.');
  const r = schema.safeParse(body);
  if (!r.success) throw badRequest(describe(r.error, body));
  return r.data;
}

/** Params for an operation, validated by the protocol schema shared with the WebSocket API. */
export function opParams<M extends MethodName>(method: M, params: unknown): Params<M> {
  const r = methods[method].safeParse(params);
  if (!r.success) throw badRequest(describe(r.error, params));
  return r.data as Params<M>;
}
