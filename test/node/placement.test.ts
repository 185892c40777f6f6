import test from 'ava';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadNodeOptions } from '../../src/config/node-config.js';
import { createNode } from '../../src/node/node.js';
import { silentLogger } from '../../src/node/logger.js';
import { admin, tempDir, waitForVolume } from '../helpers/node.js';

async function nodeFromConfig(t: { teardown(f: () => Promise<void>): void }, configText: (dir: string) => string) {
  const dir = await tempDir();
  const file = join(dir.path, 'kiln.conf');
  await writeFile(file, configText(dir.path));
  const { options } = await loadNodeOptions({ configFile: file, flags: { dataDir: join(dir.path, 'data') }, env: {}, cwd: dir.path, hostname: 'host1' });
  const node = await createNode({ ...options, port: 0, logLevel: 'silent', statsIntervalMs: 200 }, { log: silentLogger() });
  t.teardown(async () => { await node.stop(); await dir.remove(); });
  return { node, dir: dir.path };
}

const twoBackends = (dir: string) => `[DEFAULT]
enabled_backends = lvm,LVM_iSCSI
default_volume_type = lvm-self
[lvm]
volume_driver = file
volumes_dir = ${dir}/lvm
volume_backend_name = lvm
[LVM_iSCSI]
volume_driver = file
volumes_dir = ${dir}/iscsi
volume_backend_name = LVM_iSCSI
`;

test('places a volume on the backend its type names with volume_backend_name (the issue example)', async (t) => {
  const { node } = await nodeFromConfig(t, twoBackends);
  const ops = node.operations;
  const type = await ops.catalog.createType(admin, { name: 'lvm-self' });
  await ops.catalog.setTypeKeys(admin, { type: 'lvm-self', specs: { volume_backend_name: 'LVM_iSCSI' } });
  const qos = await ops.catalog.createQos(admin, { name: 'read_qos', consumer: 'front-end', specs: { read_iops_sec: '1000' } });
  await ops.catalog.associateQos(admin, { qos: qos.id, type: type.id });
  for (let i = 0; i < 4; i++) {
    const v = await ops.volumes.create(admin, { size: 1, name: `volume${i}` });
    t.is(await waitForVolume(node, v.id, ['available', 'error']), 'available');
    t.is(node.readModel.get(v.id)?.host, 'host1@LVM_iSCSI#LVM_iSCSI');
    t.is(node.readModel.get(v.id)?.volumeTypeName, 'lvm-self', 'default_volume_type applies when no type is named');
  }
});

test('a volume that fits nowhere goes to error with a reason naming the filter', async (t) => {
  const { node } = await nodeFromConfig(t, twoBackends);
  await node.operations.catalog.createType(admin, { name: 'lvm-self' });
  await node.operations.catalog.createType(admin, { name: 'nowhere', extraSpecs: { volume_backend_name: 'ceph' } });
  const v = await node.operations.volumes.create(admin, { size: 1, volumeType: 'nowhere', name: 'lost' });
  t.is(await waitForVolume(node, v.id, ['available', 'error']), 'error');
  const shown = node.operations.volumes.show(admin, { volume: 'lost' });
  t.regex(shown.errorReason ?? '', /CapabilitiesFilter/);
  t.regex(shown.errorReason ?? '', /volume_backend_name/);
  const huge = await node.operations.volumes.create(admin, { size: 10_000_000, volumeType: '__DEFAULT__', name: 'huge' });
  t.is(await waitForVolume(node, huge.id, ['available', 'error']), 'error');
  t.regex(node.readModel.get(huge.id)?.errorReason ?? '', /CapacityFilter/);
});

test('service-disable takes a backend out of scheduling and service-enable brings it back', async (t) => {
  const { node } = await nodeFromConfig(t, twoBackends);
  const ops = node.operations;
  await ops.catalog.createType(admin, { name: 'lvm-self' });
  const rows = await ops.services.list(admin, {});
  t.deepEqual(rows.map((r) => `${r.binary} ${r.host} ${r.status} ${r.state}`), [
    'cinder-scheduler host1 enabled up', 'cinder-volume host1@lvm enabled up', 'cinder-volume host1@LVM_iSCSI enabled up',
  ]);
  await ops.services.disable(admin, { host: 'host1@lvm', binary: 'cinder-volume', reason: 'maintenance' });
  await ops.services.disable(admin, { host: 'host1@LVM_iSCSI', binary: 'cinder-volume' });
  const v = await ops.volumes.create(admin, { size: 1, name: 'nowhere-to-go' });
  t.is(await waitForVolume(node, v.id, ['available', 'error']), 'error');
  t.regex(node.readModel.get(v.id)?.errorReason ?? '', /ServiceFilter/);
  t.is((await ops.services.list(admin, { host: 'host1@lvm' }))[0]?.disabledReason, 'maintenance');
  await ops.services.enable(admin, { host: 'host1@lvm' });
  const w = await ops.volumes.create(admin, { size: 1, name: 'placed-again' });
  t.is(await waitForVolume(node, w.id, ['available', 'error']), 'available');
  t.is(node.readModel.get(w.id)?.backend, 'lvm');
});

