import test from 'ava';
import { lioadmTarget } from '../../src/drivers/targets/lioadm.js';
import type { IscsiExportRecord } from '../../src/drivers/target-driver.js';
import { fixture } from './fixture.js';
import { scriptedExecutor } from './scripted-executor.js';

// Only argv and parsing: LIO (TARGET_CORE) is not in the kernels this project tests on.
const vol = '0b6f2c8e-5d2a-4c55-9a43-111111111111';
const iqn = `iqn.2010-10.org.openstack:volume-${vol}`;
const withTarget = fixture('tgt', 'targetcli-ls-iscsi.constructed.txt');
const empty = 'o- iscsi .......................................... [Targets: 0]';
const chap = () => ({ username: 'lioUser00000000000001', password: 'lioSecret0000001' });
const rest = (lines: string[]) => lines.map((l) => l.replace(/^targetcli /, ''));

function lio(ls: string) {
  const exec = scriptedExecutor((argv) => (argv[1] === 'ls' ? { stdout: ls } : {}));
  return { exec, target: lioadmTarget({ executor: exec, portals: ['192.0.2.10:3260'], generateChap: chap }) };
}

test('createExport builds backstore, target, portal, CHAP requirement and LUN 0, then saves', async (t) => {
  const { exec, target } = lio(empty);
  const rec = await target.createExport(vol, `/dev/cinder-volumes/volume-${vol}`);
  t.like(rec, { protocol: 'iscsi', helper: 'lioadm', iqn, lun: 0, portals: ['192.0.2.10:3260'], auth: { method: 'CHAP', ...chap() } });
  t.deepEqual(rest(exec.lines()), [
    'ls /iscsi',
    `/backstores/block create name=volume-${vol} dev=/dev/cinder-volumes/volume-${vol}`,
    `/iscsi create ${iqn}`,
    `/iscsi/${iqn}/tpg1/portals delete 0.0.0.0 3260`,
    `/iscsi/${iqn}/tpg1/portals create 192.0.2.10 3260`,
    `/iscsi/${iqn}/tpg1 set attribute authentication=1 generate_node_acls=0 demo_mode_write_protect=0`,
    `/iscsi/${iqn}/tpg1/luns create /backstores/block/volume-${vol} lun=0`,
    'saveconfig',
  ]);
});

test('createExport of an export that is already complete only saves', async (t) => {
  const { exec, target } = lio(withTarget);
  await target.createExport(vol, `/dev/cinder-volumes/volume-${vol}`);
  t.deepEqual(rest(exec.lines()), ['ls /iscsi', 'saveconfig']);
});

test('initializeConnection adds an ACL with the volume CHAP credentials (redacted) and answers with LUN 0', async (t) => {
  const { exec, target } = lio(withTarget);
  const rec = { protocol: 'iscsi', helper: 'lioadm', volumeId: vol, iqn, portals: ['192.0.2.10:3260'], lun: 0, auth: { method: 'CHAP', ...chap() } } satisfies IscsiExportRecord;
  const info = await target.initializeConnection(rec, { host: 'c2', initiator: 'iqn.1994-05.com.redhat:compute-2' });
  t.like(info, { driver_volume_type: 'iscsi', data: { target_iqn: iqn, target_lun: 0, auth_username: chap().username } });
  t.deepEqual(rest(exec.lines()).slice(1), [
    `/iscsi/${iqn}/tpg1/acls create iqn.1994-05.com.redhat:compute-2`,
    `/iscsi/${iqn}/tpg1/acls/iqn.1994-05.com.redhat:compute-2 set auth userid=${chap().username} password=${chap().password}`,
    'saveconfig',
  ]);
  t.deepEqual(exec.calls.find((c) => c.argv.includes('auth'))?.redact, [chap().password]);
  await target.terminateConnection(rec, { host: 'c1', initiator: 'iqn.1994-05.com.redhat:compute-1' });
  t.true(rest(exec.lines()).includes(`/iscsi/${iqn}/tpg1/acls delete iqn.1994-05.com.redhat:compute-1`));
  t.like(await t.throwsAsync(target.initializeConnection(rec, { host: 'c2' })), { field: 'connector.initiator' });
});

test('removeExport deletes the target and its backstore and saves; listExports sees only its own', async (t) => {
  const { exec, target } = lio(withTarget);
  const rec = { protocol: 'iscsi', helper: 'lioadm', volumeId: vol, iqn, portals: [], lun: 0, auth: { method: 'CHAP', ...chap() } } satisfies IscsiExportRecord;
  await target.removeExport(rec);
  t.deepEqual(rest(exec.lines()).slice(1), [`/iscsi delete ${iqn}`, `/backstores/block delete volume-${vol}`, 'saveconfig']);
  t.deepEqual((await target.listExports()).map((e) => [e.volumeId, e.acl, e.luns]), [
    [vol, ['iqn.1994-05.com.redhat:compute-1'], [{ lun: 0, backingStore: `/dev/cinder-volumes/volume-${vol}` }]],
  ]);
});
