/** Mapping of entity states to the records the API returns. */
import type { VolumeState } from '../../actors/volume/state.js';
import { KilnError } from '../../model/errors.js';
import type { VolumeRecord } from '../../model/volume.js';

export function volumeRecordOf(state: unknown): VolumeRecord {
  const s = state as VolumeState;
  if (!s.record) throw new KilnError('ERR_INTERNAL', 'volume has no record');
  return s.record;
}
