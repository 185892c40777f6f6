/**
 * Capacity arithmetic shared by CapacityFilter and CapacityWeigher, after Cinder's
 * capacity_filter.py and utils.calculate_virtual_free_capacity.
 */
import type { PoolState, ScheduleRequest } from '../model/backend.js';
import { extraSpec, matchesSpec } from './extra-spec-ops.js';

type ExtraSpecs = Readonly<Record<string, string>>;

/** Cinder floors the reserved space to whole GiB (math.floor(total * reserved)); kept for parity. */
export function reservedGiB(totalCapacityGiB: number, reservedPercentage: number): number {
  return Math.floor((totalCapacityGiB * reservedPercentage) / 100);
}

const THIN_SPEC_KEYS = ['thin_provisioning_support', 'capabilities:thin_provisioning_support'];

/**
 * Will a volume of this type be thin on this pool? Only thin volumes may over-subscribe.
 * `provisioning:type=thick` (Cinder's switch) asks for thick, and so does a
 * thin_provisioning_support spec that a thin pool would not satisfy (e.g. `<is> False`).
 */
export function provisionsThin(pool: PoolState, extraSpecs: ExtraSpecs): boolean {
  if (!pool.thinProvisioningSupport) return false;
  if (extraSpec(extraSpecs, 'provisioning:type') === 'thick') return false;
  return THIN_SPEC_KEYS.every((key) => {
    const requirement = extraSpec(extraSpecs, key);
    return requirement === undefined || matchesSpec(true, requirement);
  });
}

/**
 * Free space the weigher ranks by: for thin volumes what over-subscription still allows,
 * for thick ones the real free space; both less the reserve. undefined when the pool cannot tell.
 */
export function virtualFreeGiB(pool: PoolState, extraSpecs: ExtraSpecs): number | undefined {
  const { totalCapacityGiB, freeCapacityGiB } = pool;
  if (totalCapacityGiB === undefined || freeCapacityGiB === undefined) return undefined;
  const reserved = reservedGiB(totalCapacityGiB, pool.reservedPercentage);
  if (provisionsThin(pool, extraSpecs)) {
    return totalCapacityGiB * pool.maxOverSubscriptionRatio - pool.provisionedCapacityGiB - reserved;
  }
  return freeCapacityGiB - reserved;
}

/** Two decimals at most, without trailing zeros: "3 GiB", "2.5 GiB". */
export function formatGiB(sizeGiB: number): string {
  return `${formatNumber(sizeGiB)} GiB`;
}

function formatNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

/**
 * Why the pool cannot hold the requested size, or undefined when it can.
 * Unknown free capacity passes: Cinder trusts such drivers and lets a failed create reschedule.
 */
export function capacityShortfall(pool: PoolState, req: ScheduleRequest): string | undefined {
  const { sizeGiB } = req;
  // Size 0 is Cinder's "manage an existing volume": nothing new is allocated.
  if (sizeGiB === 0) return undefined;
  const { totalCapacityGiB, freeCapacityGiB, reservedPercentage } = pool;
  if (freeCapacityGiB === undefined) return undefined;
  if (totalCapacityGiB === undefined) {
    // Without a total there is nothing to take a percentage of; Cinder refuses rather than guess.
    if (reservedPercentage === 0) return undefined;
    return `cannot reserve ${reservedPercentage}% of an unknown total capacity`;
  }
  if (totalCapacityGiB <= 0) return `no capacity: total capacity is ${formatGiB(totalCapacityGiB)}`;
  const freeAfterReserveGiB = freeCapacityGiB - reservedGiB(totalCapacityGiB, reservedPercentage);
  if (provisionsThin(pool, req.extraSpecs)) {
    return thinShortfall(pool, totalCapacityGiB, freeAfterReserveGiB, sizeGiB);
  }
  if (freeAfterReserveGiB >= sizeGiB) return undefined;
  return (
    `insufficient free capacity: ${formatGiB(freeAfterReserveGiB)} free after ` +
    `${reservedPercentage}% reserved, ${formatGiB(sizeGiB)} requested`
  );
}

/** Thin volumes are bounded twice: by the over-subscription ratio and by real free space × ratio. */
function thinShortfall(
  pool: PoolState,
  totalCapacityGiB: number,
  freeAfterReserveGiB: number,
  sizeGiB: number,
): string | undefined {
  const ratio = pool.maxOverSubscriptionRatio;
  if (ratio < 1) return `invalid max over-subscription ratio ${ratio} (must be at least 1)`;
  const provisionedRatio = (pool.provisionedCapacityGiB + sizeGiB) / totalCapacityGiB;
  if (provisionedRatio > ratio) {
    return (
      `over-subscribed: ${formatGiB(pool.provisionedCapacityGiB + sizeGiB)} provisioned of ` +
      `${formatGiB(totalCapacityGiB)} would be ratio ${formatNumber(provisionedRatio)}, max ${ratio}`
    );
  }
  const freeVirtualGiB = freeAfterReserveGiB * ratio;
  if (freeVirtualGiB >= sizeGiB) return undefined;
  return (
    `insufficient free virtual capacity: ${formatGiB(freeVirtualGiB)} ` +
    `(${formatGiB(freeAfterReserveGiB)} free after ${pool.reservedPercentage}% reserved, ` +
    `ratio ${ratio}), ${formatGiB(sizeGiB)} requested`
  );
}
