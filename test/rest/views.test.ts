import test from 'ava';
import type { ViewContext } from '../../src/api/rest/context.js';
import { version } from '../../src/api/rest/microversion.js';
import { qosDetail, volumeTypeView } from '../../src/api/rest/views/catalog-view.js';
import { poolList, serviceView } from '../../src/api/rest/views/service-view.js';
import { volumeDetail, volumeList, volumeSummary } from '../../src/api/rest/views/volume-view.js';
import type { PoolState } from '../../src/model/backend.js';
import type { VolumeType } from '../../src/model/catalog.js';
import type { VolumeRecord } from '../../src/model/volume.js';

const view = (v: string, isAdmin = true): ViewContext => ({ baseUrl: 'http://127.0.0.1:8776', projectId: 'p1', version: version(v), isAdmin });

const record: VolumeRecord = {
  id: '773a0633-93b8-4d05-ba5e-198b50210b50', projectId: 'p1', userId: 'admin', name: 'volume3', description: null,
  sizeGiB: 1, status: 'available', volumeTypeId: '35ad46a6-6ac4-4ff4-9042-4c4bbf7b7e7a', volumeTypeName: 'lvm-self',
  availabilityZone: 'nova', metadata: {}, host: 'vm@LVM_iSCSI#LVM_iSCSI', backend: 'LVM_iSCSI', bootable: false, readonly: false, attachments: [],
  multiattach: false, errorReason: null, createdAt: '2026-11-25T13:17:08.649Z', updatedAt: '2026-11-25T13:17:09.173Z',
};

/** The keys, in order, of GET /volumes/detail in the recorded transcript (admin, 3.70). */
const transcriptKeys = [
  'id', 'status', 'size', 'availability_zone', 'created_at', 'updated_at', 'name', 'description', 'volume_type', 'snapshot_id',
  'source_volid', 'metadata', 'links', 'user_id', 'bootable', 'encrypted', 'replication_status', 'consistencygroup_id', 'multiattach',
  'attachments', 'migration_status', 'group_id', 'provider_id', 'shared_targets', 'service_uuid', 'cluster_name', 'volume_type_id',
  'consumes_quota', 'os-vol-tenant-attr:tenant_id', 'os-vol-mig-status-attr:migstat', 'os-vol-mig-status-attr:name_id', 'os-vol-host-attr:host',
];

test('builds the volume detail with the keys and order of the recorded Cinder answer', (t) => {
  const d = volumeDetail(view('3.70'), record);
  t.deepEqual(Object.keys(d), transcriptKeys);
  t.is(d.bootable, 'false');
  t.is(d.created_at, '2026-11-25T13:17:08.649000');
  t.deepEqual(d.links, [
    { rel: 'self', href: `http://127.0.0.1:8776/v3/p1/volumes/${record.id}` },
    { rel: 'bookmark', href: `http://127.0.0.1:8776/p1/volumes/${record.id}` },
  ]);
});

const byVersion: [string, boolean, string[], string[]][] = [
  ['3.0', true, ['migration_status', 'os-vol-host-attr:host'], ['group_id', 'provider_id', 'shared_targets', 'volume_type_id', 'consumes_quota']],
  ['3.13', true, ['group_id'], ['provider_id']],
  ['3.21', true, ['provider_id'], ['shared_targets']],
  ['3.48', true, ['shared_targets', 'service_uuid'], ['cluster_name']],
  ['3.61', true, ['cluster_name'], ['volume_type_id']],
  ['3.63', true, ['volume_type_id'], ['consumes_quota']],
  ['3.65', true, ['consumes_quota'], []],
  ['3.70', false, ['os-vol-tenant-attr:tenant_id', 'consumes_quota'],
    ['migration_status', 'provider_id', 'cluster_name', 'os-vol-host-attr:host', 'os-vol-mig-status-attr:migstat']],
];

for (const [v, isAdmin, present, absent] of byVersion) {
  test(`volume detail at ${v} for ${isAdmin ? 'an admin' : 'a member'} has ${present.join(', ')}`, (t) => {
    const d = volumeDetail(view(v, isAdmin), record);
    for (const k of present) t.true(k in d, `${k} missing`);
    for (const k of absent) t.false(k in d, `${k} present`);
  });
}

test('the create answer has no os-vol-* attributes', (t) => {
  t.false(Object.keys(volumeDetail(view('3.70'), record, false)).some((k) => k.startsWith('os-vol')));
});

test('shows the read-only flag in the metadata, as Cinder does', (t) => {
  t.deepEqual(volumeDetail(view('3.70'), { ...record, readonly: true, metadata: { a: '1' } }).metadata, { a: '1', readonly: 'True' });
});

