import test from 'ava';
import { evolveVolume } from '../../../src/actors/volume/evolve.js';
import { initialVolumeState, type VolumeCommand, type VolumeState } from '../../../src/actors/volume/state.js';
import { decode, encode } from '../../../src/store/codec.js';
import { createCommand, drive, poolA, poolB, poolC } from './fixtures.js';

const placedOn = (pool: string): VolumeCommand => ({ type: 'Placed', pool, backend: 'lvm' });
const failedOn = (pool: string, reason: string, maxAttempts = 3): VolumeCommand => ({ type: 'ProvisionFailed', pool, reason, maxAttempts });

interface Scenario {
  behaviour: string;
  commands: VolumeCommand[];
  eventTypes: string[];
  errors?: string[];
  final: { status?: string; sizeGiB?: number; host?: string | null; errorReason?: string | null; attempted?: string[]; deleted?: boolean; intent?: VolumeState['intent'] };
}

const scenarios: Scenario[] = [
  {
    behaviour: 'create, extend and delete on the first pool',
    commands: [createCommand(), placedOn(poolA), { type: 'Provisioned', pool: poolA }, { type: 'ExtendVolume', newSizeGiB: 15 },
      { type: 'Extended', newSizeGiB: 15 }, { type: 'DeleteVolume' }, { type: 'Deleted' }],
    eventTypes: ['VolumeRequested', 'VolumePlaced', 'VolumeProvisioned', 'ExtendRequested', 'VolumeExtended', 'DeletionRequested', 'VolumeDeleted'],
    final: { deleted: true, intent: null, sizeGiB: 15 },
  },
  {
    behaviour: 'two failed pools then success on the third, within maxAttempts 3',
    commands: [createCommand(), placedOn(poolA), failedOn(poolA, 'r1'), placedOn(poolB), failedOn(poolB, 'r2'), placedOn(poolC), { type: 'Provisioned', pool: poolC }],
    eventTypes: ['VolumeRequested', 'VolumePlaced', 'ProvisionFailed', 'VolumePlaced', 'ProvisionFailed', 'VolumePlaced', 'VolumeProvisioned'],
    final: { status: 'available', host: poolC, attempted: [poolA, poolB], errorReason: null, intent: null },
  },
  {
    behaviour: 'three failed pools with maxAttempts 3 ends in error naming the last failure',
    commands: [createCommand(), placedOn(poolA), failedOn(poolA, 'r1'), placedOn(poolB), failedOn(poolB, 'r2'), placedOn(poolC), failedOn(poolC, 'r3')],
    eventTypes: ['VolumeRequested', 'VolumePlaced', 'ProvisionFailed', 'VolumePlaced', 'ProvisionFailed', 'VolumePlaced', 'ProvisionFailed', 'VolumeErrored'],
    final: { status: 'error', host: null, attempted: [poolA, poolB, poolC], errorReason: `Create failed after 3 attempt(s); last error on ${poolC}: r3`, intent: null },
  },
  {
    behaviour: 'maxAttempts 2 stops after the second failure',
    commands: [createCommand(), placedOn(poolA), failedOn(poolA, 'r1', 2), placedOn(poolB), failedOn(poolB, 'r2', 2), placedOn(poolC)],
    eventTypes: ['VolumeRequested', 'VolumePlaced', 'ProvisionFailed', 'VolumePlaced', 'ProvisionFailed', 'VolumeErrored'],
    final: { status: 'error', errorReason: `Create failed after 2 attempt(s); last error on ${poolB}: r2` },
  },
  {
    behaviour: 'no pool left after a failure: the error names the scheduler reason and the last failure',
    commands: [createCommand(), placedOn(poolA), failedOn(poolA, 'lvcreate failed'), { type: 'PlacementFailed', reason: 'No valid backend was found.' }],
    eventTypes: ['VolumeRequested', 'VolumePlaced', 'ProvisionFailed', 'VolumeErrored'],
    final: { status: 'error', errorReason: `No valid backend was found. Last create error on ${poolA}: lvcreate failed` },
  },
  {
    behaviour: 'a late report from an abandoned pool is ignored after the reschedule',
    commands: [createCommand(), placedOn(poolA), failedOn(poolA, 'timeout'), placedOn(poolB), { type: 'Provisioned', pool: poolA },
      failedOn(poolA, 'again'), { type: 'Provisioned', pool: poolB }],
    eventTypes: ['VolumeRequested', 'VolumePlaced', 'ProvisionFailed', 'VolumePlaced', 'VolumeProvisioned'],
    final: { status: 'available', host: poolB, attempted: [poolA] },
  },
  {
    behaviour: 'a volume in error after a failed create can be deleted without a backend',
    commands: [createCommand(), { type: 'PlacementFailed', reason: 'No valid backend was found.' }, { type: 'DeleteVolume' }, { type: 'Deleted' }],
    eventTypes: ['VolumeRequested', 'VolumeErrored', 'DeletionRequested', 'VolumeDeleted'],
    final: { deleted: true },
  },
  {
    behaviour: 'a failed delete can be retried from error_deleting',
    commands: [createCommand(), placedOn(poolA), { type: 'Provisioned', pool: poolA }, { type: 'DeleteVolume' }, { type: 'DeleteFailed', reason: 'busy' },
      { type: 'DeleteVolume' }, { type: 'Deleted' }],
    eventTypes: ['VolumeRequested', 'VolumePlaced', 'VolumeProvisioned', 'DeletionRequested', 'VolumeErrored', 'DeletionRequested', 'VolumeDeleted'],
    final: { deleted: true },
  },
  {
    behaviour: 'a failed extend must be reset before another extend',
    commands: [createCommand(), placedOn(poolA), { type: 'Provisioned', pool: poolA }, { type: 'ExtendVolume', newSizeGiB: 20 },
      { type: 'ExtendFailed', reason: 'vg full' }, { type: 'ExtendVolume', newSizeGiB: 20 }, { type: 'ResetStatus', status: 'available' },
      { type: 'ExtendVolume', newSizeGiB: 20 }, { type: 'Extended', newSizeGiB: 20 }],
    eventTypes: ['VolumeRequested', 'VolumePlaced', 'VolumeProvisioned', 'ExtendRequested', 'VolumeErrored', 'StatusReset', 'ExtendRequested', 'VolumeExtended'],
    errors: ['ExtendVolume: ERR_INVALID_STATE'],
    final: { status: 'available', sizeGiB: 20, errorReason: null },
  },
  {
    behaviour: 'resetting a deleting volume makes the late Deleted report stale',
    commands: [createCommand(), placedOn(poolA), { type: 'Provisioned', pool: poolA }, { type: 'DeleteVolume' },
      { type: 'ResetStatus', status: 'available' }, { type: 'Deleted' }],
    eventTypes: ['VolumeRequested', 'VolumePlaced', 'VolumeProvisioned', 'DeletionRequested', 'StatusReset'],
    final: { status: 'available', deleted: false, intent: null },
  },
  {
    behaviour: 'a second create after delete is refused',
    commands: [createCommand(), { type: 'PlacementFailed', reason: 'none' }, { type: 'DeleteVolume' }, { type: 'Deleted' }, createCommand()],
    eventTypes: ['VolumeRequested', 'VolumeErrored', 'DeletionRequested', 'VolumeDeleted'],
    errors: ['CreateVolume: ERR_INVALID_STATE'],
    final: { deleted: true },
  },
];

