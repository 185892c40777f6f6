/**
 * Cinder's weighers: each gives every surviving pool a raw score, scores are normalized to
 * [0, 1] across the pools, and the final weight is the sum of multiplier × normalized score.
 * A positive multiplier spreads volumes out, a negative one stacks them.
 */
import type { PoolState, ScheduleRequest } from '../model/backend.js';
import { virtualFreeGiB } from './capacity.js';

export interface PoolWeigher {
  readonly name: string;
  /** Under a positive multiplier the highest raw score wins. */
  rawWeight(pool: PoolState, req: ScheduleRequest): number;
}

export interface WeigherSetting {
  weigher: PoolWeigher;
  multiplier: number;
}

export interface WeighedPool {
  pool: PoolState;
  weight: number;
}

export const CapacityWeigher: PoolWeigher = {
  name: 'CapacityWeigher',
  rawWeight(pool, req) {
    // Unknown capacity ranks above every known capacity: spreading tries it first, stacking last.
    return virtualFreeGiB(pool, req.extraSpecs) ?? Number.POSITIVE_INFINITY;
  },
};

export const VolumeNumberWeigher: PoolWeigher = {
  name: 'VolumeNumberWeigher',
  // Negated so that, as with capacity, a positive multiplier spreads: fewer volumes wins.
  rawWeight: (pool) => -pool.volumeCount,
};

/**
 * Min-max to [0, 1] like Cinder's weights.normalize; all equal → all 0 so the weigher has no say.
 * Infinite scores sit one span beyond the finite ones, so they win (or lose) without
 * flattening the finite ones to nothing.
 */
export function normalizeWeights(values: readonly number[]): number[] {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return values.map(() => 0);
  const minFinite = Math.min(...finite);
  const maxFinite = Math.max(...finite);
  const span = Math.max(maxFinite - minFinite, 1);
  const bounded = values.map((value) => {
    if (value === Number.POSITIVE_INFINITY) return maxFinite + span;
    if (value === Number.NEGATIVE_INFINITY) return minFinite - span;
    return Number.isNaN(value) ? minFinite : value;
  });
  const min = Math.min(...bounded);
  const max = Math.max(...bounded);
  if (min === max) return bounded.map(() => 0);
  return bounded.map((value) => (value - min) / (max - min));
}

/** Code-unit order, not locale order, so every node breaks ties the same way. */
function byWeightThenName(a: WeighedPool, b: WeighedPool): number {
  if (a.weight !== b.weight) return b.weight - a.weight;
  if (a.pool.name === b.pool.name) return 0;
  return a.pool.name < b.pool.name ? -1 : 1;
}

/** Pools best first; equal weights are ordered by pool name. */
export function weighPools(
  pools: readonly PoolState[],
  req: ScheduleRequest,
  settings: readonly WeigherSetting[],
): WeighedPool[] {
  const columns = settings
    .filter(({ multiplier }) => multiplier !== 0)
    .map(({ weigher, multiplier }) => ({
      multiplier,
      normalized: normalizeWeights(pools.map((pool) => weigher.rawWeight(pool, req))),
    }));
  const weighed = pools.map((pool, index) => ({
    pool,
    weight: columns.reduce((sum, { multiplier, normalized }) => sum + multiplier * (normalized[index] ?? 0), 0),
  }));
  return weighed.sort(byWeightThenName);
}
