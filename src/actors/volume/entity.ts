import type { IndexOp } from '../../store/store.js';
import type { EntityDef } from '../entity.js';
import { decideVolume } from './decide.js';
import { reconcileVolume, repairVolume, volumeEffects, type VolumeEnv } from './effects.js';
import { evolveVolume } from './evolve.js';
import { initialVolumeState, type VolumeCommand, type VolumeEvent, type VolumeState } from './state.js';

export const volumeIndex = 'volumes';

export function volumeIndexOps(id: string, _before: VolumeState, after: VolumeState): IndexOp[] {
  if (after.deleted || !after.record) return [{ type: 'del', index: volumeIndex, key: id }];
  return [{ type: 'put', index: volumeIndex, key: id, value: after.record }];
}

export const volumeEntity: EntityDef<VolumeState, VolumeCommand, VolumeEvent, VolumeEnv> = {
  kind: 'volume',
  initial: initialVolumeState,
  decide: decideVolume,
  evolve: evolveVolume,
  indexOps: volumeIndexOps,
  isGone: (s) => s.deleted,
  isEmpty: (s) => s.record === null || s.deleted,
  onChange: (id, _before, after, env) => env.publish(id, after),
  effects: volumeEffects,
  // An unfinished intent after recovery is simply run again: every step is idempotent.
  reconcile: reconcileVolume,
  repair: repairVolume,
  snapshotEvery: 100,
  // Respawning is cheap (a snapshot and a few events), memory for thousands of idle actors is not.
  passivateAfterMs: 1_000,
};

