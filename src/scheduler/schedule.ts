/**
 * Cinder's FilterScheduler as one pure function: filter, record who removed which pool and
 * why, then weigh what is left. No I/O, so every placement decision is a table test.
 */
import type { FilterTrace, PoolState, ScheduleRequest, ScheduleResult } from '../model/backend.js';
import { defaultFilters, type PoolFilter } from './filters.js';
import { CapacityWeigher, VolumeNumberWeigher, weighPools, type WeigherSetting } from './weighers.js';

export interface ScheduleOptions {
  /** +1 (default) spreads volumes onto the emptiest pool, -1 stacks them onto the fullest. */
  capacityWeightMultiplier?: number;
  /** Positive prefers pools holding fewer volumes; 0 (default) turns the weigher off. */
  volumeNumberWeightMultiplier?: number;
}

const NO_VALID_BACKEND = 'No valid backend was found.';

function runFilter(
  filter: PoolFilter,
  pools: readonly PoolState[],
  req: ScheduleRequest,
): { passed: PoolState[]; trace: FilterTrace } {
  const passed: PoolState[] = [];
  const removed: FilterTrace['removed'] = [];
  for (const pool of pools) {
    const reason = filter.passes(pool, req);
    if (reason === undefined) passed.push(pool);
    else removed.push({ pool: pool.name, reason });
  }
  return { passed, trace: { filter: filter.name, before: pools.length, after: passed.length, removed } };
}

/** Names the filter that emptied the list, so the user sees the decisive reason, not a log. */
function lastBackendsRemoved(step: FilterTrace): string {
  const pools = step.removed.map(({ pool, reason }) => `${pool} (${reason})`).join(', ');
  const noun = step.removed.length === 1 ? 'backend' : 'backends';
  return `${NO_VALID_BACKEND} ${step.filter} removed the last ${noun}: ${pools}`;
}

function weigherSettings(opts: ScheduleOptions): WeigherSetting[] {
  return [
    { weigher: CapacityWeigher, multiplier: opts.capacityWeightMultiplier ?? 1 },
    { weigher: VolumeNumberWeigher, multiplier: opts.volumeNumberWeightMultiplier ?? 0 },
  ];
}

function byName(a: PoolState, b: PoolState): number {
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

/** Pick a pool for the request; the trace lists every filter that ran, in order. */
export function schedule(
  pools: readonly PoolState[],
  req: ScheduleRequest,
  opts: ScheduleOptions = {},
): ScheduleResult {
  if (pools.length === 0) return { ok: false, reason: `${NO_VALID_BACKEND} No backends are reporting.`, trace: [] };
  // Sorted so the trace does not depend on the order stats reports arrived in.
  let remaining = [...pools].sort(byName);
  const trace: FilterTrace[] = [];
  for (const filter of defaultFilters) {
    const step = runFilter(filter, remaining, req);
    trace.push(step.trace);
    remaining = step.passed;
    if (remaining.length === 0) return { ok: false, reason: lastBackendsRemoved(step.trace), trace };
  }
  const [best] = weighPools(remaining, req, weigherSettings(opts));
  // Unreachable while filters leave at least one pool; kept so the types need no assertion.
  if (best === undefined) return { ok: false, reason: `${NO_VALID_BACKEND} No backends are reporting.`, trace };
  return { ok: true, pool: best.pool, trace };
}

/**
 * Account for a volume placed since the pool's last stats report, so a burst of creates does
 * not all land on the pool that looked emptiest. Unknown capacities stay unknown.
 */
export function consume(pool: PoolState, sizeGiB: number): PoolState {
  // A new volume on a thin-only pool takes no physical space yet (Cinder subtracts it anyway,
  // which fails bursts of creates on a pool that has room); it still counts as provisioned.
  const thinOnly = pool.thinProvisioningSupport && !pool.thickProvisioningSupport;
  return {
    ...pool,
    freeCapacityGiB: pool.freeCapacityGiB === undefined || thinOnly ? pool.freeCapacityGiB : pool.freeCapacityGiB - sizeGiB,
    provisionedCapacityGiB: pool.provisionedCapacityGiB + sizeGiB,
    volumeCount: pool.volumeCount + 1,
  };
}
