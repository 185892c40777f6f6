import test from 'ava';
import type { PoolState } from '../../src/model/backend.js';
import {
  capacityShortfall,
  formatGiB,
  provisionsThin,
  reservedGiB,
  virtualFreeGiB,
} from '../../src/scheduler/capacity.js';
import { poolFixture, requestFixture } from './fixtures.js';

const thinPool = (overrides: Partial<PoolState> = {}): PoolState =>
  poolFixture({ thinProvisioningSupport: true, maxOverSubscriptionRatio: 20, ...overrides });

type ShortfallRow = [
  behaviour: string,
  pool: PoolState,
  sizeGiB: number,
  extraSpecs: Record<string, string>,
  expected: string | undefined,
];

const shortfallRows: ShortfallRow[] = [
  ['thick pool with room passes', poolFixture({ freeCapacityGiB: 10 }), 10, {}, undefined],
  [
    'thick pool one GiB short fails',
    poolFixture({ freeCapacityGiB: 9 }),
    10,
    {},
    'insufficient free capacity: 9 GiB free after 0% reserved, 10 GiB requested',
  ],
  [
    'reserved percentage is taken off free space',
    poolFixture({ totalCapacityGiB: 20, freeCapacityGiB: 5, reservedPercentage: 10 }),
    5,
    {},
    'insufficient free capacity: 3 GiB free after 10% reserved, 5 GiB requested',
  ],
  [
    'reserve is floored to whole GiB like Cinder',
    poolFixture({ totalCapacityGiB: 19, freeCapacityGiB: 6, reservedPercentage: 10 }),
    5,
    {},
    undefined,
  ],
  ['size 0 (manage existing) always passes', poolFixture({ freeCapacityGiB: 0 }), 0, {}, undefined],
  ['unknown free capacity passes', poolFixture({ freeCapacityGiB: undefined }), 1000, {}, undefined],
  ['unknown total without reserve passes', poolFixture({ totalCapacityGiB: undefined }), 1000, {}, undefined],
  [
    'unknown total with a reserve fails: nothing to take a percentage of',
    poolFixture({ totalCapacityGiB: undefined, reservedPercentage: 5 }),
    1,
    {},
    'cannot reserve 5% of an unknown total capacity',
  ],
  [
    'zero total capacity fails',
    poolFixture({ totalCapacityGiB: 0, freeCapacityGiB: 0 }),
    1,
    {},
    'no capacity: total capacity is 0 GiB',
  ],
  // Thin: over-subscription lets a volume exceed the real free space.
  ['thin volume larger than free space passes within the ratio', thinPool({ freeCapacityGiB: 10 }), 150, {}, undefined],
  [
    'thin provisioned ratio at exactly the max passes',
    thinPool({ provisionedCapacityGiB: 1990 }),
    10,
    {},
    undefined,
  ],
  [
    'thin provisioned ratio beyond the max fails',
    thinPool({ provisionedCapacityGiB: 1995 }),
    10,
    {},
    'over-subscribed: 2005 GiB provisioned of 100 GiB would be ratio 20.05, max 20',
  ],
  [
    'thin free virtual capacity counts the reserve before the ratio',
    thinPool({ freeCapacityGiB: 12, reservedPercentage: 10, maxOverSubscriptionRatio: 2 }),
    5,
    {},
    'insufficient free virtual capacity: 4 GiB (2 GiB free after 10% reserved, ratio 2), 5 GiB requested',
  ],
  [
    'thin ratio below 1 is invalid and fails',
    thinPool({ maxOverSubscriptionRatio: 0.5 }),
    1,
    {},
    'invalid max over-subscription ratio 0.5 (must be at least 1)',
  ],
  [
    'thin pool with provisioning:type=thick is checked against real free space',
    thinPool({ freeCapacityGiB: 10 }),
    150,
    { 'provisioning:type': 'thick' },
    'insufficient free capacity: 10 GiB free after 0% reserved, 150 GiB requested',
  ],
  [
    'thin pool with thin_provisioning_support <is> False is checked as thick',
    thinPool({ freeCapacityGiB: 10 }),
    150,
    { 'capabilities:thin_provisioning_support': '<is> False' },
    'insufficient free capacity: 10 GiB free after 0% reserved, 150 GiB requested',
  ],
  [
    'thin pool with provisioning:type=thin over-subscribes',
    thinPool({ freeCapacityGiB: 10 }),
    150,
    { 'provisioning:type': 'thin', thin_provisioning_support: '<is> True' },
    undefined,
  ],
  [
    'ratio is ignored when the pool cannot thin provision',
    poolFixture({ freeCapacityGiB: 10, maxOverSubscriptionRatio: 20 }),
    150,
    {},
    'insufficient free capacity: 10 GiB free after 0% reserved, 150 GiB requested',
  ],
  [
    'fractional sizes are reported with two decimals at most',
    poolFixture({ freeCapacityGiB: 1.255 }),
    2,
    {},
    'insufficient free capacity: 1.25 GiB free after 0% reserved, 2 GiB requested',
  ],
];

