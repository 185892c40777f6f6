/**
 * Faults on the seed deployment: an lvcreate that fails for lack of space, and tgtd not running.
 * Each must give a clear error and leave no half-made LV, target or attachment behind.
 */
import test, { type ExecutionContext } from 'ava';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadNodeOptions } from '../../src/config/node-config.js';
import { KilnError } from '../../src/model/errors.js';
import { createNode, type KilnNode } from '../../src/node/node.js';
import { silentLogger } from '../../src/node/logger.js';
import { createLoopVg, isRoot, lvmUnavailable, missingPrograms, type LoopVg } from '../helpers/lvm-loop.js';
import { admin, tempDir, waitForVolume } from '../helpers/node.js';

const install = 'apt-get install -y lvm2 tgt';
const problems = isRoot() ? await missingPrograms(['tgtadm']) : ['root'];
const lvmProblem = await lvmUnavailable();
if (lvmProblem) problems.push(lvmProblem);
const skip = problems.length > 0 ? `skipped: ${problems.join(', ')}; ${install}, as root` : undefined;
const serial = (title: string, f: (t: ExecutionContext) => Promise<void>) => (skip ? test.serial.skip(`${title} (${skip})`, f) : test.serial(title, f));

let vg: LoopVg;
let node: KilnNode;
let removeDir: () => Promise<void>;

test.before(async () => {
  if (skip) return;
  vg = await createLoopVg({ sizeGiB: 4 });
  const dir = await tempDir();
  removeDir = dir.remove;
  const conf = join(dir.path, 'cinder.conf');
  // Control port 32000: no tgtd listens there, so attachments meet a target daemon that is not running.
  await writeFile(conf, `[DEFAULT]
enabled_backends = LVM_iSCSI
[LVM_iSCSI]
volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver
volume_backend_name = LVM_iSCSI
volume_group = ${vg.vg}
lvm_conf_file = ${vg.lvmConfDir}/lvm.conf
lvm_data_path = loop
volume_clear = none
iscsi_helper = tgtadm
iscsi_ip_address = 127.0.0.1
tgt_control_port = 32000
`);
  const { options } = await loadNodeOptions({ configFile: conf, flags: { dataDir: join(dir.path, 'data') }, env: {}, cwd: dir.path, hostname: 'host1' });
  // Stats are reported once and not again during the test, so the scheduler cannot know about space taken behind its back.
  node = await createNode({ ...options, port: 0, statsIntervalMs: 3_600_000, schedulerMaxAttempts: 2 }, { log: silentLogger() });
});
test.after.always(async () => {
  await node?.stop();
  await vg?.cleanup();
  await removeDir?.();
});

const lvNames = async () => (await vg.lvm(['lvs', '--noheadings', '-o', 'lv_name', vg.vg])).split('\n').map((l) => l.trim()).filter(Boolean);

serial('an lvcreate that fails for lack of space ends in error with the reason, and leaves no LV', async (t) => {
  await vg.lvm(['lvcreate', '-y', '-n', 'squatter', '-L', '3G', vg.vg]);
  t.teardown(() => vg.lvm(['lvremove', '-f', `${vg.vg}/squatter`]).then(() => undefined));
  const v = await node.operations.volumes.create(admin, { size: 2, name: 'too-big' });
  t.is(await waitForVolume(node, v.id, ['available', 'error'], 30_000), 'error');
  const reason = node.readModel.get(v.id)?.errorReason ?? '';
  t.regex(reason, /space|extents/i, reason);
  t.deepEqual(await lvNames(), ['squatter'], 'no half-made LV');
  await node.operations.volumes.delete(admin, { volume: v.id });
  t.is(await waitForVolume(node, v.id, ['deleted', 'error_deleting'], 30_000), 'deleted');
});

serial('an attach while tgtd is not running fails with a clear error and leaves no attachment behind', async (t) => {
  const v = await node.operations.volumes.create(admin, { size: 1, name: 'no-target' });
  t.is(await waitForVolume(node, v.id, ['available', 'error'], 30_000), 'available', node.readModel.get(v.id)?.errorReason ?? '');
  const err = await t.throwsAsync(node.operations.attachments.create(admin, { volume: v.id, connector: { initiator: 'iqn.1993-08.org.debian:01:host1', host: 'host1' } }));
  t.is((err as KilnError).code, 'ERR_DRIVER');
  t.regex((err as KilnError).message, /tgtd|control port 32000/i);
  t.deepEqual(node.readModel.get(v.id)?.attachments, []);
  t.is(node.readModel.get(v.id)?.status, 'available');
  await node.operations.volumes.delete(admin, { volume: v.id });
  t.is(await waitForVolume(node, v.id, ['deleted', 'error_deleting'], 30_000), 'deleted');
  t.deepEqual(await lvNames(), []);
});

serial('a missing volume group marks only its backend down, with the reason; the node and its other backends keep working', async (t) => {
  const dir = await tempDir();
  t.teardown(() => dir.remove());
  const conf = join(dir.path, 'cinder.conf');
  await writeFile(conf, `[DEFAULT]
enabled_backends = broken,files
[broken]
volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver
volume_group = no-such-vg
lvm_conf_file = ${vg.lvmConfDir}/lvm.conf
[files]
volume_driver = file
volumes_dir = ${dir.path}/files
`);
  const { options } = await loadNodeOptions({ configFile: conf, flags: { dataDir: join(dir.path, 'data') }, env: {}, cwd: dir.path, hostname: 'host2' });
  const other = await createNode({ ...options, port: 0, statsIntervalMs: 200 }, { log: silentLogger() });
  t.teardown(() => other.stop());
  const rows = await other.operations.services.list(admin, {});
  const broken = rows.find((r) => r.host === 'host2@broken');
  t.is(broken?.state, 'down');
  t.regex(broken?.disabledReason ?? '', /volume group no-such-vg does not exist/);
  t.is(rows.find((r) => r.host === 'host2@files')?.state, 'up');
  await other.operations.catalog.createType(admin, { name: 'on-broken', extraSpecs: { volume_backend_name: 'broken' } });
  const v = await other.operations.volumes.create(admin, { size: 1, volumeType: 'on-broken' });
  t.is(await waitForVolume(other, v.id, ['available', 'error']), 'error');
  t.regex(other.readModel.get(v.id)?.errorReason ?? '', /No valid backend/);
  const w = await other.operations.volumes.create(admin, { size: 1 });
  t.is(await waitForVolume(other, w.id, ['available', 'error']), 'available');
});
