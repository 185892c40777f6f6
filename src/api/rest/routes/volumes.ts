/** /volumes: list (summary and detail), create, show, update, delete. */
import { z } from 'zod';
import type { VolumeRecord } from '../../../model/volume.js';
import { accepted, ok, param, viewOf, type Handler, type RestContext } from '../context.js';
import { badRequest } from '../faults.js';
import { opParams, parseBody } from '../input.js';
import { boolParam, dictParam, intParam, rejectUnknown } from '../query.js';
import type { Router } from '../router.js';
import { volumeDetail, volumeList } from '../views/volume-view.js';

const optText = z.string().max(255).nullish();
const sizeField = z.union([z.number().int(), z.string().regex(/^\d+$/, 'must be an integer')]).transform(Number);
/** Sources Kiln cannot create from yet; naming one is refused rather than silently ignored. */
const unsupportedSources = ['snapshot_id', 'source_volid', 'backup_id', 'imageRef', 'consistencygroup_id', 'group_id'] as const;

const createBody = z.strictObject({
  volume: z.looseObject({
    size: sizeField,
    name: optText,
    display_name: optText,
    description: optText,
    display_description: optText,
    volume_type: z.string().max(255).nullish(),
    availability_zone: z.string().max(255).nullish(),
    metadata: z.record(z.string().max(255), z.string().max(255)).nullish(),
    multiattach: z.boolean().nullish(),
  }),
  'OS-SCH-HNT:scheduler_hints': z.record(z.string(), z.unknown()).nullish(),
});

const updateBody = z.strictObject({
  volume: z.strictObject({
    name: optText, display_name: optText, description: optText, display_description: optText,
    metadata: z.record(z.string().max(255), z.string().max(255)).nullish(),
  }),
});

const listKeys = new Set(['all_tenants', 'project_id', 'name', 'status', 'metadata', 'sort', 'sort_key', 'sort_dir', 'limit', 'marker', 'with_count']);

/** Cinder's two sort syntaxes: sort=k1:dir,k2 and the older sort_key/sort_dir. */
function sortOf(q: URLSearchParams): string | undefined {
  const sort = q.get('sort');
  if (sort) return sort;
  const key = q.get('sort_key');
  return key ? `${key}:${q.get('sort_dir') ?? 'desc'}` : undefined;
}

function listQuery(ctx: RestContext) {
  const q = ctx.query;
  rejectUnknown(q, listKeys);
  // cinderclient adds all_tenants=1 to every lookup by name; Cinder ignores it for non-admins
  // (they see their own project), so Kiln does the same instead of refusing those lookups.
  const allTenants = (boolParam('all_tenants', q.get('all_tenants')) ?? false) && ctx.caller.isAdmin;
  return opParams('volume.list', {
    name: q.get('name') ?? undefined,
    status: q.get('status') ?? undefined,
    metadata: dictParam('metadata', q.get('metadata')),
    sort: sortOf(q),
    limit: intParam('limit', q.get('limit'), 1),
    marker: q.get('marker') ?? undefined,
    allTenants: allTenants || undefined,
    projectId: q.get('project_id') ?? undefined,
  });
}

function nextHref(ctx: RestContext, path: string, rows: VolumeRecord[], limit: number | undefined): string | undefined {
  const last = rows.at(-1);
  if (limit === undefined || rows.length < limit || !last) return undefined;
  const q = new URLSearchParams(ctx.query);
  q.set('marker', last.id);
  return `${ctx.baseUrl}/v3/${ctx.caller.projectId}/${path}?${q.toString()}`;
}

const list = (detail: boolean): Handler => (ctx) => {
  const p = listQuery(ctx);
  const rows = ctx.ops.volumes.list(ctx.caller, p);
  const withCount = boolParam('with_count', ctx.query.get('with_count')) ?? false;
  const count = withCount ? ctx.ops.volumes.list(ctx.caller, { ...p, limit: undefined, marker: undefined }).length : undefined;
  return ok(volumeList(viewOf(ctx), rows, { detail, nextHref: nextHref(ctx, detail ? 'volumes/detail' : 'volumes', rows, p.limit), count }));
};

const create: Handler = async (ctx) => {
  const { volume: b } = parseBody(createBody, ctx.body);
  for (const key of unsupportedSources) {
    const v = (b as Record<string, unknown>)[key];
    if (v !== undefined && v !== null) throw badRequest(`Creating a volume from ${key} is not supported by this Kiln node.`);
  }
  const params = opParams('volume.create', {
    size: b.size,
    name: b.name ?? b.display_name ?? undefined,
    description: b.description ?? b.display_description ?? undefined,
    volumeType: b.volume_type ?? undefined,
    availabilityZone: b.availability_zone ?? undefined,
    metadata: b.metadata ?? undefined,
  });
  const record = await ctx.ops.volumes.create(ctx.caller, params);
  return ok({ volume: volumeDetail(viewOf(ctx), record, false) }, 202);
};

const show: Handler = (ctx) => {
  const record = ctx.ops.volumes.show(ctx.caller, opParams('volume.show', { volume: param(ctx, 'id') }));
  return ok({ volume: volumeDetail(viewOf(ctx), record) });
};

const update: Handler = async (ctx) => {
  const { volume: b } = parseBody(updateBody, ctx.body);
  const params = opParams('volume.update', {
    volume: param(ctx, 'id'),
    name: b.name ?? b.display_name ?? undefined,
    description: b.description ?? b.display_description ?? undefined,
    metadata: b.metadata ?? undefined,
  });
  const record = await ctx.ops.volumes.update(ctx.caller, params);
  return ok({ volume: volumeDetail(viewOf(ctx), record) });
};

const remove: Handler = async (ctx) => {
  rejectUnknown(ctx.query, new Set(['cascade', 'force']));
  // Kiln volumes have no snapshots yet, so cascade changes nothing; a forced delete is another operation.
  boolParam('cascade', ctx.query.get('cascade'));
  if (boolParam('force', ctx.query.get('force'))) throw badRequest('Forced deletion is not supported by this Kiln node.');
  await ctx.ops.volumes.delete(ctx.caller, opParams('volume.delete', { volume: param(ctx, 'id') }));
  return accepted();
};

export function volumeRoutes(r: Router<Handler>): void {
  r.add('GET', '/volumes', list(false))
    .add('GET', '/volumes/detail', list(true))
    .add('POST', '/volumes', create)
    .add('GET', '/volumes/:id', show)
    .add('PUT', '/volumes/:id', update)
    .add('DELETE', '/volumes/:id', remove);
}
