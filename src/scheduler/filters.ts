/**
 * Cinder's FilterScheduler filters, kept small: each answers why a pool cannot take the
 * volume (a short user-readable reason) or undefined when it can.
 */
import type { PoolState, ScheduleRequest } from '../model/backend.js';
import { capacityShortfall } from './capacity.js';
import { capabilityText, matchesSpec } from './extra-spec-ops.js';

export interface PoolFilter {
  readonly name: string;
  passes(pool: PoolState, req: ScheduleRequest): string | undefined;
}

export const ServiceFilter: PoolFilter = {
  name: 'ServiceFilter',
  passes(pool) {
    if (!pool.enabled) return 'service disabled';
    if (!pool.up) return 'service down';
    return undefined;
  },
};

/** A reschedule must not land on the pool that just failed the create. */
export const IgnoreAttemptedHostsFilter: PoolFilter = {
  name: 'IgnoreAttemptedHostsFilter',
  passes(pool, req) {
    return req.attempted.includes(pool.name) ? 'already attempted for this volume' : undefined;
  },
};

export const AvailabilityZoneFilter: PoolFilter = {
  name: 'AvailabilityZoneFilter',
  passes(pool, req) {
    if (req.availabilityZone === undefined || req.availabilityZone === pool.availabilityZone) return undefined;
    return `availability zone ${pool.availabilityZone} is not ${req.availabilityZone}`;
  },
};

export const CapacityFilter: PoolFilter = {
  name: 'CapacityFilter',
  passes: capacityShortfall,
};

/** Stats every driver reports as first-class fields, under the names Cinder's extra specs use. */
const STANDARD_CAPABILITIES: ReadonlyMap<string, (pool: PoolState) => unknown> = new Map<
  string,
  (pool: PoolState) => unknown
>([
  ['volume_backend_name', (pool) => pool.volumeBackendName],
  ['pool_name', (pool) => pool.pool],
  ['storage_protocol', (pool) => pool.storageProtocol],
  ['driver_name', (pool) => pool.driver],
  ['thin_provisioning_support', (pool) => pool.thinProvisioningSupport],
  ['thick_provisioning_support', (pool) => pool.thickProvisioningSupport],
  ['QoS_support', (pool) => pool.qosSupport],
  ['multiattach', (pool) => pool.multiattach],
  ['total_capacity_gb', (pool) => pool.totalCapacityGiB],
  ['free_capacity_gb', (pool) => pool.freeCapacityGiB],
  ['provisioned_capacity_gb', (pool) => pool.provisionedCapacityGiB],
  ['reserved_percentage', (pool) => pool.reservedPercentage],
  ['max_over_subscription_ratio', (pool) => pool.maxOverSubscriptionRatio],
]);

/** A reported capability by name; undefined when the pool does not report it. */
export function lookupCapability(pool: PoolState, key: string): unknown {
  const standard = STANDARD_CAPABILITIES.get(key);
  if (standard !== undefined) return standard(pool);
  return Object.hasOwn(pool.capabilities, key) ? pool.capabilities[key] : undefined;
}

/**
 * Cinder's scoping: `capabilities:` keys are matched with the prefix stripped, unscoped keys as
 * they are, and keys of any other scope (qos:, provisioning:, vendor:) belong to someone else.
 */
export function capabilityKey(specKey: string): string | undefined {
  const colon = specKey.indexOf(':');
  if (colon < 0) return specKey;
  return specKey.slice(0, colon) === 'capabilities' ? specKey.slice(colon + 1) : undefined;
}

export const CapabilitiesFilter: PoolFilter = {
  name: 'CapabilitiesFilter',
  passes(pool, req) {
    for (const [specKey, requirement] of Object.entries(req.extraSpecs)) {
      const key = capabilityKey(specKey);
      if (key === undefined) continue;
      const value = lookupCapability(pool, key);
      // Cinder fails a pool that does not report a capability the type asks for.
      if (value === undefined) return `capability ${key} is not reported`;
      if (!matchesSpec(value, requirement)) {
        return `capability ${key}=${requirement} does not match ${describeCapability(value)}`;
      }
    }
    return undefined;
  },
};

function describeCapability(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describeCapability).join(', ')}]`;
  return capabilityText(value) ?? String(value);
}

/** Front-end QoS is applied by the hypervisor; only back-end QoS needs the pool's help. */
export const QosFilter: PoolFilter = {
  name: 'QosFilter',
  passes(pool, req) {
    const needsBackend = req.qosConsumer === 'back-end' || req.qosConsumer === 'both';
    return needsBackend && !pool.qosSupport ? 'back-end QoS not supported' : undefined;
  },
};

export const MultiattachFilter: PoolFilter = {
  name: 'MultiattachFilter',
  passes(pool, req) {
    return req.multiattach && !pool.multiattach ? 'multiattach not supported' : undefined;
  },
};

/** Cheap, coarse filters first so the trace shows the most basic reason a pool was dropped. */
export const defaultFilters: readonly PoolFilter[] = [
  ServiceFilter,
  IgnoreAttemptedHostsFilter,
  AvailabilityZoneFilter,
  CapacityFilter,
  CapabilitiesFilter,
  QosFilter,
  MultiattachFilter,
];
