import type { VolumeRecord } from '../../model/volume.js';
import type { VolumeStatus } from '../../model/statuses.js';

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
  | null;

export interface VolumeState {
  record: VolumeRecord | null;
  placement: Placement | null;
  intent: Intent;
  deleted: boolean;
}

export const initialVolumeState = (): VolumeState => ({ record: null, placement: null, intent: null, deleted: false });

export type VolumeCommand =
  | { type: 'CreateVolume'; record: VolumeRecord; extraSpecs: Record<string, string>; qosConsumer: Placement['qosConsumer'] }
  | {
    type: 'UpdateVolume'; name?: string | undefined; description?: string | undefined;
    /** Replaces all metadata. */
    metadata?: Record<string, string> | undefined;
    /** Merged into the metadata, then metadataUnset keys are removed. */
    metadataSet?: Record<string, string> | undefined;
    metadataUnset?: string[] | undefined;
  }
  | { type: 'DeleteVolume' }
  | { type: 'ExtendVolume'; newSizeGiB: number }
  | { type: 'ResetStatus'; status: VolumeStatus }
  // Reports from effects:
  | { type: 'Placed'; pool: string; backend: string }
  | { type: 'PlacementFailed'; reason: string }
  | { type: 'Provisioned'; pool: string }
  | { type: 'ProvisionFailed'; pool: string; reason: string; maxAttempts: number }
  | { type: 'Deleted' }
  | { type: 'DeleteFailed'; reason: string }
  | { type: 'Extended'; newSizeGiB: number }
  | { type: 'ExtendFailed'; reason: string };

export type VolumeEvent =
  | { type: 'VolumeRequested'; record: VolumeRecord; extraSpecs: Record<string, string>; qosConsumer: Placement['qosConsumer'] }
  | { type: 'VolumeUpdated'; at: string; name?: string | undefined; description?: string | undefined; metadata?: Record<string, string> | undefined }
  | { type: 'VolumePlaced'; at: string; pool: string; backend: string }
  | { type: 'ProvisionFailed'; at: string; pool: string; reason: string }
  | { type: 'VolumeProvisioned'; at: string }
  | { type: 'VolumeErrored'; at: string; status: 'error' | 'error_deleting' | 'error_extending'; reason: string }
  | { type: 'DeletionRequested'; at: string }
  | { type: 'VolumeDeleted'; at: string }
  | { type: 'ExtendRequested'; at: string; fromGiB: number; toGiB: number }
  | { type: 'VolumeExtended'; at: string; sizeGiB: number }
  | { type: 'StatusReset'; at: string; status: VolumeStatus };
