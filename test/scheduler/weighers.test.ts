import test from 'ava';
import type { PoolState } from '../../src/model/backend.js';
import {
  CapacityWeigher,
  VolumeNumberWeigher,
  normalizeWeights,
  weighPools,
} from '../../src/scheduler/weighers.js';
import { namedPool, requestFixture } from './fixtures.js';

const normalizeRows: [behaviour: string, values: number[], expected: number[]][] = [
  ['empty list stays empty', [], []],
  ['single value is 0', [42], [0]],
  ['all equal are all 0', [5, 5, 5], [0, 0, 0]],
  ['min-max to [0, 1]', [10, 20, 30], [0, 0.5, 1]],
  ['negative values', [-10, 0, 10], [0, 0.5, 1]],
  ['+Infinity ranks one span above the largest finite', [0, 10, Number.POSITIVE_INFINITY], [0, 0.5, 1]],
  ['+Infinity above equal finite values', [10, 10, Number.POSITIVE_INFINITY], [0, 0, 1]],
  ['all infinite are all 0', [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], [0, 0]],
  ['-Infinity ranks one span below the smallest finite', [Number.NEGATIVE_INFINITY, 0, 10], [0, 0.5, 1]],
];

for (const [behaviour, values, expected] of normalizeRows) {
  test(`normalizeWeights: ${behaviour}`, (t) => {
    t.deepEqual(normalizeWeights(values), expected);
  });
}

const req = requestFixture();

test('CapacityWeigher scores thick pools by free space less reserve', (t) => {
  const pool = namedPool('a', { freeCapacityGiB: 60, reservedPercentage: 10 });
  t.is(CapacityWeigher.rawWeight(pool, req), 50);
});

test('CapacityWeigher scores thin pools by what over-subscription still allows', (t) => {
  const pool = namedPool('a', { thinProvisioningSupport: true, maxOverSubscriptionRatio: 3, provisionedCapacityGiB: 120 });
  t.is(CapacityWeigher.rawWeight(pool, req), 180);
});

test('CapacityWeigher scores unknown capacity above every known capacity', (t) => {
  t.is(CapacityWeigher.rawWeight(namedPool('a', { freeCapacityGiB: undefined }), req), Number.POSITIVE_INFINITY);
});

test('VolumeNumberWeigher scores fewer volumes higher', (t) => {
  const few = VolumeNumberWeigher.rawWeight(namedPool('a', { volumeCount: 2 }), req);
  const many = VolumeNumberWeigher.rawWeight(namedPool('b', { volumeCount: 9 }), req);
  t.true(few > many);
});

const pools: PoolState[] = [
  namedPool('small', { freeCapacityGiB: 10, volumeCount: 1 }),
  namedPool('large', { freeCapacityGiB: 90, volumeCount: 8 }),
  namedPool('medium', { freeCapacityGiB: 50, volumeCount: 4 }),
];

const orderRows: [behaviour: string, capacity: number, volumeNumber: number, expected: string[]][] = [
  ['spread (+1) puts the emptiest pool first', 1, 0, ['large', 'medium', 'small']],
  ['stack (-1) puts the fullest pool first', -1, 0, ['small', 'medium', 'large']],
  ['volume number alone prefers fewer volumes', 0, 1, ['small', 'medium', 'large']],
  ['a heavier volume-number multiplier outweighs capacity', 1, 3, ['small', 'medium', 'large']],
  ['all multipliers off leaves pool-name order', 0, 0, ['large', 'medium', 'small']],
];

for (const [behaviour, capacity, volumeNumber, expected] of orderRows) {
  test(`weighPools: ${behaviour}`, (t) => {
    const settings = [
      { weigher: CapacityWeigher, multiplier: capacity },
      { weigher: VolumeNumberWeigher, multiplier: volumeNumber },
    ];
    t.deepEqual(
      weighPools(pools, req, settings).map(({ pool }) => pool.node),
      expected,
    );
  });
}

test('weighPools sums multiplier × normalized score per weigher', (t) => {
  const settings = [
    { weigher: CapacityWeigher, multiplier: 1 },
    { weigher: VolumeNumberWeigher, multiplier: 2 },
  ];
  const weights = Object.fromEntries(weighPools(pools, req, settings).map(({ pool, weight }) => [pool.node, weight]));
  // capacity normalized: small 0, medium 0.5, large 1; volumes (negated) small 1, medium 4/7, large 0.
  t.is(weights.small, 2);
  t.is(weights.medium, 0.5 + 8 / 7);
  t.is(weights.large, 1);
});

test('weighPools breaks equal weights by pool name', (t) => {
  const equal = [namedPool('c'), namedPool('a'), namedPool('b')];
  const order = weighPools(equal, req, [{ weigher: CapacityWeigher, multiplier: 1 }]).map(({ pool }) => pool.name);
  t.deepEqual(order, ['a@lvm#pool0', 'b@lvm#pool0', 'c@lvm#pool0']);
});

const unknownRows: [behaviour: string, multiplier: number, expectedFirst: string][] = [
  ['spreading tries an unknown-capacity pool first', 1, 'unknown'],
  ['stacking tries an unknown-capacity pool last', -1, 'small'],
];

for (const [behaviour, multiplier, expectedFirst] of unknownRows) {
  test(`weighPools: ${behaviour}`, (t) => {
    const withUnknown = [...pools, namedPool('unknown', { freeCapacityGiB: undefined })];
    const order = weighPools(withUnknown, req, [{ weigher: CapacityWeigher, multiplier }]);
    t.is(order[0]?.pool.node, expectedFirst);
    if (multiplier < 0) t.is(order.at(-1)?.pool.node, 'unknown');
  });
}
