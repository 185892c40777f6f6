/** POST /volumes/{id}/action: one action per body, named by its only key, as in Cinder. */
import { z } from 'zod';
import { accepted, param, type Handler, type RestContext, type RestResult } from '../context.js';
import { badRequest, RestError } from '../faults.js';
import { opParams, parseBody } from '../input.js';
import type { Router } from '../router.js';

const boolish = z.union([
  z.boolean(),
  z.string().regex(/^(true|false|1|0|yes|no|on|off|t|f|y|n)$/i, 'must be a boolean').transform((s) => /^(true|1|yes|on|t|y)$/i.test(s)),
]);
const sizeField = z.union([z.number().int(), z.string().regex(/^\d+$/, 'must be an integer')]).transform(Number);

const bodies = {
  'os-extend': z.strictObject({ 'os-extend': z.strictObject({ new_size: sizeField }) }),
  'os-reset_status': z.strictObject({
    'os-reset_status': z.strictObject({ status: z.string().optional(), attach_status: z.string().optional(), migration_status: z.string().optional() }),
  }),
  'os-set_bootable': z.strictObject({ 'os-set_bootable': z.strictObject({ bootable: boolish }) }),
  'os-update_readonly_flag': z.strictObject({ 'os-update_readonly_flag': z.strictObject({ readonly: boolish }) }),
};

type ActionName = keyof typeof bodies;

/** Cinder actions Kiln knows of but does not implement (attachments, migration, images, …). */
const notImplemented = new Set([
  'os-attach', 'os-detach', 'os-reserve', 'os-unreserve', 'os-begin_detaching', 'os-roll_detaching',
  'os-initialize_connection', 'os-terminate_connection', 'os-force_delete', 'os-force_detach', 'os-retype',
  'os-migrate_volume', 'os-migrate_volume_completion', 'os-volume_upload_image', 'os-unmanage', 'revert',
  'os-reimage', 'os-enable_replication', 'os-disable_replication', 'os-failover_replication', 'os-list_replication_targets',
]);

const actions: Record<ActionName, (ctx: RestContext, volume: string) => Promise<RestResult>> = {
  async 'os-extend'(ctx, volume) {
    const b = parseBody(bodies['os-extend'], ctx.body)['os-extend'];
    await ctx.ops.volumes.extend(ctx.caller, opParams('volume.extend', { volume, newSize: b.new_size }));
    return accepted();
  },
  async 'os-reset_status'(ctx, volume) {
    const b = parseBody(bodies['os-reset_status'], ctx.body)['os-reset_status'];
    if (b.status === undefined) throw badRequest('Must specify \'status\', \'attach_status\' or \'migration_status\' for update.');
    if (b.attach_status !== undefined || b.migration_status !== undefined) {
      throw badRequest('Only the status of a volume can be reset on this Kiln node.');
    }
    await ctx.ops.volumes.resetStatus(ctx.caller, opParams('volume.resetStatus', { volume, status: b.status }));
    return accepted();
  },
  async 'os-set_bootable'(ctx, volume) {
    const b = parseBody(bodies['os-set_bootable'], ctx.body)['os-set_bootable'];
    await ctx.ops.volumeMeta.setBootable(ctx.caller, { volume, bootable: b.bootable });
    return { status: 200 };
  },
  async 'os-update_readonly_flag'(ctx, volume) {
    const b = parseBody(bodies['os-update_readonly_flag'], ctx.body)['os-update_readonly_flag'];
    await ctx.ops.volumeMeta.setReadonly(ctx.caller, { volume, readonly: b.readonly });
    return accepted();
  },
};

const action: Handler = (ctx) => {
  const body = ctx.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Malformed request body');
  const keys = Object.keys(body);
  if (keys.length !== 1) throw badRequest('Malformed request body: exactly one action is expected.');
  const name = keys[0] ?? '';
  if (Object.hasOwn(actions, name)) return actions[name as ActionName](ctx, param(ctx, 'id'));
  if (notImplemented.has(name)) throw new RestError(501, `The action ${name} is not implemented by this Kiln node.`);
  throw badRequest(`There is no such action: ${name}`);
};

export function volumeActionRoutes(r: Router<Handler>): void {
  r.add('POST', '/volumes/:id/action', action);
}
