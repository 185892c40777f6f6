import test from 'ava';
import { invalidState } from '../../src/model/errors.js';
import { kilnAt, startFakeNode, volume } from './fake-node.js';

test('create maps cinder arguments, --volume-type=x form included, and shows the volume', async (t) => {
  const node = await startFakeNode({ 'volume.create': () => volume({ status: 'creating' }) });
  const r = await kilnAt(node, [
    'create', '10', '--name', 'db', '--description', 'data', '--volume-type=gold', '--availability-zone', 'nova',
    '--metadata', 'tier=1', 'owner=ops',
  ]);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(node.calls, [{ method: 'volume.create', params: {
    size: 10, name: 'db', description: 'data', volumeType: 'gold', availabilityZone: 'nova', metadata: { tier: '1', owner: 'ops' },
  } }]);
  t.regex(r.stdout, /\| status +\| creating +\|/);
  await node.close();
});

test('list maps its filters and prints cinder columns', async (t) => {
  const node = await startFakeNode({ 'volume.list': () => [volume()] });
  const r = await kilnAt(node, [
    'list', '--name', 'vol1', '--status', 'available', '--metadata', 'tier=1', '--sort', 'name:asc,size:desc',
    '--limit', '5', '--marker', 'abc', '--all-tenants',
  ]);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(node.calls[0]?.params, {
    name: 'vol1', status: 'available', metadata: { tier: '1' }, sort: 'name:asc,size:desc', limit: 5, marker: 'abc', allTenants: true,
  });
  t.regex(r.stdout, /\| ID +\| Tenant ID +\| Status +\| Name +\| Size +\| Volume Type +\| Bootable +\| Attached to +\|/);
  await node.close();
});

test('list sends no filters when none are given, and --all-tenants 0 means no', async (t) => {
  const node = await startFakeNode({ 'volume.list': () => [] });
  t.is((await kilnAt(node, ['list'])).code, 0);
  t.is((await kilnAt(node, ['list', '--all-tenants', '0'])).code, 0);
  t.deepEqual(node.calls.map((c) => c.params), [{}, { allTenants: false }]);
  await node.close();
});

test('show prints cinder property names and the error reason of a failed volume', async (t) => {
  const node = await startFakeNode({ 'volume.show': () => volume({ status: 'error', errorReason: 'No valid backend was found.' }) });
  const r = await kilnAt(node, ['show', 'vol1']);
  t.deepEqual(node.calls, [{ method: 'volume.show', params: { volume: 'vol1' } }]);
  t.regex(r.stdout, /\| os-vol-host-attr:host +\| node1@LVM_iSCSI#LVM_iSCSI +\|/);
  t.regex(r.stdout, /\| error_reason +\| No valid backend was found\. +\|/);
  await node.close();
});

test('rename, extend and reset-state map to their methods', async (t) => {
  const node = await startFakeNode({ 'volume.update': () => volume(), 'volume.extend': () => volume(), 'volume.resetStatus': () => volume() });
  for (const argv of [['rename', 'vol1', 'vol2'], ['extend', 'vol1', '20'], ['reset-state', 'vol1', 'vol2', '--state', 'error'], ['reset-state', 'vol3']]) {
    const r = await kilnAt(node, argv);
    t.is(r.code, 0, r.stderr);
    t.is(r.stdout, '', argv.join(' '));
  }
  t.deepEqual(node.calls, [
    { method: 'volume.update', params: { volume: 'vol1', name: 'vol2' } },
    { method: 'volume.extend', params: { volume: 'vol1', newSize: 20 } },
    { method: 'volume.resetStatus', params: { volume: 'vol1', status: 'error' } },
    { method: 'volume.resetStatus', params: { volume: 'vol2', status: 'error' } },
    { method: 'volume.resetStatus', params: { volume: 'vol3', status: 'available' } },
  ]);
  await node.close();
});

test('reset-state refuses a state the node does not accept', async (t) => {
  const node = await startFakeNode();
  const r = await kilnAt(node, ['reset-state', 'vol1', '--state', 'creating']);
  t.is(r.code, 2);
  t.regex(r.stderr, /Allowed choices are available, error, in-use/);
  t.deepEqual(node.calls, []);
  await node.close();
});

test('metadata set and unset send only the named keys; the node merges them', async (t) => {
  const v = volume({ metadata: { keep: '1', old: '2' } });
  const node = await startFakeNode({ 'volume.setMetadata': () => v, 'volume.unsetMetadata': () => v });
  t.is((await kilnAt(node, ['metadata', 'vol1', 'set', 'new=3', 'keep=4'])).code, 0);
  t.is((await kilnAt(node, ['metadata', 'vol1', 'unset', 'old'])).code, 0);
  t.deepEqual(node.calls.map((c) => [c.method, c.params]), [
    ['volume.setMetadata', { volume: 'vol1', metadata: { new: '3', keep: '4' } }],
    ['volume.unsetMetadata', { volume: 'vol1', keys: ['old'] }],
  ]);
  await node.close();
});

test('delete deletes each volume, says so like cinder, and reports the ones that failed', async (t) => {
  const node = await startFakeNode({
    'volume.delete': (p: { volume: string }) => {
      if (p.volume === 'busy') throw invalidState('Volume status must be available or error, but current status is: in-use.');
      return volume({ status: 'deleting' });
    },
  });
  const r = await kilnAt(node, ['delete', 'a', 'busy', 'b']);
  t.is(r.stdout, 'Request to delete volume a has been accepted.\nRequest to delete volume b has been accepted.\n');
  t.is(r.stderr, 'ERROR: Delete for volume busy failed: Volume status must be available or error, but current status is: in-use.\n');
  t.is(r.code, 1);
  await node.close();
});
