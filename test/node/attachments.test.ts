import test from 'ava';
import type { AttachmentView } from '../../src/node/operations/attachment-ops.js';
import { createNode } from '../../src/node/node.js';
import { silentLogger } from '../../src/node/logger.js';
import { KilnError } from '../../src/model/errors.js';
import { recordingTarget } from '../helpers/fake-target.js';
import { admin, tempDir, testOptions, waitForVolume } from '../helpers/node.js';

const connector = { initiator: 'iqn.1993-08.org.debian:01:host1', ip: '127.0.0.1', host: 'host1' };

async function nodeWithTarget(t: { teardown(f: () => Promise<void>): void }, target = recordingTarget()) {
  const dir = await tempDir();
  const node = await createNode(testOptions(dir.path), { log: silentLogger(), targetFor: () => target.port });
  t.teardown(async () => { await node.stop(); await dir.remove(); });
  return { node, target, dir: dir.path };
}

async function availableVolume(node: Awaited<ReturnType<typeof createNode>>, name: string, volumeType?: string) {
  const v = await node.operations.volumes.create(admin, { size: 10, name, ...(volumeType ? { volumeType } : {}) });
  await waitForVolume(node, v.id, ['available']);
  return v;
}

test('attach with a connector returns Cinder connection info with QoS scaled by size, complete makes it in-use, delete frees it', async (t) => {
  const { node, target } = await nodeWithTarget(t);
  const ops = node.operations;
  await ops.catalog.createType(admin, { name: 'fast' });
  await ops.catalog.createQos(admin, { name: 'q', consumer: 'front-end', specs: { read_iops_sec_per_gb: '10', write_iops_sec: '500' } });
  await ops.catalog.associateQos(admin, { qos: 'q', type: 'fast' });
  const v = await availableVolume(node, 'volume3', 'fast');
  const a = await ops.attachments.create(admin, { volume: 'volume3', instanceUuid: 'inst-1', connector });
  t.is(a.status, 'attaching');
  const info = a.connectionInfo as { driver_volume_type: string; data: Record<string, unknown> };
  t.is(info.driver_volume_type, 'iscsi');
  t.is(info.data.auth_method, 'CHAP');
  t.is(info.data.access_mode, 'rw');
  t.deepEqual(info.data.qos_specs, { read_iops_sec: 100, write_iops_sec: 500 });
  t.is(node.readModel.get(v.id)?.status, 'attaching');
  t.false(JSON.stringify(node.readModel.get(v.id)).includes('secret'), 'credentials never reach the read model');
  await ops.attachments.complete(admin, { attachment: a.id });
  t.is(node.readModel.get(v.id)?.status, 'in-use');
  t.deepEqual(ops.attachments.list(admin, {}).map((x) => [x.id, x.status, x.instanceUuid]), [[a.id, 'attached', 'inst-1']]);
  const refused = await t.throwsAsync(ops.volumes.delete(admin, { volume: v.id }));
  t.is((refused as KilnError).code, 'ERR_INVALID_STATE');
  const second = await t.throwsAsync(ops.attachments.create(admin, { volume: v.id, connector }));
  t.regex((second as KilnError).message, /multiattach/);
  const gone = await ops.attachments.delete(admin, { attachment: a.id });
  t.is(gone.volumeStatus, 'available');
  t.deepEqual(target.calls, ['create ' + v.id, `connect ${connector.initiator}`, `disconnect ${connector.initiator}`, `remove iqn.2010-10.org.openstack:volume-${v.id}`]);
  t.is(target.exports.size, 0);
});

test('a reserved attachment (no connector) moves the volume to reserved, and an update with connector connects it', async (t) => {
  const { node } = await nodeWithTarget(t);
  const v = await availableVolume(node, 'r');
  const a = await node.operations.attachments.create(admin, { volume: v.id, instanceUuid: 'inst-2' });
  t.is(a.status, 'reserved');
  t.is(a.connectionInfo, null);
  t.is(node.readModel.get(v.id)?.status, 'reserved');
  const u = await node.operations.attachments.update(admin, { attachment: a.id, connector });
  t.truthy(u.connectionInfo);
  const early = await t.throwsAsync(node.operations.attachments.complete(admin, { attachment: 'nope' }));
  t.is((early as KilnError).code, 'ERR_NOT_FOUND');
});

