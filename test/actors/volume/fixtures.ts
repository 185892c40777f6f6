/** Plain-value volume states for decide/evolve tables: one builder per resting point of the lifecycle. */
import type { VolumeStatus } from '../../../src/model/statuses.js';
import type { VolumeRecord } from '../../../src/model/volume.js';
import { decideVolume } from '../../../src/actors/volume/decide.js';
import { evolveVolume } from '../../../src/actors/volume/evolve.js';
import type { Placement, VolumeCommand, VolumeEvent, VolumeState } from '../../../src/actors/volume/state.js';

export const volumeId = 'vol-1';
export const createdAt = '2024-01-01T00:00:00.000Z';
export const now = '2024-01-02T03:04:05.000Z';
export const ctx = { id: volumeId, now };
export const poolA = 'node1@lvm#pool0';
export const poolB = 'node2@lvm#pool0';
export const poolC = 'node3@lvm#pool0';

export function recordFixture(overrides: Partial<VolumeRecord> = {}): VolumeRecord {
  return {
    id: volumeId, projectId: 'p1', userId: 'u1', name: 'data', description: null, sizeGiB: 10,
    status: 'creating', volumeTypeId: 'type-1', volumeTypeName: '__DEFAULT__', availabilityZone: 'nova',
    metadata: {}, host: null, backend: null, bootable: false, readonly: false, multiattach: false, attachments: [],
    errorReason: null, createdAt, updatedAt: createdAt, ...overrides,
  };
}

const placementFixture = (overrides: Partial<Placement> = {}): Placement => ({
  extraSpecs: { volume_backend_name: 'lvm' }, qosConsumer: undefined, attempted: [], pool: null, ...overrides,
});

/** Just requested: waiting for the scheduler. */
export const requested = (placement: Partial<Placement> = {}): VolumeState => ({
  record: recordFixture(), placement: placementFixture(placement), intent: { kind: 'create' }, deleted: false, exportRecord: null, connections: {},
});

/** Placed on `pool`, the driver not yet done. */
export const placed = (pool = poolA, attempted: string[] = []): VolumeState => ({
  record: recordFixture({ host: pool, backend: 'lvm' }),
  placement: placementFixture({ pool, attempted }),
  intent: { kind: 'create' },
  deleted: false,
  exportRecord: null,
  connections: {},
});

/** A volume resting in `status` with no work in flight. */
export const resting = (status: VolumeStatus, record: Partial<VolumeRecord> = {}): VolumeState => ({
  record: recordFixture({ status, host: poolA, backend: 'lvm', ...record }),
  placement: placementFixture({ pool: poolA }),
  intent: null,
  deleted: false,
  exportRecord: null,
  connections: {},
});

export const deleting = (): VolumeState => ({ ...resting('deleting'), intent: { kind: 'delete' } });
export const extending = (fromGiB = 10, toGiB = 20): VolumeState => ({
  ...resting('extending', { sizeGiB: fromGiB }), intent: { kind: 'extend', fromGiB, toGiB },
});
export const gone = (): VolumeState => ({ ...resting('deleting'), deleted: true });

export const createCommand = (record: VolumeRecord = recordFixture()): VolumeCommand => ({
  type: 'CreateVolume', record, extraSpecs: { volume_backend_name: 'lvm' }, qosConsumer: undefined,
});

/** Runs commands through decide and evolve as the entity does, collecting every event; errors stop nothing. */
export function drive(start: VolumeState, commands: VolumeCommand[]): { state: VolumeState; events: VolumeEvent[]; errors: string[] } {
  let state = start;
  const events: VolumeEvent[] = [];
  const errors: string[] = [];
  for (const cmd of commands) {
    const d = decideVolume(state, cmd, ctx);
    if ('error' in d) { errors.push(`${cmd.type}: ${d.error.code}`); continue; }
    events.push(...d.events);
    state = d.events.reduce(evolveVolume, state);
  }
  return { state, events, errors };
}
