/** Cinder's volume statuses, exactly as Cinder spells them. */
export type VolumeStatus =
  | 'creating' | 'available' | 'reserved' | 'attaching' | 'in-use' | 'detaching'
  | 'extending' | 'deleting' | 'backing-up' | 'restoring-backup' | 'retyping'
  | 'error' | 'error_deleting' | 'error_extending' | 'error_restoring';

export const volumeStatuses: readonly VolumeStatus[] = [
  'creating', 'available', 'reserved', 'attaching', 'in-use', 'detaching', 'extending', 'deleting',
  'backing-up', 'restoring-backup', 'retyping', 'error', 'error_deleting', 'error_extending', 'error_restoring',
];

/** Statuses that no command leaves on its own: a volume must never rest in the others after a restart. */
export const settledVolumeStatuses: ReadonlySet<VolumeStatus> = new Set([
  'available', 'in-use', 'error', 'error_deleting', 'error_extending', 'error_restoring', 'reserved',
]);

export type SnapshotStatus = 'creating' | 'available' | 'deleting' | 'error';
export type BackupStatus = 'creating' | 'available' | 'deleting' | 'restoring' | 'error';
