import test from 'ava';
import type { QosSpec, VolumeType } from '../../src/model/catalog.js';
import type { ServiceRecord } from '../../src/api/protocol.js';
import type { PoolState } from '../../src/model/backend.js';
import { conflict } from '../../src/model/errors.js';
import { kilnAt, startFakeNode } from './fake-node.js';

const gold: VolumeType = {
  id: 't-1', name: 'gold', description: 'fast disks', isPublic: false, extraSpecs: { volume_backend_name: 'LVM_iSCSI' },
  qosSpecsId: null, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z',
};
const fast: QosSpec = {
  id: 'q-1', name: 'fast', consumer: 'front-end', specs: { read_iops_sec: '100' },
  createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z',
};

test('type-create sends name, description and is-public and prints the type as a list row', async (t) => {
  const node = await startFakeNode({ 'type.create': () => gold });
  const r = await kilnAt(node, ['type-create', 'gold', '--description', 'fast disks', '--is-public', 'false']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(node.calls, [{ method: 'type.create', params: { name: 'gold', description: 'fast disks', isPublic: false } }]);
  t.regex(r.stdout, /\| ID +\| Name +\| Description +\| Is_Public \|/);
  t.regex(r.stdout, /\| t-1 +\| gold +\| fast disks +\| False +\|/);
  await node.close();
});

test('type commands map to their methods', async (t) => {
  const node = await startFakeNode({
    'type.list': () => [gold], 'type.show': () => gold, 'type.default': () => gold, 'type.update': () => gold,
    'type.delete': () => null, 'type.setKeys': () => gold, 'type.unsetKeys': () => gold,
  });
  const runs = [
    ['type-list'], ['type-show', 'gold'], ['type-default'], ['type-update', 'gold', '--name', 'platinum', '--is-public', 'true'],
    ['type-key', 'gold', 'set', 'volume_backend_name=LVM_iSCSI', 'capabilities:thin=<is> True'], ['type-key', 'gold', 'unset', 'a', 'b'],
    ['extra-specs-list'],
  ];
  for (const argv of runs) t.is((await kilnAt(node, argv)).code, 0, argv.join(' '));
  t.deepEqual(node.calls, [
    { method: 'type.list', params: {} },
    { method: 'type.show', params: { type: 'gold' } },
    { method: 'type.default', params: {} },
    { method: 'type.update', params: { type: 'gold', name: 'platinum', isPublic: true } },
    { method: 'type.setKeys', params: { type: 'gold', specs: { volume_backend_name: 'LVM_iSCSI', 'capabilities:thin': '<is> True' } } },
    { method: 'type.unsetKeys', params: { type: 'gold', keys: ['a', 'b'] } },
    { method: 'type.list', params: {} },
  ]);
  await node.close();
});

test('extra-specs-list prints the specs as cinder does', async (t) => {
  const node = await startFakeNode({ 'type.list': () => [gold] });
  const r = await kilnAt(node, ['extra-specs-list']);
  t.regex(r.stdout, /\| ID +\| Name +\| extra_specs +\|/);
  t.true(r.stdout.includes("{'volume_backend_name': 'LVM_iSCSI'}"));
  await node.close();
});

test('type-delete deletes each type, says so like cinder, and fails if any failed', async (t) => {
  const node = await startFakeNode({
    'type.delete': (p: { type: string }) => {
      if (p.type === 'used') throw conflict('Volume type used is in use by volumes.');
      return null;
    },
  });
  const r = await kilnAt(node, ['type-delete', 'gold', 'used', 'silver']);
  t.deepEqual(node.calls.map((c) => c.params['type']), ['gold', 'used', 'silver']);
  t.is(r.stdout, 'Request to delete volume type gold has been accepted.\nRequest to delete volume type silver has been accepted.\n');
  t.is(r.stderr, 'ERROR: Delete for volume type used failed: Volume type used is in use by volumes.\n');
  t.is(r.code, 1);
  await node.close();
});

test('qos-create takes the consumer out of the key=value pairs', async (t) => {
  const node = await startFakeNode({ 'qos.create': () => fast });
  const r = await kilnAt(node, ['qos-create', 'fast', 'consumer=front-end', 'read_iops_sec=100']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(node.calls, [{ method: 'qos.create', params: { name: 'fast', consumer: 'front-end', specs: { read_iops_sec: '100' } } }]);
  t.regex(r.stdout, /\| consumer +\| front-end +\|/);
  await node.close();
});

test('qos commands map to their methods', async (t) => {
  const node = await startFakeNode({
    'qos.list': () => [fast], 'qos.show': () => fast, 'qos.setKeys': () => fast, 'qos.unsetKeys': () => fast,
    'qos.associate': () => null, 'qos.disassociate': () => null, 'qos.disassociateAll': () => null,
    'qos.associations': () => [{ associationType: 'volume_type', id: 't-1', name: 'gold' }], 'qos.delete': () => null,
  });
  const runs = [
    ['qos-list'], ['qos-show', 'fast'], ['qos-key', 'fast', 'set', 'total_iops_sec=500'], ['qos-key', 'fast', 'unset', 'read_iops_sec'],
    ['qos-associate', 'fast', 'gold'], ['qos-disassociate', 'fast', 'gold'], ['qos-disassociate-all', 'fast'],
    ['qos-get-association', 'fast'], ['qos-delete', '--force', 'fast'], ['qos-delete', 'fast'],
  ];
  for (const argv of runs) t.is((await kilnAt(node, argv)).code, 0, argv.join(' '));
  t.deepEqual(node.calls, [
    { method: 'qos.list', params: {} },
    { method: 'qos.show', params: { qos: 'fast' } },
    { method: 'qos.setKeys', params: { qos: 'fast', specs: { total_iops_sec: '500' } } },
    { method: 'qos.unsetKeys', params: { qos: 'fast', keys: ['read_iops_sec'] } },
    { method: 'qos.associate', params: { qos: 'fast', type: 'gold' } },
    { method: 'qos.disassociate', params: { qos: 'fast', type: 'gold' } },
    { method: 'qos.disassociateAll', params: { qos: 'fast' } },
    { method: 'qos.associations', params: { qos: 'fast' } },
    { method: 'qos.delete', params: { qos: 'fast', force: true } },
    { method: 'qos.delete', params: { qos: 'fast' } },
  ]);
  await node.close();
});

test('qos-list and qos-get-association print cinder columns', async (t) => {
  const node = await startFakeNode({
    'qos.list': () => [fast], 'qos.associations': () => [{ associationType: 'volume_type', id: 't-1', name: 'gold' }],
  });
  t.regex((await kilnAt(node, ['qos-list'])).stdout, /\| ID +\| Name +\| Consumer +\| specs +\|/);
  t.regex((await kilnAt(node, ['qos-get-association', 'fast'])).stdout, /\| volume_type +\| gold +\| t-1 +\|/);
  await node.close();
});

const svc: ServiceRecord = {
  binary: 'cinder-volume', host: 'node1@LVM_iSCSI', zone: 'nova', status: 'enabled', state: 'up', updatedAt: '2025-01-01T00:00:00Z', disabledReason: null,
};

test('service commands map to their methods and print cinder columns', async (t) => {
  const node = await startFakeNode({
    'service.list': () => [svc],
    'service.disable': (p: { reason?: string }) => ({ ...svc, status: 'disabled', disabledReason: p.reason ?? null }),
    'service.enable': () => svc,
  });
  const list = await kilnAt(node, ['service-list', '--host', 'node1@LVM_iSCSI', '--binary', 'cinder-volume']);
  t.regex(list.stdout, /\| Binary +\| Host +\| Zone +\| Status +\| State +\| Updated_at +\| Disabled Reason \|/);
  const off = await kilnAt(node, ['service-disable', 'node1@LVM_iSCSI', 'cinder-volume', '--reason', 'disk swap']);
  t.regex(off.stdout, /\| node1@LVM_iSCSI \| cinder-volume \| disabled \| disk swap +\|/);
  const on = await kilnAt(node, ['service-enable', 'node1@LVM_iSCSI', 'cinder-volume']);
  t.regex(on.stdout, /\| Host +\| Binary +\| Status +\|\n/);
  t.deepEqual(node.calls, [
    { method: 'service.list', params: { host: 'node1@LVM_iSCSI', binary: 'cinder-volume' } },
    { method: 'service.disable', params: { host: 'node1@LVM_iSCSI', binary: 'cinder-volume', reason: 'disk swap' } },
    { method: 'service.enable', params: { host: 'node1@LVM_iSCSI', binary: 'cinder-volume' } },
  ]);
  await node.close();
});

test('get-pools prints names, and capabilities with --detail', async (t) => {
  const pool = {
    name: 'node1@LVM_iSCSI#LVM_iSCSI', volumeBackendName: 'LVM_iSCSI', storageProtocol: 'iSCSI', totalCapacityGiB: 10,
    freeCapacityGiB: 9, provisionedCapacityGiB: 1, reservedPercentage: 0, maxOverSubscriptionRatio: 20,
    thinProvisioningSupport: true, thickProvisioningSupport: false, qosSupport: false, multiattach: false,
    capabilities: {}, volumeCount: 1, updatedAtMs: 0,
  } as unknown as PoolState;
  const node = await startFakeNode({ 'pool.list': () => [pool] });
  const brief = await kilnAt(node, ['get-pools']);
  t.regex(brief.stdout, /\| name +\| node1@LVM_iSCSI#LVM_iSCSI \|/);
  t.notRegex(brief.stdout, /free_capacity_gb/);
  const detail = await kilnAt(node, ['get-pools', '--detail']);
  t.regex(detail.stdout, /\| free_capacity_gb +\| 9 +\|/);
  t.deepEqual(node.calls.map((c) => c.params), [{ detail: false }, { detail: true }]);
  await node.close();
});
