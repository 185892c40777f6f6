import test from 'ava';
import { decideVolume } from '../../../src/actors/volume/decide.js';
import { evolveVolume } from '../../../src/actors/volume/evolve.js';
import { initialVolumeState, type VolumeCommand, type VolumeEvent, type VolumeState } from '../../../src/actors/volume/state.js';
import type { ErrorCode } from '../../../src/model/errors.js';
import {
  createCommand, createdAt, ctx, deleting, extending, gone, now, placed, poolA, poolB, poolC, recordFixture, requested, resting,
} from './fixtures.js';

/** The parts of a volume state a behaviour is about, flattened so rows stay one line. */
function view(s: VolumeState) {
  return {
    exists: s.record !== null,
    status: s.record?.status,
    sizeGiB: s.record?.sizeGiB,
    host: s.record?.host,
    backend: s.record?.backend,
    errorReason: s.record?.errorReason,
    updatedAt: s.record?.updatedAt,
    name: s.record?.name,
    description: s.record?.description,
    metadata: s.record?.metadata,
    intent: s.intent,
    pool: s.placement?.pool,
    attempted: s.placement?.attempted,
    lastError: s.placement?.lastError,
    deleted: s.deleted,
  };
}

type View = Partial<ReturnType<typeof view>>;

interface Row {
  behaviour: string;
  state: VolumeState;
  cmd: VolumeCommand;
  /** Exact events expected; omitted when an error is expected. */
  events?: VolumeEvent[];
  error?: { code: ErrorCode; field?: string };
  /** What the state looks like after evolving the events. */
  after?: View;
}

const noChange = (behaviour: string, state: VolumeState, cmd: VolumeCommand): Row => ({ behaviour, state, cmd, events: [] });

