/** What a REST handler gets and returns. Handlers map Cinder's wire format to operations and back. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../../node/operations/context.js';
import type { Operations } from '../../node/operations/index.js';
import type { NodeOptions } from '../../node/options.js';
import type { ApiVersion } from './microversion.js';

export interface RestContext {
  caller: Caller;
  version: ApiVersion;
  /** Path parameters of the matched route, URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; undefined when the request had none. */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** "http://host:port" as the client addressed the node, for `links`. */
  baseUrl: string;
  ops: Operations;
  options: NodeOptions;
}

export interface RestResult {
  status: number;
  /** Serialised as JSON; no body when undefined. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RestContext) => Promise<RestResult> | RestResult;

/** What the view mappers need to know about the request. */
export interface ViewContext {
  baseUrl: string;
  /** The caller's project, used in `links` as Cinder does. */
  projectId: string;
  version: ApiVersion;
  isAdmin: boolean;
}

export const viewOf = (ctx: RestContext): ViewContext => ({
  baseUrl: ctx.baseUrl, projectId: ctx.caller.projectId, version: ctx.version, isAdmin: ctx.caller.isAdmin,
});

export const ok = (body: unknown, status = 200): RestResult => ({ status, body });
export const accepted = (): RestResult => ({ status: 202 });

/** A required path parameter (the router guarantees it exists for the route's pattern). */
export function param(ctx: RestContext, name: string): string {
  const v = ctx.params[name];
  if (v === undefined) throw new Error(`route has no :${name}`);
  return v;
}
