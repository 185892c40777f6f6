/**
 * /attachments: Cinder's v3 attachment API (3.27; os-complete since 3.44; `mode` since 3.54).
 * Create, update and show answer the detail view; delete answers the attachments left on the volume.
 */
import { z } from 'zod';
import { KilnError } from '../../../model/errors.js';
import type { AttachmentSummary } from '../../../model/volume.js';
import { ok, param, type Handler, type RestContext } from '../context.js';
import { badRequest, RestError } from '../faults.js';
import { opParams, parseBody } from '../input.js';
import { version, versionAtLeast } from '../microversion.js';
import { boolParam, rejectUnknown } from '../query.js';
import type { Router } from '../router.js';
import { attachmentDetail, attachmentList } from '../views/attachment-view.js';

/** oslo's is_uuid_like, which Cinder's `uuid` format checks: hyphens optional, any case. */
const uuid = z.string().regex(/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i, 'must be a UUID');
const connectorField = z.record(z.string(), z.unknown());

const createBody = z.strictObject({
  attachment: z.strictObject({
    volume_uuid: uuid,
    instance_uuid: uuid.optional(),
    connector: connectorField.nullish(),
    mode: z.enum(['rw', 'ro']).optional(),
  }),
});

const updateBody = z.strictObject({
  attachment: z.strictObject({
    connector: connectorField.refine((c) => Object.keys(c).length > 0, 'should be non-empty'),
  }),
});

/**
 * Cinder's connector as the operation takes it: cinderclient sends null for every option not
 * given, and `--multipath True` as a string. An empty connector means "reserve only", as in Cinder.
 */
function connectorOf(raw: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  if (!raw || Object.keys(raw).length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null) continue;
    out[key] = key === 'multipath' && typeof value === 'string' ? boolParam('connector/multipath', value) : value;
  }
  return out;
}

/** Cinder answers a failed connect with 500 and the reason, instead of its generic server error. */
async function explainDriverError<T>(prefix: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof KilnError && err.code === 'ERR_DRIVER') throw new RestError(500, `${prefix}(${err.message}).`);
    throw err;
  }
}

const listKeys = new Set(['all_tenants', 'volume_id', 'status', 'attach_status', 'instance_id']);
const unsupportedListKeys = ['project_id', 'sort', 'sort_key', 'sort_dir', 'limit', 'marker', 'offset'];

/** The attachments of the caller's project (all projects for an admin asking all_tenants), or of one volume. */
function attachmentsOf(ctx: RestContext, p: { volume?: string | undefined; allTenants?: boolean | undefined }): AttachmentSummary[] {
  try {
    return ctx.ops.attachments.list(ctx.caller, opParams('attachment.list', p));
  } catch (err) {
    // A filter naming a volume the caller cannot see matches nothing, as a Cinder filter would.
    if (p.volume !== undefined && err instanceof KilnError && err.code === 'ERR_NOT_FOUND') return [];
    throw err;
  }
}

const list = (detail: boolean): Handler => (ctx) => {
  const q = ctx.query;
  const unsupported = unsupportedListKeys.filter((k) => q.has(k));
  if (unsupported.length > 0) throw badRequest(`Listing attachments by ${unsupported.join(', ')} is not supported by this Kiln node.`);
  rejectUnknown(q, listKeys);
  // As Cinder: all_tenants is an admin's option; a member asking for it still sees its own project.
  const allTenants = (boolParam('all_tenants', q.get('all_tenants')) ?? false) && ctx.caller.isAdmin;
  const status = q.get('status') ?? q.get('attach_status');
  const instance = q.get('instance_id');
  const rows = attachmentsOf(ctx, { volume: q.get('volume_id') ?? undefined, allTenants: allTenants || undefined })
    .filter((a) => (status === null || a.status === status) && (instance === null || a.instanceUuid === instance));
  return ok(attachmentList(rows, detail));
};

const create: Handler = async (ctx) => {
  const { attachment: b } = parseBody(createBody, ctx.body);
  if (b.mode !== undefined && !versionAtLeast(ctx.version, '3.54')) {
    throw badRequest('Additional properties are not allowed (\'mode\' was unexpected) in attachment.');
  }
  const params = opParams('attachment.create', {
    volume: b.volume_uuid, instanceUuid: b.instance_uuid, connector: connectorOf(b.connector), mode: b.mode,
  });
  const a = await explainDriverError('Unable to create attachment for volume ', ctx.ops.attachments.create(ctx.caller, params));
  return ok({ attachment: attachmentDetail(a) });
};

const show: Handler = async (ctx) => {
  const a = await ctx.ops.attachments.show(ctx.caller, opParams('attachment.show', { attachment: param(ctx, 'id') }));
  return ok({ attachment: attachmentDetail(a) });
};

const update: Handler = async (ctx) => {
  const { attachment: b } = parseBody(updateBody, ctx.body);
  const params = opParams('attachment.update', { attachment: param(ctx, 'id'), connector: connectorOf(b.connector) ?? {} });
  const a = await explainDriverError('Unable to update attachment.', ctx.ops.attachments.update(ctx.caller, params));
  return ok({ attachment: attachmentDetail(a) });
};

const remove: Handler = async (ctx) => {
  const gone = await ctx.ops.attachments.delete(ctx.caller, opParams('attachment.delete', { attachment: param(ctx, 'id') }));
  return ok(attachmentList(attachmentsOf(ctx, { volume: gone.volumeId }), false));
};

/** POST /attachments/{id}/action: Cinder has one action here, os-complete (204, no body). */
const action: Handler = async (ctx) => {
  const body = ctx.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Malformed request body');
  const keys = Object.keys(body);
  if (keys.length !== 1) throw badRequest('Malformed request body: exactly one action is expected.');
  if (keys[0] !== 'os-complete') throw badRequest(`There is no such action: ${keys[0] ?? ''}`);
  await ctx.ops.attachments.complete(ctx.caller, opParams('attachment.complete', { attachment: param(ctx, 'id') }));
  return { status: 204 };
};

export function attachmentRoutes(r: Router<Handler>): void {
  const since = { minVersion: version('3.27') };
  r.add('GET', '/attachments', list(false), since)
    .add('GET', '/attachments/detail', list(true), since)
    .add('POST', '/attachments', create, since)
    .add('GET', '/attachments/:id', show, since)
    .add('PUT', '/attachments/:id', update, since)
    .add('DELETE', '/attachments/:id', remove, since)
    .add('POST', '/attachments/:id/action', action, { minVersion: version('3.44') });
}
