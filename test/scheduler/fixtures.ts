/** Plain-value builders for scheduler tests: a roomy, healthy thick LVM pool and a 1 GiB request. */
import type { PoolState, ScheduleRequest } from '../../src/model/backend.js';

export function poolFixture(overrides: Partial<PoolState> = {}): PoolState {
  const node = overrides.node ?? 'node1';
  const backend = overrides.backend ?? 'lvm';
  const pool = overrides.pool ?? 'pool0';
  return {
    name: `${node}@${backend}#${pool}`,
    node,
    backend,
    pool,
    volumeBackendName: 'LVM_iSCSI',
    availabilityZone: 'nova',
    driver: 'LVMVolumeDriver',
    storageProtocol: 'iSCSI',
    totalCapacityGiB: 100,
    freeCapacityGiB: 100,
    provisionedCapacityGiB: 0,
    reservedPercentage: 0,
    maxOverSubscriptionRatio: 1,
    thinProvisioningSupport: false,
    thickProvisioningSupport: true,
    qosSupport: false,
    multiattach: false,
    capabilities: {},
    volumeCount: 0,
    generation: 1,
    updatedAtMs: 0,
    enabled: true,
    up: true,
    ...overrides,
  };
}

/** A pool named `${name}@lvm#pool0`, for tables where only the name and a few numbers matter. */
export function namedPool(node: string, overrides: Partial<PoolState> = {}): PoolState {
  return poolFixture({ node, ...overrides });
}

export function requestFixture(overrides: Partial<ScheduleRequest> = {}): ScheduleRequest {
  return {
    volumeId: 'vol-1',
    sizeGiB: 1,
    availabilityZone: undefined,
    extraSpecs: {},
    qosConsumer: undefined,
    attempted: [],
    multiattach: false,
    ...overrides,
  };
}
