import type { VolumeStatus } from '../../model/statuses.js';

/** User commands and the statuses that allow them: Cinder's rules in one table. */
export type UserCommand = 'UpdateVolume' | 'DeleteVolume' | 'ExtendVolume' | 'ResetStatus';

const any: readonly VolumeStatus[] = [
  'creating', 'available', 'reserved', 'attaching', 'in-use', 'detaching', 'extending', 'deleting',
  'backing-up', 'restoring-backup', 'retyping', 'error', 'error_deleting', 'error_extending', 'error_restoring',
];

export const allowedStatuses: Record<UserCommand, readonly VolumeStatus[]> = {
  UpdateVolume: any,
  DeleteVolume: ['available', 'error', 'error_restoring', 'error_extending', 'error_deleting'],
  ExtendVolume: ['available'],
  ResetStatus: any,
};

export function isAllowed(command: UserCommand, status: VolumeStatus): boolean {
  return allowedStatuses[command].includes(status);
}