test('get-pools shows what the scheduler sees for each backend', async (t) => {
  const { node } = await nodeFromConfig(t, twoBackends);
  const pools = await node.operations.services.pools(admin, { detail: true });
  t.deepEqual(pools.map((p) => [p.name, p.volumeBackendName]), [['host1@LVM_iSCSI#LVM_iSCSI', 'LVM_iSCSI'], ['host1@lvm#lvm', 'lvm']]);
  for (const p of pools) {
    t.true((p.totalCapacityGiB ?? 0) > 0);
    t.true(p.thinProvisioningSupport);
  }
});

test('a restarted node keeps types, extra specs, QoS associations, service status and volumes', async (t) => {
  const dir = await tempDir();
  t.teardown(() => dir.remove());
  const { testOptions } = await import('../helpers/node.js');
  const first = await createNode(testOptions(dir.path), { log: silentLogger() });
  const type = await first.operations.catalog.createType(admin, { name: 'keep', extraSpecs: { volume_backend_name: 'file' } });
  const qos = await first.operations.catalog.createQos(admin, { name: 'q', consumer: 'front-end', specs: { total_iops_sec: '500' } });
  await first.operations.catalog.associateQos(admin, { qos: 'q', type: 'keep' });
  await first.operations.services.disable(admin, { host: 'test-node@file', reason: 'why not' });
  await first.operations.services.enable(admin, { host: 'test-node@file' });
  const v = await first.operations.volumes.create(admin, { size: 3, volumeType: 'keep', name: 'kept', metadata: { a: 'b' } });
  await waitForVolume(first, v.id, ['available']);
  await first.stop();
  const second = await createNode(testOptions(dir.path), { log: silentLogger() });
  t.teardown(() => second.stop());
  const kept = second.operations.catalog.showType(admin, { type: 'keep' });
  t.is(kept.id, type.id);
  t.is(kept.qosSpecsId, qos.id);
  t.deepEqual(kept.extraSpecs, { volume_backend_name: 'file' });
  const vol = second.operations.volumes.show(admin, { volume: 'kept' });
  t.like(vol, { id: v.id, status: 'available', sizeGiB: 3, metadata: { a: 'b' } });
  t.is((await second.operations.services.list(admin, { host: 'test-node@file' }))[0]?.status, 'enabled');
});

test('a type with a back-end QoS spec is not placed on a backend without QoS support, and the reason says so', async (t) => {
  const { node } = await nodeFromConfig(t, twoBackends);
  const ops = node.operations;
  await ops.catalog.createType(admin, { name: 'lvm-self' });
  await ops.catalog.createType(admin, { name: 'limited' });
  await ops.catalog.createQos(admin, { name: 'array-limits', consumer: 'back-end', specs: { total_iops_sec: '100' } });
  await ops.catalog.associateQos(admin, { qos: 'array-limits', type: 'limited' });
  const pools = await ops.services.pools(admin, { detail: true });
  t.true(pools.every((p) => p.qosSupport === false), 'the file driver reports QoS_support false');
  const v = await ops.volumes.create(admin, { size: 1, volumeType: 'limited', name: 'limited-vol' });
  t.is(await waitForVolume(node, v.id, ['available', 'error']), 'error');
  t.regex(node.readModel.get(v.id)?.errorReason ?? '', /QosFilter.*back-end QoS/);
  await ops.catalog.createQos(admin, { name: 'host-limits', consumer: 'front-end', specs: { total_iops_sec: '100' } });
  await ops.catalog.createType(admin, { name: 'front' });
  await ops.catalog.associateQos(admin, { qos: 'host-limits', type: 'front' });
  const w = await ops.volumes.create(admin, { size: 1, volumeType: 'front', name: 'front-vol' });
  t.is(await waitForVolume(node, w.id, ['available', 'error']), 'available', 'front-end QoS is enforced by the host, any backend will do');
});
