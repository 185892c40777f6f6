/**
 * The seed deployment, end to end: a node started from Cinder's LVM/tgtadm config creates
 * real LVs in a loop-device volume group, `kiln attachment-create … --connect` exports them through a
 * real tgtd, and a real initiator (qemu-io) writes and reads the volume's blocks with the CHAP
 * credentials it was given. The same for a file-driver volume exported with target_helper = tgtadm.
 */
import test, { type ExecutionContext } from 'ava';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadNodeOptions } from '../../src/config/node-config.js';
import { createExecutor } from '../../src/drivers/executor.js';
import { createNode, type KilnNode } from '../../src/node/node.js';
import { silentLogger } from '../../src/node/logger.js';
import { createLoopVg, isRoot, lvmUnavailable, missingPrograms, type LoopVg } from '../helpers/lvm-loop.js';
import { loginFailure, qemuHasIscsi, qemuIo, startTgtd, type IscsiLogin, type Tgtd } from '../helpers/tgtd.js';
import { admin, tempDir, waitForVolume } from '../helpers/node.js';

const install = 'apt-get install -y lvm2 tgt libiscsi-bin qemu-utils qemu-block-extra';
const missing = isRoot() ? await missingPrograms(['tgtd', 'tgtadm', 'iscsi-inq', 'qemu-io']) : ['root'];
if (missing.length === 0 && !(await qemuHasIscsi(createExecutor()))) missing.push("qemu's iscsi driver");
const lvmProblem = await lvmUnavailable();
if (lvmProblem) missing.push(lvmProblem);
const skip = missing.length > 0 ? `skipped: ${missing.join(', ')}; ${install}, as root` : undefined;
const serial = (title: string, f: (t: ExecutionContext) => Promise<void>) => (skip ? test.serial.skip(`${title} (${skip})`, f) : test.serial(title, f));

const run = promisify(execFile);
const initiator = 'iqn.1993-08.org.debian:01:host1';
let tgtd: Tgtd;
let vg: LoopVg;
let node: KilnNode;
let dataDir: string;
let cleanupDir: () => Promise<void>;

test.before(async () => {
  if (skip) return;
  tgtd = await startTgtd();
  vg = await createLoopVg({ sizeGiB: 4 });
  const dir = await tempDir();
  cleanupDir = dir.remove;
  dataDir = join(dir.path, 'data');
  const portalPort = tgtd.portal.split(':')[1];
  const lvmSection = (name: string) => `[${name}]
iscsi_helper = tgtadm
iscsi_ip_address = 127.0.0.1
volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver
volumes_dir = ${dir.path}/volumes
volume_backend_name = ${name}
volume_group = ${vg.vg}
lvm_conf_file = ${vg.lvmConfDir}/lvm.conf
volume_clear = none
lvm_data_path = loop
tgt_control_port = ${tgtd.controlPort}
iscsi_port = ${portalPort}
`;
  const conf = join(dir.path, 'cinder.conf');
  await writeFile(conf, `[DEFAULT]
default_volume_type = iscsi
enabled_backends = lvm,LVM_iSCSI,FILE_iSCSI
${lvmSection('lvm')}${lvmSection('LVM_iSCSI')}[FILE_iSCSI]
volume_driver = file
volumes_dir = ${dir.path}/files
volume_backend_name = FILE_iSCSI
target_helper = tgtadm
target_ip_address = 127.0.0.1
target_port = ${portalPort}
tgt_control_port = ${tgtd.controlPort}
`);
  const { options } = await loadNodeOptions({ configFile: conf, flags: { dataDir }, env: {}, cwd: dir.path, hostname: 'host1' });
  node = await createNode({ ...options, port: 0, statsIntervalMs: 500 }, { log: silentLogger() });
  await node.operations.catalog.createType(admin, { name: 'iscsi', extraSpecs: { volume_backend_name: 'LVM_iSCSI' } });
  await node.operations.catalog.createType(admin, { name: 'file-iscsi', extraSpecs: { volume_backend_name: 'FILE_iSCSI' } });
});
test.after.always(async () => {
  await node?.stop();
  await tgtd?.stop();
  await vg?.cleanup();
  await cleanupDir?.();
});

async function kiln(...args: string[]): Promise<string> {
  const r = await run(process.execPath, [join(process.cwd(), 'bin', 'kiln.js'), ...args], { env: { ...process.env, KILN_DATA: dataDir, KILN_URL: '', KILN_TOKEN: '' } });
  return r.stdout;
}

/** The last login failure, or undefined as soon as a login succeeds within `withinMs`. */
async function loginWithin(login: IscsiLogin, withinMs: number): Promise<string | undefined> {
  const deadline = Date.now() + withinMs;
  let failure = await loginFailure(tgtd.executor, login);
  while (failure && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    failure = await loginFailure(tgtd.executor, login);
  }
  return failure;
}