for (const sc of scenarios) {
  test(`lifecycle: ${sc.behaviour}`, (t) => {
    const { state, events, errors } = drive(initialVolumeState(), sc.commands);
    t.deepEqual(events.map((e) => e.type), sc.eventTypes);
    t.deepEqual(errors, sc.errors ?? []);
    const r = state.record;
    t.like({
      status: r?.status, sizeGiB: r?.sizeGiB, host: r?.host, errorReason: r?.errorReason,
      attempted: state.placement?.attempted, deleted: state.deleted, intent: state.intent,
    }, sc.final);
  });

  test(`replay: ${sc.behaviour} — replaying the events gives the live state`, (t) => {
    const live = drive(initialVolumeState(), sc.commands);
    t.deepEqual(live.events.reduce(evolveVolume, initialVolumeState()), live.state);
    // As the journal stores them: through the codec.
    const stored = decode<typeof live.events>(encode(live.events));
    t.deepEqual(stored.reduce(evolveVolume, initialVolumeState()), live.state);
  });

  test(`replay: ${sc.behaviour} — a snapshot midway plus the rest gives the live state`, (t) => {
    const live = drive(initialVolumeState(), sc.commands);
    const half = Math.floor(live.events.length / 2);
    const snapshot = decode<VolumeState>(encode(live.events.slice(0, half).reduce(evolveVolume, initialVolumeState())));
    t.deepEqual(live.events.slice(half).reduce(evolveVolume, snapshot), live.state);
  });
}
