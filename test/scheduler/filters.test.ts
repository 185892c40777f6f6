import test from 'ava';
import type { PoolState, ScheduleRequest } from '../../src/model/backend.js';
import {
  AvailabilityZoneFilter,
  CapabilitiesFilter,
  CapacityFilter,
  IgnoreAttemptedHostsFilter,
  MultiattachFilter,
  QosFilter,
  ServiceFilter,
  capabilityKey,
  defaultFilters,
  lookupCapability,
  type PoolFilter,
} from '../../src/scheduler/filters.js';
import { poolFixture, requestFixture } from './fixtures.js';

type Row = [
  filter: PoolFilter,
  behaviour: string,
  pool: Partial<PoolState>,
  req: Partial<ScheduleRequest>,
  expected: string | undefined,
];

const rows: Row[] = [
  [ServiceFilter, 'enabled and up passes', {}, {}, undefined],
  [ServiceFilter, 'disabled service fails', { enabled: false }, {}, 'service disabled'],
  [ServiceFilter, 'down service fails', { up: false }, {}, 'service down'],
  [ServiceFilter, 'disabled wins over down in the reason', { enabled: false, up: false }, {}, 'service disabled'],
  [IgnoreAttemptedHostsFilter, 'fresh pool passes', {}, { attempted: ['other@lvm#pool0'] }, undefined],
  [
    IgnoreAttemptedHostsFilter,
    'already attempted pool fails',
    {},
    { attempted: ['node1@lvm#pool0'] },
    'already attempted for this volume',
  ],
  [AvailabilityZoneFilter, 'no requested zone passes', { availabilityZone: 'az2' }, {}, undefined],
  [AvailabilityZoneFilter, 'same zone passes', { availabilityZone: 'az1' }, { availabilityZone: 'az1' }, undefined],
  [
    AvailabilityZoneFilter,
    'other zone fails',
    { availabilityZone: 'az2' },
    { availabilityZone: 'az1' },
    'availability zone az2 is not az1',
  ],
  [
    CapacityFilter,
    'uses the capacity rules',
    { freeCapacityGiB: 1 },
    { sizeGiB: 2 },
    'insufficient free capacity: 1 GiB free after 0% reserved, 2 GiB requested',
  ],
  [QosFilter, 'no QoS passes anywhere', {}, {}, undefined],
  [QosFilter, 'front-end QoS needs nothing from the pool', {}, { qosConsumer: 'front-end' }, undefined],
  [QosFilter, 'back-end QoS on a QoS pool passes', { qosSupport: true }, { qosConsumer: 'back-end' }, undefined],
  [QosFilter, 'back-end QoS without support fails', {}, { qosConsumer: 'back-end' }, 'back-end QoS not supported'],
  [QosFilter, 'both-ends QoS without support fails', {}, { qosConsumer: 'both' }, 'back-end QoS not supported'],
  [MultiattachFilter, 'single attach passes anywhere', {}, {}, undefined],
  [MultiattachFilter, 'multiattach on a capable pool passes', { multiattach: true }, { multiattach: true }, undefined],
  [MultiattachFilter, 'multiattach elsewhere fails', {}, { multiattach: true }, 'multiattach not supported'],
];

for (const [filter, behaviour, pool, req, expected] of rows) {
  test(`${filter.name}: ${behaviour}`, (t) => {
    t.is(filter.passes(poolFixture(pool), requestFixture(req)), expected);
  });
}

const capabilityPool = poolFixture({
  thinProvisioningSupport: true,
  qosSupport: true,
  capabilities: { compression: true, tier: 'gold', iops: 5000, 'vendor:x': 'y' },
});

