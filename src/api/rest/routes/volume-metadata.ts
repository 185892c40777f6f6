/** /volumes/{id}/metadata[/{key}]: Cinder's metadata API, with the ETag/If-Match of microversion 3.15. */
import { z } from 'zod';
import { ok, param, type Handler, type RestContext } from '../context.js';
import { badRequest } from '../faults.js';
import { parseBody } from '../input.js';
import type { Router } from '../router.js';

const metaMap = z.record(z.string().min(1).max(255), z.string().max(255));
const metadataBody = z.strictObject({ metadata: metaMap });
const metaBody = z.strictObject({ meta: metaMap });

/** If-Match: "a", "b" → [a, b] (quotes and weak markers dropped). */
function ifMatch(ctx: RestContext): string[] | undefined {
  const h = ctx.headers['if-match'];
  if (typeof h !== 'string' || h.trim() === '') return undefined;
  return h.split(',').map((s) => s.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'));
}

const index: Handler = (ctx) => {
  const m = ctx.ops.volumeMeta.get(ctx.caller, { volume: param(ctx, 'id') });
  return { status: 200, body: { metadata: m.metadata }, headers: { ETag: m.etag } };
};

const merge: Handler = async (ctx) => {
  const { metadata } = parseBody(metadataBody, ctx.body);
  const m = await ctx.ops.volumeMeta.merge(ctx.caller, { volume: param(ctx, 'id'), metadata });
  return ok({ metadata: m.metadata });
};

const replace: Handler = async (ctx) => {
  const { metadata } = parseBody(metadataBody, ctx.body);
  const r = await ctx.ops.volumeMeta.replace(ctx.caller, { volume: param(ctx, 'id'), metadata, ifMatch: ifMatch(ctx) });
  if ('preconditionFailed' in r) return { status: 412 };
  return ok({ metadata: r.metadata });
};

const showKey: Handler = (ctx) => {
  const key = param(ctx, 'key');
  return ok({ meta: { [key]: ctx.ops.volumeMeta.getKey(ctx.caller, { volume: param(ctx, 'id'), key }) } });
};

const setKey: Handler = async (ctx) => {
  const key = param(ctx, 'key');
  const { meta } = parseBody(metaBody, ctx.body);
  const keys = Object.keys(meta);
  if (keys.length > 1) throw badRequest('Request body contains too many items');
  if (keys[0] !== key) throw badRequest('Request body and URI mismatch');
  const value = meta[key] ?? '';
  await ctx.ops.volumeMeta.merge(ctx.caller, { volume: param(ctx, 'id'), metadata: { [key]: value } });
  return ok({ meta: { [key]: value } });
};

const deleteKey: Handler = async (ctx) => {
  await ctx.ops.volumeMeta.deleteKey(ctx.caller, { volume: param(ctx, 'id'), key: param(ctx, 'key') });
  return { status: 200 };
};

export function volumeMetadataRoutes(r: Router<Handler>): void {
  r.add('GET', '/volumes/:id/metadata', index)
    .add('POST', '/volumes/:id/metadata', merge)
    .add('PUT', '/volumes/:id/metadata', replace)
    .add('GET', '/volumes/:id/metadata/:key', showKey)
    .add('PUT', '/volumes/:id/metadata/:key', setKey)
    .add('DELETE', '/volumes/:id/metadata/:key', deleteKey);
}
