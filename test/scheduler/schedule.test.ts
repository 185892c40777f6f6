import test from 'ava';
import type { PoolState, ScheduleRequest, ScheduleResult } from '../../src/model/backend.js';
import { consume, schedule } from '../../src/scheduler/schedule.js';
import { namedPool, poolFixture, requestFixture } from './fixtures.js';

function chosen(result: ScheduleResult): string | undefined {
  return result.ok ? result.pool.name : undefined;
}

function failure(result: ScheduleResult): string | undefined {
  return result.ok ? undefined : result.reason;
}

test('schedule with no pools says no backends are reporting', (t) => {
  const result = schedule([], requestFixture());
  t.deepEqual(result, {
    ok: false,
    reason: 'No valid backend was found. No backends are reporting.',
    trace: [],
  });
});

test('schedule records one trace entry per filter with before/after counts and reasons', (t) => {
  const pools = [
    namedPool('a'),
    namedPool('b', { up: false }),
    namedPool('c', { availabilityZone: 'az2' }),
    namedPool('d', { freeCapacityGiB: 1 }),
  ];
  const result = schedule(pools, requestFixture({ sizeGiB: 5, availabilityZone: 'nova' }));
  t.is(chosen(result), 'a@lvm#pool0');
  t.deepEqual(result.trace, [
    { filter: 'ServiceFilter', before: 4, after: 3, removed: [{ pool: 'b@lvm#pool0', reason: 'service down' }] },
    { filter: 'IgnoreAttemptedHostsFilter', before: 3, after: 3, removed: [] },
    {
      filter: 'AvailabilityZoneFilter',
      before: 3,
      after: 2,
      removed: [{ pool: 'c@lvm#pool0', reason: 'availability zone az2 is not nova' }],
    },
    {
      filter: 'CapacityFilter',
      before: 2,
      after: 1,
      removed: [
        { pool: 'd@lvm#pool0', reason: 'insufficient free capacity: 1 GiB free after 0% reserved, 5 GiB requested' },
      ],
    },
    { filter: 'CapabilitiesFilter', before: 1, after: 1, removed: [] },
    { filter: 'QosFilter', before: 1, after: 1, removed: [] },
    { filter: 'MultiattachFilter', before: 1, after: 1, removed: [] },
  ]);
});

type FailureRow = [behaviour: string, pools: PoolState[], req: Partial<ScheduleRequest>, reason: string];

const failureRows: FailureRow[] = [
  [
    'names the filter and reason that removed the last backend',
    [poolFixture({ name: 'LVM_iSCSI' })],
    { extraSpecs: { volume_backend_name: 'foo' } },
    'No valid backend was found. CapabilitiesFilter removed the last backend: LVM_iSCSI ' +
      '(capability volume_backend_name=foo does not match LVM_iSCSI)',
  ],
  [
    'lists every backend removed by the decisive filter',
    [namedPool('b', { freeCapacityGiB: 2 }), namedPool('a', { freeCapacityGiB: 3 }), namedPool('c', { enabled: false })],
    { sizeGiB: 4 },
    'No valid backend was found. CapacityFilter removed the last backends: ' +
      'a@lvm#pool0 (insufficient free capacity: 3 GiB free after 0% reserved, 4 GiB requested), ' +
      'b@lvm#pool0 (insufficient free capacity: 2 GiB free after 0% reserved, 4 GiB requested)',
  ],
  [
    'a reschedule with every pool attempted fails on IgnoreAttemptedHostsFilter',
    [namedPool('a')],
    { attempted: ['a@lvm#pool0'] },
    'No valid backend was found. IgnoreAttemptedHostsFilter removed the last backend: ' +
      'a@lvm#pool0 (already attempted for this volume)',
  ],
  [
    'a request for another zone fails on AvailabilityZoneFilter',
    [namedPool('a')],
    { availabilityZone: 'az9' },
    'No valid backend was found. AvailabilityZoneFilter removed the last backend: ' +
      'a@lvm#pool0 (availability zone nova is not az9)',
  ],
  [
    'multiattach without capable pools fails on MultiattachFilter',
    [namedPool('a')],
    { multiattach: true },
    'No valid backend was found. MultiattachFilter removed the last backend: a@lvm#pool0 (multiattach not supported)',
  ],
];