const rows: Row[] = [
  // Create
  {
    behaviour: 'creating a new volume requests it and waits for the scheduler',
    state: initialVolumeState(), cmd: createCommand(),
    events: [{ type: 'VolumeRequested', record: recordFixture(), extraSpecs: { volume_backend_name: 'lvm' }, qosConsumer: undefined }],
    after: { exists: true, status: 'creating', intent: { kind: 'create' }, pool: null, attempted: [], host: null, deleted: false, updatedAt: createdAt },
  },
  { behaviour: 'refuses to create a volume that already exists', state: resting('available'), cmd: createCommand(), error: { code: 'ERR_INVALID_STATE' } },
  { behaviour: 'refuses to create a volume twice while the first create runs', state: requested(), cmd: createCommand(), error: { code: 'ERR_INVALID_STATE' } },
  { behaviour: 'refuses to create again a volume that was deleted', state: gone(), cmd: createCommand(), error: { code: 'ERR_INVALID_STATE' } },

  // Unknown or deleted volume
  { behaviour: 'update of an unknown volume is not found', state: initialVolumeState(), cmd: { type: 'UpdateVolume', name: 'x' }, error: { code: 'ERR_NOT_FOUND' } },
  { behaviour: 'delete of an unknown volume is not found', state: initialVolumeState(), cmd: { type: 'DeleteVolume' }, error: { code: 'ERR_NOT_FOUND' } },
  { behaviour: 'extend of an unknown volume is not found', state: initialVolumeState(), cmd: { type: 'ExtendVolume', newSizeGiB: 20 }, error: { code: 'ERR_NOT_FOUND' } },
  { behaviour: 'reset of an unknown volume is not found', state: initialVolumeState(), cmd: { type: 'ResetStatus', status: 'available' }, error: { code: 'ERR_NOT_FOUND' } },
  { behaviour: 'delete of a deleted volume is not found', state: gone(), cmd: { type: 'DeleteVolume' }, error: { code: 'ERR_NOT_FOUND' } },
  { behaviour: 'update of a deleted volume is not found', state: gone(), cmd: { type: 'UpdateVolume', name: 'x' }, error: { code: 'ERR_NOT_FOUND' } },
  noChange('a Placed report for an unknown volume changes nothing', initialVolumeState(), { type: 'Placed', pool: poolA, backend: 'lvm' }),
  noChange('a Provisioned report for an unknown volume changes nothing', initialVolumeState(), { type: 'Provisioned', pool: poolA }),
  noChange('a Deleted report for a volume already deleted changes nothing', gone(), { type: 'Deleted' }),

  // Placement
  {
    behaviour: 'a placement while waiting records the pool and backend',
    state: requested(), cmd: { type: 'Placed', pool: poolA, backend: 'lvm' },
    events: [{ type: 'VolumePlaced', at: now, pool: poolA, backend: 'lvm' }],
    after: { status: 'creating', host: poolA, backend: 'lvm', pool: poolA, intent: { kind: 'create' }, updatedAt: now },
  },
  noChange('a second placement for an already placed volume is stale', placed(poolA), { type: 'Placed', pool: poolB, backend: 'lvm' }),
  noChange('a placement for an available volume is stale', resting('available'), { type: 'Placed', pool: poolB, backend: 'lvm' }),
  {
    behaviour: 'no valid backend on the first attempt puts the volume in error with the scheduler reason',
    state: requested(), cmd: { type: 'PlacementFailed', reason: 'No valid backend was found.' },
    events: [{ type: 'VolumeErrored', at: now, status: 'error', reason: 'No valid backend was found.' }],
    after: { status: 'error', errorReason: 'No valid backend was found.', intent: null },
  },
  {
    behaviour: 'no valid backend after a failed attempt names the last create error',
    state: requested({ attempted: [poolA], lastError: `${poolA}: disk full` }), cmd: { type: 'PlacementFailed', reason: 'No valid backend was found.' },
    events: [{ type: 'VolumeErrored', at: now, status: 'error', reason: `No valid backend was found. Last create error on ${poolA}: disk full` }],
    after: { status: 'error', intent: null, attempted: [poolA] },
  },
  noChange('a placement failure while the volume is already placed is stale', placed(poolA), { type: 'PlacementFailed', reason: 'late' }),
  noChange('a placement failure for an available volume is stale', resting('available'), { type: 'PlacementFailed', reason: 'late' }),

  // Provisioning
  {
    behaviour: 'provisioned on the placed pool makes the volume available',
    state: placed(poolA), cmd: { type: 'Provisioned', pool: poolA },
    events: [{ type: 'VolumeProvisioned', at: now }],
    after: { status: 'available', errorReason: null, intent: null, host: poolA, backend: 'lvm', updatedAt: now },
  },
  noChange('provisioned for another pool is a stale report', placed(poolA), { type: 'Provisioned', pool: poolB }),
  noChange('provisioned while still waiting for placement is stale', requested(), { type: 'Provisioned', pool: poolA }),
  noChange('provisioned for an available volume is stale', resting('available'), { type: 'Provisioned', pool: poolA }),
  {
    behaviour: 'a failed attempt below maxAttempts frees the pool for a reschedule',
    state: placed(poolA), cmd: { type: 'ProvisionFailed', pool: poolA, reason: 'disk full', maxAttempts: 3 },
    events: [{ type: 'ProvisionFailed', at: now, pool: poolA, reason: 'disk full' }],
    after: { status: 'creating', host: null, backend: null, pool: null, attempted: [poolA], lastError: `${poolA}: disk full`, intent: { kind: 'create' } },
  },
  {
    behaviour: 'a failed attempt that reaches maxAttempts errors the volume naming the last failure',
    state: placed(poolC, [poolA, poolB]), cmd: { type: 'ProvisionFailed', pool: poolC, reason: 'no space', maxAttempts: 3 },
    events: [
      { type: 'ProvisionFailed', at: now, pool: poolC, reason: 'no space' },
      { type: 'VolumeErrored', at: now, status: 'error', reason: `Create failed after 3 attempt(s); last error on ${poolC}: no space` },
    ],
    after: { status: 'error', intent: null, attempted: [poolA, poolB, poolC], host: null, errorReason: `Create failed after 3 attempt(s); last error on ${poolC}: no space` },
  },
  {
    behaviour: 'maxAttempts 1 means the first failure is final',
    state: placed(poolA), cmd: { type: 'ProvisionFailed', pool: poolA, reason: 'boom', maxAttempts: 1 },
    events: [
      { type: 'ProvisionFailed', at: now, pool: poolA, reason: 'boom' },
      { type: 'VolumeErrored', at: now, status: 'error', reason: `Create failed after 1 attempt(s); last error on ${poolA}: boom` },
    ],
    after: { status: 'error', intent: null },
  },
  {
    behaviour: 'maxAttempts is read from the report, so a larger one allows another try',
    state: placed(poolC, [poolA, poolB]), cmd: { type: 'ProvisionFailed', pool: poolC, reason: 'no space', maxAttempts: 4 },
    events: [{ type: 'ProvisionFailed', at: now, pool: poolC, reason: 'no space' }],
    after: { status: 'creating', pool: null, attempted: [poolA, poolB, poolC] },
  },
  noChange('a failure report for another pool is stale', placed(poolA), { type: 'ProvisionFailed', pool: poolB, reason: 'x', maxAttempts: 3 }),
  noChange('a failure report while deleting is stale', deleting(), { type: 'ProvisionFailed', pool: poolA, reason: 'x', maxAttempts: 3 }),

  // Delete
  {
    behaviour: 'deleting an available volume records the intent and status deleting',
    state: resting('available'), cmd: { type: 'DeleteVolume' },
    events: [{ type: 'DeletionRequested', at: now }],
    after: { status: 'deleting', intent: { kind: 'delete' }, deleted: false, updatedAt: now },
  },
  { behaviour: 'a delete while deleting is refused', state: deleting(), cmd: { type: 'DeleteVolume' }, error: { code: 'ERR_INVALID_STATE' } },
  { behaviour: 'a delete while creating is refused', state: requested(), cmd: { type: 'DeleteVolume' }, error: { code: 'ERR_INVALID_STATE' } },
  {
    behaviour: 'the driver confirming the delete marks the volume deleted',
    state: deleting(), cmd: { type: 'Deleted' },
    events: [{ type: 'VolumeDeleted', at: now }],
    after: { deleted: true, intent: null },
  },
  noChange('a Deleted report when not deleting is stale', resting('available'), { type: 'Deleted' }),
  noChange('a Deleted report while creating is stale', placed(poolA), { type: 'Deleted' }),
  {
    behaviour: 'a failed delete leaves the volume in error_deleting with the reason',
    state: deleting(), cmd: { type: 'DeleteFailed', reason: 'device busy' },
    events: [{ type: 'VolumeErrored', at: now, status: 'error_deleting', reason: 'device busy' }],
    after: { status: 'error_deleting', errorReason: 'device busy', intent: null, deleted: false },
  },
  noChange('a DeleteFailed report when not deleting is stale', resting('available'), { type: 'DeleteFailed', reason: 'late' }),

  // Extend
  {
    behaviour: 'extending an available volume records from and to sizes',
    state: resting('available'), cmd: { type: 'ExtendVolume', newSizeGiB: 20 },
    events: [{ type: 'ExtendRequested', at: now, fromGiB: 10, toGiB: 20 }],
    after: { status: 'extending', sizeGiB: 10, intent: { kind: 'extend', fromGiB: 10, toGiB: 20 } },
  },
  {
    behaviour: 'extending by one GiB is allowed',
    state: resting('available'), cmd: { type: 'ExtendVolume', newSizeGiB: 11 },
    events: [{ type: 'ExtendRequested', at: now, fromGiB: 10, toGiB: 11 }],
  },
  { behaviour: 'extending to the same size is refused on newSize', state: resting('available'), cmd: { type: 'ExtendVolume', newSizeGiB: 10 }, error: { code: 'ERR_INVALID_PARAMS', field: 'newSize' } },
  { behaviour: 'shrinking is refused on newSize', state: resting('available'), cmd: { type: 'ExtendVolume', newSizeGiB: 5 }, error: { code: 'ERR_INVALID_PARAMS', field: 'newSize' } },
  { behaviour: 'extending an in-use volume is refused by status', state: resting('in-use'), cmd: { type: 'ExtendVolume', newSizeGiB: 20 }, error: { code: 'ERR_INVALID_STATE' } },
  { behaviour: 'the status check comes before the size check', state: resting('error'), cmd: { type: 'ExtendVolume', newSizeGiB: 5 }, error: { code: 'ERR_INVALID_STATE' } },
  {
    behaviour: 'the driver confirming the extend sets the new size and available',
    state: extending(10, 20), cmd: { type: 'Extended', newSizeGiB: 20 },
    events: [{ type: 'VolumeExtended', at: now, sizeGiB: 20 }],
    after: { status: 'available', sizeGiB: 20, intent: null, errorReason: null },
  },
  noChange('an Extended report when not extending is stale', resting('available'), { type: 'Extended', newSizeGiB: 30 }),
  {
    behaviour: 'a failed extend leaves error_extending and the old size',
    state: extending(10, 20), cmd: { type: 'ExtendFailed', reason: 'vg full' },
    events: [{ type: 'VolumeErrored', at: now, status: 'error_extending', reason: 'vg full' }],
    after: { status: 'error_extending', sizeGiB: 10, errorReason: 'vg full', intent: null },
  },
  noChange('an ExtendFailed report when not extending is stale', resting('available'), { type: 'ExtendFailed', reason: 'late' }),

  // Update
  {
    behaviour: 'update changes name, description and metadata',
    state: resting('available'), cmd: { type: 'UpdateVolume', name: 'db', description: 'primary', metadata: { tier: 'gold' } },
    events: [{ type: 'VolumeUpdated', at: now, name: 'db', description: 'primary', metadata: { tier: 'gold' } }],
    after: { name: 'db', description: 'primary', metadata: { tier: 'gold' }, status: 'available', updatedAt: now },
  },
  {
    behaviour: 'update of the name alone keeps description and metadata',
    state: resting('available', { description: 'old', metadata: { a: '1' } }), cmd: { type: 'UpdateVolume', name: 'renamed' },
    events: [{ type: 'VolumeUpdated', at: now, name: 'renamed', description: undefined, metadata: undefined }],
    after: { name: 'renamed', description: 'old', metadata: { a: '1' } },
  },
  {
    behaviour: 'update to an empty name is kept as empty, not ignored',
    state: resting('available'), cmd: { type: 'UpdateVolume', name: '' },
    events: [{ type: 'VolumeUpdated', at: now, name: '', description: undefined, metadata: undefined }],
    after: { name: '' },
  },
  {
    behaviour: 'update is allowed while creating and keeps the create intent',
    state: requested(), cmd: { type: 'UpdateVolume', description: 'd' },
    events: [{ type: 'VolumeUpdated', at: now, name: undefined, description: 'd', metadata: undefined }],
    after: { description: 'd', status: 'creating', intent: { kind: 'create' } },
  },

  // Reset status
  {
    behaviour: 'reset status sets the status and drops any intent',
    state: resting('error'), cmd: { type: 'ResetStatus', status: 'available' },
    events: [{ type: 'StatusReset', at: now, status: 'available' }],
    after: { status: 'available', intent: null, updatedAt: now },
  },
  {
    behaviour: 'reset status of a deleting volume abandons the delete',
    state: deleting(), cmd: { type: 'ResetStatus', status: 'error_deleting' },
    events: [{ type: 'StatusReset', at: now, status: 'error_deleting' }],
    after: { status: 'error_deleting', intent: null, deleted: false },
  },
  {
    behaviour: 'reset status of a creating volume abandons the create',
    state: placed(poolA), cmd: { type: 'ResetStatus', status: 'error' },
    events: [{ type: 'StatusReset', at: now, status: 'error' }],
    after: { status: 'error', intent: null },
  },
];

