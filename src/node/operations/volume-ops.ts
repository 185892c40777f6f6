import { scheduleRequestOf, type VolumeCommand } from '../../actors/volume/state.js';
import type { Params } from '../../api/protocol.js';
import { invalidParams } from '../../model/errors.js';
import { newId } from '../../model/ids.js';
import type { VolumeRecord } from '../../model/volume.js';
import { matchesSpec } from '../../scheduler/extra-spec-ops.js';
import { ask } from '../../actors/runtime.js';
import type { SchedulerMsg } from '../../actors/scheduler/scheduler-actor.js';
import type { ScheduleResult } from '../../model/backend.js';
import { defaultType, resolveType } from './catalog-ops.js';
import { requireAdmin, type Caller, type NodeParts } from './context.js';
import { volumeRecordOf } from './records.js';

/** The project a caller acts in: members only their own, admins any they name. */
function projectFor(c: Caller, requested: string | undefined): string {
  if (requested === undefined || requested === c.projectId) return c.projectId;
  requireAdmin(c, 'acting in another project');
  return requested;
}

function knownZones(parts: NodeParts): Set<string> {
  return new Set([parts.options.storageAvailabilityZone, ...parts.options.backends.map((b) => b.availabilityZone)]);
}

export function volumeOps(parts: NodeParts) {
  const run = async (id: string, cmd: VolumeCommand): Promise<VolumeRecord> =>
    volumeRecordOf(await parts.volumes.ask(id, (reply) => ({ kind: 'command', cmd, reply }), parts.askTimeoutMs));
  const scope = (c: Caller) => (c.isAdmin ? undefined : c.projectId);
  const resolve = (c: Caller, idOrName: string) => parts.readModel.resolve(idOrName, scope(c));

  return {
    async create(c: Caller, p: Params<'volume.create'>): Promise<VolumeRecord> {
      const view = parts.catalogView();
      const type = p.volumeType === undefined ? defaultType(parts) : resolveType(view, p.volumeType, 'volumeType', c);
      const zone = p.availabilityZone ?? parts.options.storageAvailabilityZone;
      if (!knownZones(parts).has(zone)) throw invalidParams('availabilityZone', `Availability zone '${zone}' is invalid.`);
      const now = new Date().toISOString();
      const id = newId();
      const qos = type.qosSpecsId ? view.qos[type.qosSpecsId] : undefined;
      const record: VolumeRecord = {
        id, projectId: projectFor(c, p.projectId), userId: c.userId, name: p.name ?? null, description: p.description ?? null,
        sizeGiB: p.size, status: 'creating', volumeTypeId: type.id, volumeTypeName: type.name, availabilityZone: zone,
        metadata: p.metadata ?? {}, host: null, backend: null, bootable: false, readonly: false, attachments: [],
        multiattach: type.extraSpecs.multiattach !== undefined && matchesSpec(true, type.extraSpecs.multiattach),
        errorReason: null, createdAt: now, updatedAt: now,
      };
      // Placed before the first write, as Cinder's API asks its scheduler: one journal entry fewer per create.
      const req = scheduleRequestOf(record, { extraSpecs: type.extraSpecs, qosConsumer: qos?.consumer, attempted: [] });
      const scheduled = await ask<SchedulerMsg, ScheduleResult>(parts.scheduler, (reply) => ({ type: 'schedule', reply, req }), parts.askTimeoutMs);
      const placement = scheduled.ok ? { pool: scheduled.pool.name, backend: scheduled.pool.backend } : { failed: scheduled.reason };
      return run(id, { type: 'CreateVolume', record, extraSpecs: type.extraSpecs, qosConsumer: qos?.consumer, placement });
    },
    list(c: Caller, p: Params<'volume.list'>): VolumeRecord[] {
      if (p.allTenants) requireAdmin(c, 'listing volumes of all projects');
      const projectId = p.allTenants ? p.projectId : projectFor(c, p.projectId);
      return parts.readModel.list({ ...p, projectId });
    },
    show: (c: Caller, p: Params<'volume.show'>): VolumeRecord => resolve(c, p.volume),
    async update(c: Caller, p: Params<'volume.update'>): Promise<VolumeRecord> {
      return run(resolve(c, p.volume).id, { type: 'UpdateVolume', name: p.name, description: p.description, metadata: p.metadata });
    },
    async setMetadata(c: Caller, p: Params<'volume.setMetadata'>): Promise<VolumeRecord> {
      return run(resolve(c, p.volume).id, { type: 'UpdateVolume', metadataSet: p.metadata });
    },
    async unsetMetadata(c: Caller, p: Params<'volume.unsetMetadata'>): Promise<VolumeRecord> {
      return run(resolve(c, p.volume).id, { type: 'UpdateVolume', metadataUnset: p.keys });
    },
    async delete(c: Caller, p: Params<'volume.delete'>): Promise<VolumeRecord> {
      return run(resolve(c, p.volume).id, { type: 'DeleteVolume' });
    },
    async extend(c: Caller, p: Params<'volume.extend'>): Promise<VolumeRecord> {
      return run(resolve(c, p.volume).id, { type: 'ExtendVolume', newSizeGiB: p.newSize });
    },
    async resetStatus(c: Caller, p: Params<'volume.resetStatus'>): Promise<VolumeRecord> {
      requireAdmin(c, 'volume_extension:volume_admin_actions:reset_status');
      return run(resolve(c, p.volume).id, { type: 'ResetStatus', status: p.status });
    },
  };
}