test('a multiattach type allows a second attachment; the export stays until the last one goes', async (t) => {
  const { node, target } = await nodeWithTarget(t);
  await node.operations.catalog.createType(admin, { name: 'shared', extraSpecs: { multiattach: '<is> True' } });
  const v = await availableVolume(node, 'shared-vol', 'shared');
  const a1 = await node.operations.attachments.create(admin, { volume: v.id, connector });
  await node.operations.attachments.complete(admin, { attachment: a1.id });
  const a2 = await node.operations.attachments.create(admin, { volume: v.id, connector: { ...connector, initiator: 'iqn.2000-01.org.example:host2' } });
  await node.operations.attachments.complete(admin, { attachment: a2.id });
  t.is(target.calls.filter((c) => c.startsWith('create')).length, 1, 'one target per volume');
  await node.operations.attachments.delete(admin, { attachment: a1.id });
  t.is(node.readModel.get(v.id)?.status, 'in-use');
  t.is(target.exports.size, 1);
  await node.operations.attachments.delete(admin, { attachment: a2.id });
  t.is(node.readModel.get(v.id)?.status, 'available');
  t.is(target.exports.size, 0);
});

test('a connect that fails leaves no export behind and reports a clear error', async (t) => {
  const { node, target } = await nodeWithTarget(t, recordingTarget({ failConnect: () => true }));
  const v = await availableVolume(node, 'f');
  const err = await t.throwsAsync(node.operations.attachments.create(admin, { volume: v.id, connector }));
  t.regex((err as KilnError).message, /failed to connect: tgtadm: can't find the target/);
  t.is(target.exports.size, 0);
  t.deepEqual(node.readModel.get(v.id)?.attachments, [], 'the failed attachment is gone, as in Cinder');
  t.is(node.readModel.get(v.id)?.status, 'available');
});

test('refuses an iSCSI connector without initiator before changing anything', async (t) => {
  const { node } = await nodeWithTarget(t);
  const v = await availableVolume(node, 'noinit');
  const err = await t.throwsAsync(node.operations.attachments.create(admin, { volume: v.id, connector: { ip: '127.0.0.1', host: 'h' } }));
  t.is((err as KilnError).field, 'connector.initiator');
  t.deepEqual(node.readModel.get(v.id)?.attachments, []);
  t.is(node.readModel.get(v.id)?.status, 'available');
});

test('after a restart, exports of attached volumes are re-created with their hosts\' access', async (t) => {
  const dir = await tempDir();
  t.teardown(() => dir.remove());
  const first = recordingTarget();
  let node = await createNode(testOptions(dir.path), { log: silentLogger(), targetFor: () => first.port });
  const v = await availableVolume(node, 'survivor');
  const a: AttachmentView = await node.operations.attachments.create(admin, { volume: v.id, connector });
  await node.operations.attachments.complete(admin, { attachment: a.id });
  await node.stop();
  const second = recordingTarget(); // a restarted tgtd: no targets at all
  node = await createNode(testOptions(dir.path), { log: silentLogger(), targetFor: () => second.port });
  t.teardown(() => node.stop());
  const deadline = Date.now() + 5000;
  while (second.exports.size === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  t.deepEqual(second.calls, [`ensure iqn.2010-10.org.openstack:volume-${v.id}`, `connect ${connector.initiator}`]);
  t.true(second.exports.get(`iqn.2010-10.org.openstack:volume-${v.id}`)?.initiators.has(connector.initiator));
  t.is(node.readModel.get(v.id)?.status, 'in-use');
  const shown = await node.operations.attachments.show(admin, { attachment: a.id });
  t.truthy(shown.connectionInfo);
});

test('a file backend without a target helper hands out a local device path to its own host', async (t) => {
  const dir = await tempDir();
  const node = await createNode(testOptions(dir.path), { log: silentLogger() });
  t.teardown(async () => { await node.stop(); await dir.remove(); });
  const v = await availableVolume(node, 'local-vol');
  const a = await node.operations.attachments.create(admin, { volume: v.id, connector: { host: 'test-node' } });
  const info = a.connectionInfo as { driver_volume_type: string; data: { device_path: string } };
  t.is(info.driver_volume_type, 'local');
  const { open } = await import('node:fs/promises');
  const fh = await open(info.data.device_path, 'r+');
  await fh.write(Buffer.from('kiln-local'), 0, 10, 4096);
  const back = Buffer.alloc(10);
  await fh.read(back, 0, 10, 4096);
  await fh.close();
  t.is(back.toString(), 'kiln-local');
  const other = await t.throwsAsync(node.operations.attachments.create(admin, { volume: (await availableVolume(node, 'other-host')).id, connector: { host: 'elsewhere' } }));
  t.regex((other as KilnError).message, /elsewhere|host/);
});