for (const [behaviour, pool, sizeGiB, extraSpecs, expected] of shortfallRows) {
  test(`capacityShortfall: ${behaviour}`, (t) => {
    t.is(capacityShortfall(pool, requestFixture({ sizeGiB, extraSpecs })), expected);
  });
}

const reservedRows: [totalGiB: number, percentage: number, expectedGiB: number][] = [
  [100, 0, 0],
  [100, 10, 10],
  [19, 10, 1],
  [5, 10, 0],
];

for (const [totalGiB, percentage, expectedGiB] of reservedRows) {
  test(`reservedGiB: ${percentage}% of ${totalGiB} GiB floors to ${expectedGiB} GiB`, (t) => {
    t.is(reservedGiB(totalGiB, percentage), expectedGiB);
  });
}

const thinRows: [behaviour: string, pool: PoolState, extraSpecs: Record<string, string>, expected: boolean][] = [
  ['thick-only pool is never thin', poolFixture(), {}, false],
  ['thin pool without specs is thin', thinPool(), {}, true],
  ['provisioning:type=thick forces thick', thinPool(), { 'provisioning:type': 'thick' }, false],
  ['unscoped thin_provisioning_support False forces thick', thinPool(), { thin_provisioning_support: 'False' }, false],
  ['thin_provisioning_support <is> True stays thin', thinPool(), { thin_provisioning_support: '<is> True' }, true],
  ['unrelated specs do not change it', thinPool(), { 'qos:maxIOPS': '100' }, true],
];

for (const [behaviour, pool, extraSpecs, expected] of thinRows) {
  test(`provisionsThin: ${behaviour}`, (t) => {
    t.is(provisionsThin(pool, extraSpecs), expected);
  });
}

const virtualRows: [behaviour: string, pool: PoolState, extraSpecs: Record<string, string>, expected?: number][] = [
  ['thick: free less reserve', poolFixture({ freeCapacityGiB: 50, reservedPercentage: 10 }), {}, 40],
  [
    'thin: total × ratio less provisioned and reserve',
    thinPool({ maxOverSubscriptionRatio: 2, provisionedCapacityGiB: 30, reservedPercentage: 10 }),
    {},
    160,
  ],
  ['thin pool asked for thick uses real free', thinPool({ freeCapacityGiB: 7 }), { 'provisioning:type': 'thick' }, 7],
  ['unknown free is unknown', poolFixture({ freeCapacityGiB: undefined }), {}, undefined],
  ['unknown total is unknown', poolFixture({ totalCapacityGiB: undefined }), {}, undefined],
];

for (const [behaviour, pool, extraSpecs, expected] of virtualRows) {
  test(`virtualFreeGiB: ${behaviour}`, (t) => {
    t.is(virtualFreeGiB(pool, extraSpecs), expected);
  });
}

test('formatGiB drops trailing zeros', (t) => {
  t.deepEqual([formatGiB(3), formatGiB(2.5), formatGiB(1 / 3)], ['3 GiB', '2.5 GiB', '0.33 GiB']);
});