for (const [behaviour, pools, req, reason] of failureRows) {
  test(`schedule failure ${behaviour}`, (t) => {
    t.is(failure(schedule(pools, requestFixture(req))), reason);
  });
}

test('schedule stops filtering once no backend is left', (t) => {
  const result = schedule([namedPool('a', { enabled: false })], requestFixture());
  t.deepEqual(
    result.trace.map(({ filter }) => filter),
    ['ServiceFilter'],
  );
});

const choiceRows: [behaviour: string, opts: Parameters<typeof schedule>[2], expected: string][] = [
  ['spreads to the emptiest pool by default', undefined, 'large@lvm#pool0'],
  ['stacks onto the fullest pool with a negative capacity multiplier', { capacityWeightMultiplier: -1 }, 'small@lvm#pool0'],
  [
    'prefers fewer volumes when only the volume-number weigher is on',
    { capacityWeightMultiplier: 0, volumeNumberWeightMultiplier: 1 },
    'medium@lvm#pool0',
  ],
];

const choicePools = [
  namedPool('small', { freeCapacityGiB: 10, volumeCount: 5 }),
  namedPool('large', { freeCapacityGiB: 90, volumeCount: 9 }),
  namedPool('medium', { freeCapacityGiB: 50, volumeCount: 1 }),
];

for (const [behaviour, opts, expected] of choiceRows) {
  test(`schedule ${behaviour}`, (t) => {
    t.is(chosen(schedule(choicePools, requestFixture(), opts)), expected);
  });
}

test('schedule is independent of the order pools are reported in', (t) => {
  const twins = [namedPool('b'), namedPool('a'), namedPool('c')];
  const reversed = [...twins].reverse();
  t.is(chosen(schedule(twins, requestFixture())), 'a@lvm#pool0');
  t.deepEqual(schedule(reversed, requestFixture()), schedule(twins, requestFixture()));
});

test('consume moves a volume onto the pool without touching the original', (t) => {
  const pool = poolFixture({ freeCapacityGiB: 50, provisionedCapacityGiB: 10, volumeCount: 2 });
  const after = consume(pool, 5);
  t.deepEqual(
    [after.freeCapacityGiB, after.provisionedCapacityGiB, after.volumeCount],
    [45, 15, 3],
  );
  t.deepEqual([pool.freeCapacityGiB, pool.provisionedCapacityGiB, pool.volumeCount], [50, 10, 2]);
  t.is(after.totalCapacityGiB, 100);
});

test('consume on a thin-only pool counts the volume as provisioned but leaves physical free space alone', (t) => {
  const after = consume(poolFixture({ thinProvisioningSupport: true, thickProvisioningSupport: false, freeCapacityGiB: 50, provisionedCapacityGiB: 10 }), 5);
  t.is(after.freeCapacityGiB, 50);
  t.is(after.provisionedCapacityGiB, 15);
});

test('consume keeps unknown free capacity unknown', (t) => {
  const after = consume(poolFixture({ freeCapacityGiB: undefined, totalCapacityGiB: undefined }), 5);
  t.is(after.freeCapacityGiB, undefined);
  t.is(after.totalCapacityGiB, undefined);
  t.is(after.provisionedCapacityGiB, 5);
  t.is(after.volumeCount, 1);
});

test('consume between stats reports steers the next volume elsewhere when spreading', (t) => {
  const req = requestFixture({ sizeGiB: 30 });
  const a = namedPool('a', { freeCapacityGiB: 60 });
  const b = namedPool('b', { freeCapacityGiB: 50 });
  const first = schedule([a, b], req);
  t.is(chosen(first), 'a@lvm#pool0');
  t.is(chosen(schedule([consume(a, 30), b], req)), 'b@lvm#pool0');
});
