import type { AttachmentSummary, Connector, VolumeRecord } from '../../model/volume.js';
import type { VolumeStatus } from '../../model/statuses.js';
import type { ScheduleRequest } from '../../model/backend.js';

/** What a create asked for that the scheduler needs again on a reschedule. */
export interface Placement {
  extraSpecs: Record<string, string>;
  qosConsumer: 'front-end' | 'back-end' | 'both' | undefined;
  /** Pools tried and failed, in order. */
  attempted: string[];
  /** The pool the current attempt runs on (host@backend#pool). */
  pool: string | null;
  /** Why the last attempt failed, kept for the final error reason. */
  lastError?: string | undefined;
}

/** Work persisted as intent before it runs, so a restart can finish or roll it back. */
export type Intent =
  | { kind: 'create' }
  | { kind: 'delete' }
  | { kind: 'extend'; fromGiB: number; toGiB: number }
  | { kind: 'connect'; attachmentId: string }
  | { kind: 'disconnect'; attachmentId: string }
  | null;

export interface VolumeState {
  record: VolumeRecord | null;
  placement: Placement | null;
  intent: Intent;
  deleted: boolean;
  /** The target driver's record of the volume's export (credentials included): never published. */
  exportRecord: unknown;
  /** Connection info handed to each attachment's host (credentials included): never published. */
  connections: Record<string, Record<string, unknown>>;
}

export const initialVolumeState = (): VolumeState => ({
  record: null, placement: null, intent: null, deleted: false, exportRecord: null, connections: {},
});

export type VolumeCommand =
  | {
    type: 'CreateVolume'; record: VolumeRecord; extraSpecs: Record<string, string>; qosConsumer: Placement['qosConsumer'];
    /** The scheduler's first answer, when the caller already asked (saves a journal write per create). */
    placement?: { pool: string; backend: string } | { failed: string } | undefined;
  }
  | {
    type: 'UpdateVolume'; name?: string | undefined; description?: string | undefined;
    /** Replaces all metadata. */
    metadata?: Record<string, string> | undefined;
    /** Merged into the metadata, then metadataUnset keys are removed. */
    metadataSet?: Record<string, string> | undefined;
    metadataUnset?: string[] | undefined;
    bootable?: boolean | undefined;
    readonly?: boolean | undefined;
  }
  | { type: 'DeleteVolume' }
  | { type: 'ExtendVolume'; newSizeGiB: number }
  | { type: 'ResetStatus'; status: VolumeStatus }
  | { type: 'CreateAttachment'; attachmentId: string; instanceUuid: string | null; connector: Connector | null; mode: 'rw' | 'ro' }
  | { type: 'UpdateAttachment'; attachmentId: string; connector: Connector }
  | { type: 'CompleteAttachment'; attachmentId: string }
  | { type: 'DeleteAttachment'; attachmentId: string }
  // Reports from effects:
  | { type: 'Placed'; pool: string; backend: string }
  | { type: 'PlacementFailed'; reason: string }
  | { type: 'Provisioned'; pool: string }
  | { type: 'ProvisionFailed'; pool: string; reason: string; maxAttempts: number }
  | { type: 'Deleted' }
  | { type: 'DeleteFailed'; reason: string }
  | { type: 'Extended'; newSizeGiB: number }
  | { type: 'ExtendFailed'; reason: string }
  | { type: 'Connected'; attachmentId: string; exportRecord: unknown; connectionInfo: Record<string, unknown> }
  | { type: 'ConnectFailed'; attachmentId: string; reason: string; exportRecord: unknown }
  | { type: 'Disconnected'; attachmentId: string; exportRemoved: boolean }
  | { type: 'DisconnectFailed'; attachmentId: string; reason: string }
  | { type: 'ExportReconciled'; exportRecord: unknown };

export type VolumeEvent =
  | { type: 'VolumeRequested'; record: VolumeRecord; extraSpecs: Record<string, string>; qosConsumer: Placement['qosConsumer'] }
  | {
    type: 'VolumeUpdated'; at: string; name?: string | undefined; description?: string | undefined;
    metadata?: Record<string, string> | undefined; bootable?: boolean | undefined; readonly?: boolean | undefined;
  }
  | { type: 'VolumePlaced'; at: string; pool: string; backend: string }
  | { type: 'ProvisionFailed'; at: string; pool: string; reason: string }
  | { type: 'VolumeProvisioned'; at: string }
  | { type: 'VolumeErrored'; at: string; status: 'error' | 'error_deleting' | 'error_extending'; reason: string }
  | { type: 'DeletionRequested'; at: string }
  | { type: 'VolumeDeleted'; at: string }
  | { type: 'ExtendRequested'; at: string; fromGiB: number; toGiB: number }
  | { type: 'VolumeExtended'; at: string; sizeGiB: number }
  | { type: 'StatusReset'; at: string; status: VolumeStatus }
  | { type: 'AttachmentReserved'; at: string; attachment: AttachmentSummary }
  | { type: 'ConnectRequested'; at: string; attachmentId: string; connector: Connector }
  | { type: 'AttachmentConnected'; at: string; attachmentId: string; exportRecord: unknown; connectionInfo: Record<string, unknown> }
  | { type: 'AttachmentFailed'; at: string; attachmentId: string; reason: string; exportRecord: unknown }
  | { type: 'AttachmentCompleted'; at: string; attachmentId: string }
  | { type: 'DisconnectRequested'; at: string; attachmentId: string }
  | { type: 'AttachmentRemoved'; at: string; attachmentId: string; exportRemoved: boolean }
  | { type: 'DetachFailed'; at: string; attachmentId: string; reason: string }
  | { type: 'ExportChanged'; at: string; exportRecord: unknown };

/** What the scheduler is asked for a volume, at create and at every reschedule. */
export function scheduleRequestOf(record: VolumeRecord, placement: Pick<Placement, 'extraSpecs' | 'qosConsumer' | 'attempted'>): ScheduleRequest {
  return {
    volumeId: record.id, sizeGiB: record.sizeGiB, availabilityZone: record.availabilityZone, extraSpecs: placement.extraSpecs,
    qosConsumer: placement.qosConsumer, attempted: placement.attempted, multiattach: record.multiattach,
  };
}