function loginOf(info: { data: Record<string, unknown> }, who = initiator, password?: string): IscsiLogin {
  const d = info.data as { target_portal: string; target_iqn: string; target_lun: number; auth_username: string; auth_password: string };
  return { portal: d.target_portal, iqn: d.target_iqn, lun: d.target_lun, initiator: who, user: d.auth_username, password: password ?? d.auth_password };
}

async function attach(volume: string): Promise<{ id: string; connection_info: { driver_volume_type: string; data: Record<string, unknown> } }> {
  const out = JSON.parse(await kiln('attachment-create', volume, 'inst-1', '--connect', '--initiator', initiator, '--ip', '127.0.0.1', '--host', 'host1', '--json'));
  return { id: out.id, connection_info: out.connectionInfo };
}

for (const [label, type] of [['an LVM volume', 'iscsi'], ['a file-driver volume', 'file-iscsi']] as const) {
  serial(`${label}: attach over iSCSI, write through a real initiator, detach, re-attach and read the data back`, async (t) => {
    const name = `vol-${type}`;
    const v = await node.operations.volumes.create(admin, { size: 1, name, volumeType: type });
    t.is(await waitForVolume(node, v.id, ['available', 'error'], 30_000), 'available', node.readModel.get(v.id)?.errorReason ?? '');
    if (type === 'iscsi') t.true((await vg.lvm(['lvs', '--noheadings', '-o', 'lv_name', vg.vg])).includes(`volume-${v.id}`), 'a real LV exists');

    const first = await attach(name);
    const info = first.connection_info;
    t.is(info.driver_volume_type, 'iscsi');
    t.like(info.data, { auth_method: 'CHAP', target_lun: 1, volume_id: v.id, target_portal: tgtd.portal });
    t.regex(String(info.data.target_iqn), new RegExp(`volume-${v.id}$`));
    await kiln('attachment-complete', first.id);
    t.is(node.readModel.get(v.id)?.status, 'in-use');
    await qemuIo(tgtd.executor, loginOf(info), ['write -P 0x5a 1M 64k']);
    t.regex((await loginFailure(tgtd.executor, loginOf(info, initiator, 'wrong-password'))) ?? '', /uth/i, 'a wrong CHAP password is refused');
    t.truthy(await loginFailure(tgtd.executor, loginOf(info, 'iqn.2000-01.org.example:intruder')), 'an initiator outside the ACL is refused');
    const deleteErr = await t.throwsAsync(node.operations.volumes.delete(admin, { volume: v.id }));
    t.regex(deleteErr?.message ?? '', /status must be available/);

    await kiln('attachment-delete', first.id);
    t.is(node.readModel.get(v.id)?.status, 'available');
    t.truthy(await loginFailure(tgtd.executor, loginOf(info)), 'after detach the old credentials no longer log in');

    const second = await attach(name);
    const read = await qemuIo(tgtd.executor, loginOf(second.connection_info), ['read -P 0x5a 1M 64k']);
    t.regex(read.stdout, /read 65536\/65536 bytes/);
    await kiln('attachment-delete', second.id);
    await node.operations.volumes.delete(admin, { volume: v.id });
    t.is(await waitForVolume(node, v.id, ['deleted', 'error_deleting'], 30_000), 'deleted');
  });
}

serial('a tgtd restart loses every target; the node re-creates the export with the same credentials on reconcile', async (t) => {
  const v = await node.operations.volumes.create(admin, { size: 1, name: 'survivor', volumeType: 'iscsi' });
  await waitForVolume(node, v.id, ['available'], 30_000);
  const a = await attach('survivor');
  await kiln('attachment-complete', a.id);
  await tgtd.restart();
  t.truthy(await loginFailure(tgtd.executor, loginOf(a.connection_info)), 'the restarted tgtd has no target');
  await node.stop();
  const { options } = await loadNodeOptions({ configFile: join(dataDir, '..', 'cinder.conf'), flags: { dataDir }, env: {}, cwd: dataDir, hostname: 'host1' });
  node = await createNode({ ...options, port: 0, statsIntervalMs: 500 }, { log: silentLogger() });
  const failure = await loginWithin(loginOf(a.connection_info), 20_000);
  t.is(failure, undefined, 'the host logs in again with the credentials it already has');
  await node.operations.attachments.delete(admin, { attachment: a.id });
});

serial('a tgtd restarted under a running node gets its exports back within a stats interval', async (t) => {
  const v = await node.operations.volumes.create(admin, { size: 1, name: 'live-restart', volumeType: 'iscsi' });
  await waitForVolume(node, v.id, ['available'], 30_000);
  const a = await attach('live-restart');
  await kiln('attachment-complete', a.id);
  await qemuIo(tgtd.executor, loginOf(a.connection_info), ['write -P 0x33 0 4k']);
  await tgtd.restart();
  const failure = await loginWithin(loginOf(a.connection_info), 20_000);
  t.is(failure, undefined, 'the export and the host\'s access are back without restarting the node');
  const read = await qemuIo(tgtd.executor, loginOf(a.connection_info), ['read -P 0x33 0 4k']);
  t.regex(read.stdout, /read 4096\/4096 bytes/);
  await node.operations.attachments.delete(admin, { attachment: a.id });
});
