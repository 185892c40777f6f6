import test from 'ava';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadNodeOptions } from '../../src/config/node-config.js';
import { createNode, type KilnNode } from '../../src/node/node.js';
import { silentLogger } from '../../src/node/logger.js';
import { tempDir } from '../helpers/node.js';

const run = promisify(execFile);
const kilnBin = join(process.cwd(), 'bin', 'kiln.js');

let node: KilnNode;
let dataDir: string;
let cleanup: () => Promise<void>;

test.before(async () => {
  const dir = await tempDir();
  const conf = join(dir.path, 'kiln.conf');
  await writeFile(conf, `[DEFAULT]
enabled_backends = lvm,LVM_iSCSI
default_volume_type = lvm-self
[lvm]
volume_driver = file
volumes_dir = ${dir.path}/lvm
volume_backend_name = lvm
[LVM_iSCSI]
volume_driver = file
volumes_dir = ${dir.path}/iscsi
volume_backend_name = LVM_iSCSI
`);
  dataDir = join(dir.path, 'data');
  const { options } = await loadNodeOptions({ configFile: conf, flags: { dataDir }, env: {}, cwd: dir.path, hostname: 'host1' });
  node = await createNode({ ...options, port: 0, statsIntervalMs: 500 }, { log: silentLogger() });
  cleanup = async () => { await node.stop(); await dir.remove(); };
});
test.after.always(() => cleanup?.());

/** Runs the real kiln binary the way an operator would: no flags, the node found through KILN_DATA. */
async function kiln(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, [kilnBin, ...args], { env: { ...process.env, KILN_DATA: dataDir, KILN_URL: '', KILN_TOKEN: '' } });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const cell = (table: string, rowKey: string, column: number) =>
  table.split('\n').find((l) => l.includes(`| ${rowKey} `))?.split('|')[column]?.trim();

test.serial('the issue sequence: types, extra specs, QoS, create on the named backend, list, show, extend, delete', async (t) => {
  t.is((await kiln('type-create', 'lvm-self')).code, 0);
  const types = await kiln('type-list');
  t.regex(types.stdout, /\| ID\s+\| Name\s+\| Description\s+\| Is_Public \|/);
  t.regex(types.stdout, /\| lvm-self\s+\|/);
  t.regex(types.stdout, /__DEFAULT__/);
  t.is((await kiln('type-key', 'lvm-self', 'set', 'volume_backend_name=LVM_iSCSI')).code, 0);
  t.regex((await kiln('extra-specs-list')).stdout, /lvm-self\s+\| \{'volume_backend_name': 'LVM_iSCSI'\}/);
  const qos = JSON.parse((await kiln('qos-create', 'read_qos', 'consumer=front-end', 'read_iops_sec=1000', '--json')).stdout) as { id: string; consumer: string };
  t.is(qos.consumer, 'front-end');
  const typeId = JSON.parse((await kiln('type-show', 'lvm-self', '--json')).stdout).id as string;
  t.is((await kiln('qos-associate', qos.id, typeId)).code, 0);
  t.regex((await kiln('qos-get-association', qos.id)).stdout, /volume_type\s+\| lvm-self/);

  const created = await kiln('create', '1', '--volume-type', 'lvm-self', '--name', 'volume3', '--wait');
  t.is(created.code, 0, created.stderr);
  t.is(cell(created.stdout, 'status', 2), 'available');
  t.is(cell(created.stdout, 'os-vol-host-attr:host', 2), 'host1@LVM_iSCSI#LVM_iSCSI');
  const list = await kiln('list');
  t.regex(list.stdout, /\| ID\s+\| Status\s+\| Name\s+\| Size \| Volume Type \| Bootable \| Attached to \|/);
  t.regex(list.stdout, /\| available \| volume3 \| 1\s+\| lvm-self/);
  t.is(cell((await kiln('show', 'volume3')).stdout, 'volume_type', 2), 'lvm-self');
  t.is((await kiln('extend', 'volume3', '2', '--wait')).code, 0);
  t.is(node.readModel.list({ projectId: undefined, name: 'volume3' })[0]?.sizeGiB, 2);
  t.is((await kiln('delete', 'volume3', '--wait')).code, 0);
  t.is(node.readModel.size, 0);
});

test.serial('service-list and get-pools --detail show both backends as the scheduler sees them', async (t) => {
  const services = await kiln('service-list');
  t.regex(services.stdout, /\| Binary\s+\| Host\s+\| Zone \| Status\s+\| State \| Updated_at\s+\| Disabled Reason \|/);
  t.regex(services.stdout, /cinder-volume\s+\| host1@LVM_iSCSI \| nova \| enabled \| up/);
  const pools = await kiln('get-pools', '--detail');
  t.regex(pools.stdout, /\| name\s+\| host1@LVM_iSCSI#LVM_iSCSI/);
  t.regex(pools.stdout, /\| volume_backend_name\s+\| lvm\s+\|/);
  const asJson = JSON.parse((await kiln('get-pools', '--detail', '--json')).stdout) as unknown[];
  t.is(asJson.length, 2);
});

test.serial('errors are clear and exit non-zero: unknown volume, shrinking extend, bad size, a volume that fits nowhere', async (t) => {
  const unknown = await kiln('show', 'no-such-volume');
  t.is(unknown.code, 1);
  t.regex(unknown.stderr, /ERROR: Volume no-such-volume could not be found/);
  t.is((await kiln('create', 'abc')).code, 2);
  await kiln('create', '2', '--name', 'small', '--wait');
  const shrink = await kiln('extend', 'small', '1');
  t.is(shrink.code, 1);
  t.regex(shrink.stderr, /greater than current size/);
  await kiln('type-create', 'nowhere');
  await kiln('type-key', 'nowhere', 'set', 'volume_backend_name=ceph');
  const lost = await kiln('create', '1', '--volume-type', 'nowhere', '--name', 'lost', '--wait');
  t.is(lost.code, 1);
  t.regex(lost.stdout + lost.stderr, /CapabilitiesFilter/);
  const typeDelete = await kiln('type-delete', 'nowhere');
  t.is(typeDelete.code, 1, 'a type in use cannot be deleted');
});