test('lists attached attachments the way Cinder does, the host name for admins only', (t) => {
  const attached: VolumeRecord = { ...record, status: 'in-use', attachments: [
    { id: 'a1', volumeId: record.id, instanceUuid: 'srv1', status: 'attached', mode: 'rw', connector: { host: 'compute1', mountpoint: '/dev/vdb' },
      attachedAt: '2026-11-25T13:17:41.000Z', createdAt: '2026-11-25T13:17:40.000Z', errorReason: null },
    { id: 'a2', volumeId: record.id, instanceUuid: null, status: 'reserved', mode: 'rw', connector: null, attachedAt: null,
      createdAt: '2026-11-25T13:17:40.000Z', errorReason: null },
  ] };
  t.deepEqual(volumeDetail(view('3.70'), attached).attachments, [{ id: record.id, attachment_id: 'a1', volume_id: record.id,
    server_id: 'srv1', host_name: 'compute1', device: '/dev/vdb', attached_at: '2026-11-25T13:17:41.000000' }]);
  t.is((volumeDetail(view('3.70', false), attached).attachments as { host_name: unknown }[])[0]?.host_name, null);
});

test('lists summaries with links, a next link for full pages, and count from 3.45', (t) => {
  t.deepEqual(Object.keys(volumeSummary(view('3.0'), record)), ['id', 'name', 'links']);
  const page = volumeList(view('3.45'), [record], { detail: false, nextHref: 'http://x/next', count: 7 });
  t.deepEqual(page.volumes_links, [{ rel: 'next', href: 'http://x/next' }]);
  t.is(page.count, 7);
  t.false('count' in volumeList(view('3.44'), [record], { detail: false, count: 7 }));
});

const type: VolumeType = {
  id: 't1', name: 'lvm-self', description: null, isPublic: true, extraSpecs: { volume_backend_name: 'LVM_iSCSI', multiattach: '<is> True' },
  qosSpecsId: 'q1', createdAt: '', updatedAt: '',
};

test('volume types: the transcript shape for admins, user-visible specs only for members', (t) => {
  t.deepEqual(Object.keys(volumeTypeView(view('3.70'), type)),
    ['id', 'name', 'is_public', 'description', 'extra_specs', 'qos_specs_id', 'os-volume-type-access:is_public']);
  t.deepEqual(Object.keys(volumeTypeView(view('3.70'), type, { created: true })),
    ['id', 'name', 'is_public', 'extra_specs', 'description', 'os-volume-type-access:is_public']);
  const member = volumeTypeView(view('3.70', false), type);
  t.deepEqual(member.extra_specs, { multiattach: '<is> True' });
  t.false('qos_specs_id' in member);
});

test('QoS specs answer with top-level links', (t) => {
  const d = qosDetail(view('3.70'), { id: 'q1', name: 'read_qos', consumer: 'front-end', specs: { read_iops_sec: '1000' }, createdAt: '', updatedAt: '' });
  t.deepEqual(d.qos_specs, { id: 'q1', name: 'read_qos', consumer: 'front-end', specs: { read_iops_sec: '1000' } });
  t.is(d.links[0]?.href, 'http://127.0.0.1:8776/v3/p1/qos-specs/q1');
});

test('services: volume services carry backend_state and replication fields, cluster from 3.7', (t) => {
  const svc = { binary: 'cinder-volume' as const, host: 'vm@lvm', zone: 'nova', status: 'enabled' as const, state: 'up' as const,
    updatedAt: '2026-11-25T13:16:55.175Z', disabledReason: null };
  t.deepEqual(Object.keys(serviceView(view('3.70'), svc)), ['binary', 'host', 'zone', 'status', 'state', 'updated_at', 'backend_state',
    'cluster', 'disabled_reason', 'replication_status', 'active_backend_id', 'frozen']);
  t.deepEqual(Object.keys(serviceView(view('3.0'), { ...svc, binary: 'cinder-scheduler' })),
    ['binary', 'host', 'zone', 'status', 'state', 'updated_at', 'disabled_reason']);
});

test('pools: names only, or capabilities with unknown capacity spelled as Cinder does', (t) => {
  const pool = {
    name: 'vm@lvm#LVM', node: 'vm', backend: 'lvm', pool: 'LVM', volumeBackendName: 'LVM', availabilityZone: 'nova', driver: 'lvm',
    storageProtocol: 'iSCSI', totalCapacityGiB: undefined, freeCapacityGiB: 10, provisionedCapacityGiB: 0, reservedPercentage: 0,
    maxOverSubscriptionRatio: 20, thinProvisioningSupport: false, thickProvisioningSupport: true, qosSupport: false, multiattach: true,
    capabilities: {}, volumeCount: 0, generation: 1, updatedAtMs: 0, enabled: true, up: true,
  } satisfies PoolState;
  t.deepEqual(poolList([pool], false), { pools: [{ name: 'vm@lvm#LVM' }] });
  const caps = poolList([pool], true).pools[0]?.capabilities ?? {};
  t.is(caps.total_capacity_gb, 'unknown');
  t.is(caps.max_over_subscription_ratio, '20.0');
  t.is(caps.pool_name, 'LVM');
});