const capabilityRows: [behaviour: string, extraSpecs: Record<string, string>, expected: string | undefined][] = [
  ['no extra specs pass', {}, undefined],
  ['unscoped volume_backend_name matches', { volume_backend_name: 'LVM_iSCSI' }, undefined],
  [
    'unscoped volume_backend_name mismatch names both sides',
    { volume_backend_name: 'lvm' },
    'capability volume_backend_name=lvm does not match LVM_iSCSI',
  ],
  ['capabilities: prefix is stripped', { 'capabilities:volume_backend_name': 'LVM_iSCSI' }, undefined],
  [
    'capabilities: prefix mismatch reports the bare key',
    { 'capabilities:storage_protocol': 'FC' },
    'capability storage_protocol=FC does not match iSCSI',
  ],
  ['qos: scoped keys are ignored', { 'qos:maxIOPS': 'nonsense' }, undefined],
  ['provisioning: scoped keys are ignored', { 'provisioning:type': 'thick' }, undefined],
  ['vendor scoped keys are ignored', { 'hw:firmware': 'v2' }, undefined],
  ['standard boolean stats match with <is>', { thin_provisioning_support: '<is> True', QoS_support: '<is> True' }, undefined],
  [
    'standard boolean mismatch is described in Python spelling',
    { multiattach: '<is> True' },
    'capability multiattach=<is> True does not match False',
  ],
  ['driver_name maps to the driver', { driver_name: 'LVMVolumeDriver' }, undefined],
  ['pool_name maps to the pool', { pool_name: 'pool0' }, undefined],
  ['capacity stats are matchable numerically', { free_capacity_gb: '>= 50' }, undefined],
  ['driver-reported capability matches', { 'capabilities:tier': '<or> silver <or> gold' }, undefined],
  ['driver-reported numeric capability matches', { iops: '>= 1000' }, undefined],
  ['driver-reported numeric capability too small', { iops: '>= 10000' }, 'capability iops=>= 10000 does not match 5000'],
  ['unreported capability fails', { 'capabilities:dedup': '<is> True' }, 'capability dedup is not reported'],
  ['unscoped unreported capability fails', { replication: 'enabled' }, 'capability replication is not reported'],
  ['nested capabilities: scope looks up the rest as one key', { 'capabilities:vendor:x': 'y' }, undefined],
  ['first failing spec is reported', { tier: 'gold', iops: '<= 1' }, 'capability iops=<= 1 does not match 5000'],
  ['inherited object names are not capabilities', { constructor: 'x' }, 'capability constructor is not reported'],
];

for (const [behaviour, extraSpecs, expected] of capabilityRows) {
  test(`CapabilitiesFilter: ${behaviour}`, (t) => {
    t.is(CapabilitiesFilter.passes(capabilityPool, requestFixture({ extraSpecs })), expected);
  });
}

const keyRows: [specKey: string, expected: string | undefined][] = [
  ['volume_backend_name', 'volume_backend_name'],
  ['capabilities:tier', 'tier'],
  ['capabilities:a:b', 'a:b'],
  ['qos:maxIOPS', undefined],
  ['provisioning:type', undefined],
  ['Capabilities:tier', undefined],
];

for (const [specKey, expected] of keyRows) {
  test(`capabilityKey: ${specKey} → ${String(expected)}`, (t) => {
    t.is(capabilityKey(specKey), expected);
  });
}

test('lookupCapability prefers the standard stats over a driver capability of the same name', (t) => {
  const pool = poolFixture({ capabilities: { volume_backend_name: 'shadow' } });
  t.is(lookupCapability(pool, 'volume_backend_name'), 'LVM_iSCSI');
  t.is(lookupCapability(pool, 'total_capacity_gb'), 100);
  t.is(lookupCapability(poolFixture({ totalCapacityGiB: undefined }), 'total_capacity_gb'), undefined);
});

test('defaultFilters run service and placement checks before capacity and capabilities', (t) => {
  t.deepEqual(
    defaultFilters.map((filter) => filter.name),
    [
      'ServiceFilter',
      'IgnoreAttemptedHostsFilter',
      'AvailabilityZoneFilter',
      'CapacityFilter',
      'CapabilitiesFilter',
      'QosFilter',
      'MultiattachFilter',
    ],
  );
});
