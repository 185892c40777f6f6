/** /types: volume types, their extra specs and (read-only) access lists. */
import { z } from 'zod';
import { accepted, ok, param, viewOf, type Handler } from '../context.js';
import { badRequest, RestError } from '../faults.js';
import { opParams, parseBody } from '../input.js';
import { isPublicParam, rejectUnknown } from '../query.js';
import type { Router } from '../router.js';
import { volumeTypeList, volumeTypeView } from '../views/catalog-view.js';

const specKey = z.string().min(1).max(255);
const specs = z.record(specKey, z.string().max(255));
const publicFlag = z.union([z.boolean(), z.string().regex(/^(true|false)$/i, 'must be a boolean').transform((s) => s.toLowerCase() === 'true')]);

const createBody = z.strictObject({
  volume_type: z.strictObject({
    name: z.string().min(1).max(255),
    description: z.string().max(255).nullish(),
    is_public: publicFlag.optional(),
    'os-volume-type-access:is_public': publicFlag.optional(),
    extra_specs: specs.optional(),
  }),
});

const updateBody = z.strictObject({
  volume_type: z.strictObject({
    name: z.string().min(1).max(255).nullish(),
    description: z.string().max(255).nullish(),
    is_public: publicFlag.nullish(),
  }),
});

const list: Handler = (ctx) => {
  rejectUnknown(ctx.query, new Set(['is_public', 'name']));
  const types = ctx.ops.catalog.listTypes(ctx.caller, opParams('type.list', { isPublic: isPublicParam(ctx.query.get('is_public')) }));
  const name = ctx.query.get('name');
  return ok(volumeTypeList(viewOf(ctx), name === null ? types : types.filter((t) => t.name === name)));
};

const create: Handler = async (ctx) => {
  const { volume_type: b } = parseBody(createBody, ctx.body);
  const t = await ctx.ops.catalog.createType(ctx.caller, opParams('type.create', {
    name: b.name,
    description: b.description ?? undefined,
    isPublic: b['os-volume-type-access:is_public'] ?? b.is_public,
    extraSpecs: b.extra_specs,
  }));
  return ok({ volume_type: volumeTypeView(viewOf(ctx), t, { created: true }) });
};

const show: Handler = (ctx) =>
  ok({ volume_type: volumeTypeView(viewOf(ctx), ctx.ops.catalog.showType(ctx.caller, opParams('type.show', { type: param(ctx, 'id') }))) });

const showDefault: Handler = (ctx) => ok({ volume_type: volumeTypeView(viewOf(ctx), ctx.ops.catalog.defaultType()) });

const update: Handler = async (ctx) => {
  const { volume_type: b } = parseBody(updateBody, ctx.body);
  if (b.name == null && b.description == null && b.is_public == null) {
    throw badRequest('Specify volume type name, description, is_public or a combination thereof.');
  }
  const t = await ctx.ops.catalog.updateType(ctx.caller, opParams('type.update', {
    type: param(ctx, 'id'), name: b.name ?? undefined, description: b.description ?? undefined, isPublic: b.is_public ?? undefined,
  }));
  return ok({ volume_type: volumeTypeView(viewOf(ctx), t) });
};

const remove: Handler = async (ctx) => {
  await ctx.ops.catalog.deleteType(ctx.caller, opParams('type.delete', { type: param(ctx, 'id') }));
  return accepted();
};

const listSpecs: Handler = (ctx) => {
  const t = ctx.ops.catalog.showType(ctx.caller, opParams('type.show', { type: param(ctx, 'id') }));
  return ok({ extra_specs: volumeTypeView(viewOf(ctx), t).extra_specs });
};

const setSpecs: Handler = async (ctx) => {
  const { extra_specs } = parseBody(z.strictObject({ extra_specs: specs }), ctx.body);
  await ctx.ops.catalog.setTypeKeys(ctx.caller, opParams('type.setKeys', { type: param(ctx, 'id'), specs: extra_specs }));
  return ok({ extra_specs });
};

const showSpec: Handler = (ctx) => {
  const id = param(ctx, 'id');
  const key = param(ctx, 'key');
  const t = ctx.ops.catalog.showType(ctx.caller, opParams('type.show', { type: id }));
  const value = (volumeTypeView(viewOf(ctx), t).extra_specs as Record<string, string>)[key];
  if (value === undefined) throw new RestError(404, `Volume Type ${t.id} has no extra specs with key ${key}.`);
  return ok({ [key]: value });
};

const setSpec: Handler = async (ctx) => {
  const key = param(ctx, 'key');
  const body = parseBody(specs, ctx.body);
  const keys = Object.keys(body);
  if (keys.length > 1) throw badRequest('Request body contains too many items.');
  if (keys[0] !== key) throw badRequest('Request body and URI mismatch');
  await ctx.ops.catalog.setTypeKeys(ctx.caller, opParams('type.setKeys', { type: param(ctx, 'id'), specs: body }));
  return ok(body);
};

const unsetSpec: Handler = async (ctx) => {
  await ctx.ops.catalog.unsetTypeKeys(ctx.caller, opParams('type.unsetKeys', { type: param(ctx, 'id'), keys: [param(ctx, 'key')] }));
  return accepted();
};

const accessList: Handler = (ctx) => {
  const t = ctx.ops.catalog.showType(ctx.caller, opParams('type.show', { type: param(ctx, 'id') }));
  if (t.isPublic) throw new RestError(404, 'Access list not available for public volume types.');
  const rows = ctx.ops.catalog.listTypeAccess(ctx.caller, opParams('type.listAccess', { type: t.id }));
  return ok({ volume_type_access: rows.map((r) => ({ volume_type_id: r.volumeTypeId, project_id: r.projectId })) });
};

/** addProjectAccess / removeProjectAccess: {"addProjectAccess": {"project": "<id>"}}. */
const typeAction: Handler = async (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, { project?: unknown } | undefined>;
  const [action, ...more] = Object.keys(body);
  const project = action ? body[action]?.project : undefined;
  if (more.length > 0 || (action !== 'addProjectAccess' && action !== 'removeProjectAccess')) {
    throw badRequest('Invalid request body: expected addProjectAccess or removeProjectAccess.');
  }
  if (typeof project !== 'string' || project.length === 0) throw badRequest('Access to a private volume type needs a project id.');
  const params = { type: param(ctx, 'id'), projectId: project };
  if (action === 'addProjectAccess') await ctx.ops.catalog.addTypeAccess(ctx.caller, opParams('type.addAccess', params));
  else await ctx.ops.catalog.removeTypeAccess(ctx.caller, opParams('type.removeAccess', params));
  return accepted();
};

export function typeRoutes(r: Router<Handler>): void {
  r.add('GET', '/types', list)
    .add('POST', '/types', create)
    .add('GET', '/types/default', showDefault)
    .add('GET', '/types/:id', show)
    .add('PUT', '/types/:id', update)
    .add('DELETE', '/types/:id', remove)
    .add('GET', '/types/:id/extra_specs', listSpecs)
    .add('POST', '/types/:id/extra_specs', setSpecs)
    .add('GET', '/types/:id/extra_specs/:key', showSpec)
    .add('PUT', '/types/:id/extra_specs/:key', setSpec)
    .add('DELETE', '/types/:id/extra_specs/:key', unsetSpec)
    .add('GET', '/types/:id/os-volume-type-access', accessList)
    .add('POST', '/types/:id/action', typeAction);
}
