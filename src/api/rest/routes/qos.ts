/** /qos-specs: create, list, show, keys, associations (Cinder uses GET for associate/disassociate). */
import { z } from 'zod';
import { accepted, ok, param, viewOf, type Handler, type RestContext } from '../context.js';
import { badRequest } from '../faults.js';
import { opParams, parseBody } from '../input.js';
import { boolParam } from '../query.js';
import type { Router } from '../router.js';
import { qosAssociations, qosDetail, qosList } from '../views/catalog-view.js';

/** Cinder's body is flat: name and consumer next to the spec keys. Values arrive as strings. */
const specValue = z.union([z.string().max(255), z.number()]).transform(String);
const createBody = z.strictObject({
  qos_specs: z.object({ name: z.string().min(1).max(255), consumer: z.string().optional() }).catchall(specValue),
});
const setBody = z.strictObject({ qos_specs: z.record(z.string().min(1).max(255), specValue) });
const unsetBody = z.strictObject({ keys: z.array(z.string().min(1).max(255)).min(1) });

const create: Handler = async (ctx) => {
  const { qos_specs: { name, consumer, ...specs } } = parseBody(createBody, ctx.body);
  const q = await ctx.ops.catalog.createQos(ctx.caller, opParams('qos.create', { name, consumer, specs }));
  return ok(qosDetail(viewOf(ctx), q));
};

const show: Handler = (ctx) => ok(qosDetail(viewOf(ctx), ctx.ops.catalog.showQos(ctx.caller, opParams('qos.show', { qos: param(ctx, 'id') }))));

const setKeys: Handler = async (ctx) => {
  const { qos_specs } = parseBody(setBody, ctx.body);
  await ctx.ops.catalog.setQosKeys(ctx.caller, opParams('qos.setKeys', { qos: param(ctx, 'id'), specs: qos_specs }));
  return ok({ qos_specs });
};

const unsetKeys: Handler = async (ctx) => {
  const { keys } = parseBody(unsetBody, ctx.body);
  await ctx.ops.catalog.unsetQosKeys(ctx.caller, opParams('qos.unsetKeys', { qos: param(ctx, 'id'), keys }));
  return accepted();
};

const remove: Handler = async (ctx) => {
  const force = boolParam('force', ctx.query.get('force')) ?? false;
  await ctx.ops.catalog.deleteQos(ctx.caller, opParams('qos.delete', { qos: param(ctx, 'id'), force }));
  return accepted();
};

function typeId(ctx: RestContext): string {
  const id = ctx.query.get('vol_type_id');
  if (!id) throw badRequest('Volume Type id must not be None.');
  return id;
}

const associate = (on: boolean): Handler => async (ctx) => {
  await ctx.ops.catalog.associateQos(ctx.caller, opParams(on ? 'qos.associate' : 'qos.disassociate', { qos: param(ctx, 'id'), type: typeId(ctx) }), on);
  return accepted();
};

const disassociateAll: Handler = async (ctx) => {
  await ctx.ops.catalog.disassociateAllQos(ctx.caller, opParams('qos.disassociateAll', { qos: param(ctx, 'id') }));
  return accepted();
};

const associations: Handler = (ctx) =>
  ok(qosAssociations(ctx.ops.catalog.qosAssociations(ctx.caller, opParams('qos.associations', { qos: param(ctx, 'id') }))));

export function qosRoutes(r: Router<Handler>): void {
  r.add('GET', '/qos-specs', (ctx) => ok(qosList(ctx.ops.catalog.listQos(ctx.caller))))
    .add('POST', '/qos-specs', create)
    .add('GET', '/qos-specs/:id', show)
    .add('PUT', '/qos-specs/:id', setKeys)
    .add('DELETE', '/qos-specs/:id', remove)
    .add('PUT', '/qos-specs/:id/delete_keys', unsetKeys)
    .add('GET', '/qos-specs/:id/associations', associations)
    .add('GET', '/qos-specs/:id/associate', associate(true))
    .add('GET', '/qos-specs/:id/disassociate', associate(false))
    .add('GET', '/qos-specs/:id/disassociate_all', disassociateAll);
}
