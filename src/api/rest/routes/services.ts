/** /os-services, /scheduler-stats/get_pools and /os-availability-zone. */
import { z } from 'zod';
import { ok, param, viewOf, type Handler } from '../context.js';
import { badRequest, RestError } from '../faults.js';
import { opParams, parseBody } from '../input.js';
import { boolParam, rejectUnknown } from '../query.js';
import type { Router } from '../router.js';
import { poolList, serviceList, serviceUpdate, zoneList } from '../views/service-view.js';

const updateBody = z.looseObject({
  host: z.string().min(1).max(255),
  binary: z.string().max(255).optional(),
  service: z.string().max(255).optional(),
  disabled_reason: z.string().max(255).nullish(),
});

/** Cinder service actions Kiln does not implement (replication, dynamic log levels). */
const unsupportedActions = new Set(['freeze', 'thaw', 'failover_host', 'failover', 'set-log', 'get-log']);

const list: Handler = async (ctx) => {
  rejectUnknown(ctx.query, new Set(['host', 'binary']));
  const rows = await ctx.ops.services.list(ctx.caller, opParams('service.list', {
    host: ctx.query.get('host') ?? undefined, binary: ctx.query.get('binary') ?? undefined,
  }));
  return ok(serviceList(viewOf(ctx), rows));
};

const update: Handler = async (ctx) => {
  const action = param(ctx, 'action');
  if (unsupportedActions.has(action)) throw new RestError(501, `The service action ${action} is not implemented by this Kiln node.`);
  if (action !== 'enable' && action !== 'disable' && action !== 'disable-log-reason') throw badRequest('Unknown action');
  const b = parseBody(updateBody, ctx.body);
  const binary = b.binary || b.service;
  if (!binary) throw badRequest('Missing required element \'binary\' in request body.');
  const requested = { service: b.service ?? '', binary: b.binary ?? '' };
  if (action === 'enable') {
    const s = await ctx.ops.services.enable(ctx.caller, opParams('service.enable', { host: b.host, binary }));
    return ok(serviceUpdate(s, requested, true));
  }
  const reason = action === 'disable-log-reason' ? b.disabled_reason ?? undefined : undefined;
  const s = await ctx.ops.services.disable(ctx.caller, opParams('service.disable', { host: b.host, binary, reason }));
  return ok(serviceUpdate(s, requested, action === 'disable-log-reason'));
};

const pools: Handler = async (ctx) => {
  rejectUnknown(ctx.query, new Set(['detail']));
  const detail = boolParam('detail', ctx.query.get('detail')) ?? false;
  return ok(poolList(await ctx.ops.services.pools(ctx.caller, opParams('pool.list', { detail })), detail));
};

const zones: Handler = (ctx) => ok(zoneList(ctx.ops.zones.list(ctx.caller)));

export function serviceRoutes(r: Router<Handler>): void {
  r.add('GET', '/os-services', list)
    .add('PUT', '/os-services/:action', update)
    .add('GET', '/scheduler-stats/get_pools', pools)
    .add('GET', '/os-availability-zone', zones)
    .add('GET', '/os-availability-zone/detail', zones);
}