for (const row of rows) {
  test(`decideVolume: ${row.behaviour}`, (t) => {
    const d = decideVolume(row.state, row.cmd, ctx);
    if (row.error) {
      if (!('error' in d)) return t.fail(`expected ${row.error.code}, got events ${JSON.stringify(d.events)}`);
      t.is(d.error.code, row.error.code);
      if (row.error.field !== undefined) t.is(d.error.field, row.error.field);
      t.true(d.error.message.length > 0);
      return;
    }
    if ('error' in d) return t.fail(`unexpected error ${d.error.code}: ${d.error.message}`);
    t.deepEqual(d.events, row.events);
    const after = d.events.reduce(evolveVolume, row.state);
    if (d.events.length === 0) t.deepEqual(after, row.state);
    if (row.after) t.like(view(after), row.after);
  });
}

test('decideVolume: refusals by status carry the status and the allowed statuses', (t) => {
  const d = decideVolume(resting('in-use'), { type: 'DeleteVolume' }, ctx);
  if (!('error' in d)) return t.fail('expected an error');
  t.deepEqual(d.error.details, { status: 'in-use', allowed: ['available', 'error', 'error_restoring', 'error_extending', 'error_deleting'] });
  t.regex(d.error.message, /vol-1.*in-use/);
});

test('decideVolume: an unknown volume error names the volume id', (t) => {
  const d = decideVolume(initialVolumeState(), { type: 'DeleteVolume' }, ctx);
  if (!('error' in d)) return t.fail('expected an error');
  t.deepEqual(d.error.details, { kind: 'Volume', id: 'vol-1' });
});

test('decideVolume: the extend refusal message gives both sizes', (t) => {
  const d = decideVolume(resting('available'), { type: 'ExtendVolume', newSizeGiB: 4 }, ctx);
  if (!('error' in d)) return t.fail('expected an error');
  t.regex(d.error.message, /current: 10, extended: 4/);
});

test('decideVolume: does not mutate the state it is given', (t) => {
  const s = placed(poolA);
  const copy = structuredClone(s);
  const d = decideVolume(s, { type: 'ProvisionFailed', pool: poolA, reason: 'x', maxAttempts: 3 }, ctx);
  if ('error' in d) return t.fail();
  d.events.reduce(evolveVolume, s);
  t.deepEqual(s, copy);
});

test('evolveVolume: record events on a state without a record leave it without one', (t) => {
  const events: VolumeEvent[] = [
    { type: 'VolumeUpdated', at: now, name: 'x' },
    { type: 'VolumePlaced', at: now, pool: poolA, backend: 'lvm' },
    { type: 'VolumeProvisioned', at: now },
    { type: 'DeletionRequested', at: now },
    { type: 'VolumeExtended', at: now, sizeGiB: 3 },
  ];
  for (const e of events) t.is(evolveVolume(initialVolumeState(), e).record, null, e.type);
});
