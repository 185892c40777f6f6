import type { VolumeRecord } from '../../model/volume.js';
import { evolveAttachment, isAttachmentEvent } from './evolve-attachments.js';
import type { VolumeEvent, VolumeState } from './state.js';

const withRecord = (s: VolumeState, patch: Partial<VolumeRecord>, at: string): VolumeState =>
  s.record ? { ...s, record: { ...s.record, ...patch, updatedAt: at } } : s;

/** Pure and total: applies one event, live and at replay. */
export function evolveVolume(s: VolumeState, e: VolumeEvent): VolumeState {
  if (isAttachmentEvent(e)) return evolveAttachment(s, e);
  switch (e.type) {
    case 'VolumeRequested':
      return {
        record: e.record, placement: { extraSpecs: e.extraSpecs, qosConsumer: e.qosConsumer, attempted: [], pool: null },
        intent: { kind: 'create' }, deleted: false, exportRecord: null, connections: {},
      };
    case 'VolumeUpdated': {
      const patch: Partial<VolumeRecord> = {};
      if (e.name !== undefined) patch.name = e.name;
      if (e.description !== undefined) patch.description = e.description;
      if (e.metadata !== undefined) patch.metadata = e.metadata;
      if (e.bootable !== undefined) patch.bootable = e.bootable;
      if (e.readonly !== undefined) patch.readonly = e.readonly;
      return withRecord(s, patch, e.at);
    }
    case 'VolumePlaced':
      return { ...withRecord(s, { host: e.pool, backend: e.backend }, e.at), placement: s.placement && { ...s.placement, pool: e.pool } };
    case 'ProvisionFailed':
      return {
        ...withRecord(s, { host: null, backend: null }, e.at),
        placement: s.placement && { ...s.placement, pool: null, attempted: [...s.placement.attempted, e.pool], lastError: `${e.pool}: ${e.reason}` },
      };
    case 'VolumeProvisioned':
      return { ...withRecord(s, { status: 'available', errorReason: null }, e.at), intent: null };
    case 'VolumeErrored':
      return { ...withRecord(s, { status: e.status, errorReason: e.reason }, e.at), intent: null };
    case 'DeletionRequested':
      return { ...withRecord(s, { status: 'deleting' }, e.at), intent: { kind: 'delete' } };
    case 'VolumeDeleted':
      return { ...s, intent: null, deleted: true };
    case 'ExtendRequested':
      return { ...withRecord(s, { status: 'extending' }, e.at), intent: { kind: 'extend', fromGiB: e.fromGiB, toGiB: e.toGiB } };
    case 'VolumeExtended':
      return { ...withRecord(s, { status: 'available', sizeGiB: e.sizeGiB, errorReason: null }, e.at), intent: null };
    case 'StatusReset':
      return { ...withRecord(s, { status: e.status }, e.at), intent: null };
  }
}
