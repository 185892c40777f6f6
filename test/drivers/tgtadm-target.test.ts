import test from 'ava';
import { tgtadmTarget, type TgtadmInit } from '../../src/drivers/targets/tgtadm.js';
import type { IscsiExportRecord } from '../../src/drivers/target-driver.js';
import { ExecError } from '../../src/drivers/exec-error.js';
import { KilnError } from '../../src/model/errors.js';
import { fakeTgtd } from './fake-tgtd.js';

const vol = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const iqn = `iqn.2010-10.org.openstack:volume-${vol}`;
const host = { host: 'compute-1', initiator: 'iqn.1994-05.com.redhat:compute-1', ip: '192.0.2.21' };
let n = 0;
const chap = () => ({ username: `user${++n}`, password: `secret-${n}-abcdefgh` });
const target = (fake: ReturnType<typeof fakeTgtd>, more: Partial<TgtadmInit> = {}) =>
  tgtadmTarget({ executor: fake.exec, portals: ['192.0.2.10:3260'], controlPort: 17, generateChap: chap, ...more });

test('createExport: one target per volume on the lowest free tid, LUN 1 on the device, a CHAP account bound to it', async (t) => {
  const tgtd = fakeTgtd();
  tgtd.targets.set(1, { tid: 1, iqn: 'iqn.other:x', luns: new Map(), accounts: [], acl: [], sessions: [] });
  const rec = (await target(tgtd).createExport(vol, '/dev/vg0/volume-a')) as IscsiExportRecord;
  t.like(rec, { protocol: 'iscsi', helper: 'tgtadm', volumeId: vol, iqn, portals: ['192.0.2.10:3260'], lun: 1, auth: { method: 'CHAP' } });
  const made = tgtd.targets.get(2);
  t.is(made?.iqn, iqn);
  t.is(made?.luns.get(1), '/dev/vg0/volume-a');
  t.deepEqual(made?.accounts, [rec.auth.username]);
  t.is(tgtd.accounts.get(rec.auth.username), rec.auth.password);
  t.true(tgtd.exec.calls.every((c) => c.argv.slice(0, 3).join(' ') === 'tgtadm -C 17'));
});

test('the CHAP secret is passed for redaction, so it never shows in logs or errors', async (t) => {
  const tgtd = fakeTgtd();
  const rec = (await target(tgtd).createExport(vol, '/dev/vg0/volume-a')) as IscsiExportRecord;
  const call = tgtd.exec.calls.find((c) => c.argv.includes('--password'));
  t.deepEqual(call?.redact, [rec.auth.password]);
  tgtd.override = (argv) => (argv.includes('--password') ? { exitCode: 22, stderr: 'tgtadm: out of memory' } : undefined);
  const err = await t.throwsAsync(target(tgtd).createExport('other-vol', '/dev/vg0/volume-b'), { instanceOf: KilnError });
  const exec = err?.cause as ExecError;
  t.false(JSON.stringify({ m: err?.message, argv: exec.argv, d: err?.details }).includes('-abcdefgh'));
  t.true(exec.argv.includes('***'));
});

test('createExport again reuses the target and LUN but replaces the credentials', async (t) => {
  const tgtd = fakeTgtd();
  const d = target(tgtd);
  const first = (await d.createExport(vol, '/dev/vg0/volume-a')) as IscsiExportRecord;
  const second = (await d.createExport(vol, '/dev/vg0/volume-a')) as IscsiExportRecord;
  t.is(tgtd.targets.size, 1);
  t.not(second.auth.username, first.auth.username);
  t.deepEqual([...tgtd.accounts.keys()], [second.auth.username]);
  t.deepEqual(tgtd.targets.get(1)?.accounts, [second.auth.username]);
  t.is(tgtd.exec.lines().filter((l) => l.includes('logicalunit --op new')).length, 1);
  await d.createExport(vol, '/dev/loop9');
  t.is(tgtd.targets.get(1)?.luns.get(1), '/dev/loop9');
});

test('a tid taken by someone else between show and new is retried with the next one', async (t) => {
  const tgtd = fakeTgtd();
  let raced = false;
  tgtd.override = (argv) => {
    if (raced || !argv.includes('new') || !argv.includes('--targetname')) return undefined;
    raced = true;
    tgtd.targets.set(1, { tid: 1, iqn: 'iqn.other:y', luns: new Map(), accounts: [], acl: [], sessions: [] });
    return { exitCode: 22, stderr: 'tgtadm: this target already exists' };
  };
  await target(tgtd).createExport(vol, '/dev/vg0/volume-a');
  t.is(tgtd.targets.get(2)?.iqn, iqn);
});

test('ensureExport after a tgtd restart recreates target, LUN and the same account; then does nothing', async (t) => {
  const tgtd = fakeTgtd();
  const d = target(tgtd);
  const rec = (await d.createExport(vol, '/dev/vg0/volume-a')) as IscsiExportRecord;
  tgtd.targets.clear();
  tgtd.accounts.clear();
  t.is(await d.ensureExport(rec, '/dev/loop3'), rec);
  t.is(tgtd.targets.get(1)?.luns.get(1), '/dev/loop3');
  t.is(tgtd.accounts.get(rec.auth.username), rec.auth.password);
  t.deepEqual(tgtd.targets.get(1)?.accounts, [rec.auth.username]);
  tgtd.exec.calls.length = 0;
  await d.ensureExport(rec, '/dev/loop3');
  t.deepEqual(tgtd.exec.lines().map((l) => l.split(' ').slice(5, 9).join(' ')), ['--mode target --op show', '--mode account --op show']);
});

test('initializeConnection lets the initiator in by name and returns Cinder connection info', async (t) => {
  const tgtd = fakeTgtd();
  const d = target(tgtd, { discard: true });
  const rec = (await d.createExport(vol, '/dev/vg0/volume-a')) as IscsiExportRecord;
  const info = await d.initializeConnection(rec, host);
  t.deepEqual(info, {
    driver_volume_type: 'iscsi',
    data: {
      target_discovered: false, target_iqn: iqn, target_portal: '192.0.2.10:3260', target_portals: ['192.0.2.10:3260'],
      target_iqns: [iqn], target_lun: 1, target_luns: [1], auth_method: 'CHAP', auth_username: rec.auth.username,
      auth_password: rec.auth.password, volume_id: vol, discard: true, access_mode: 'rw',
    },
  });
  await d.initializeConnection(rec, host);
  t.deepEqual(tgtd.targets.get(1)?.acl, [host.initiator]);
});

test('a connector without an initiator IQN is refused naming the field', async (t) => {
  const tgtd = fakeTgtd();
  const d = target(tgtd);
  const rec = await d.createExport(vol, '/dev/vg0/volume-a');
  const err = await t.throwsAsync(d.initializeConnection(rec, { host: 'compute-1' }), { instanceOf: KilnError });
  t.like(err, { code: 'ERR_INVALID_PARAMS', field: 'connector.initiator' });
});

test('initializeConnection on an export tgtd no longer has says to ensure it', async (t) => {
  const tgtd = fakeTgtd();
  const d = target(tgtd);
  const rec = await d.createExport(vol, '/dev/vg0/volume-a');
  tgtd.targets.clear();
  const err = await t.throwsAsync(d.initializeConnection(rec, host), { instanceOf: KilnError });
  t.like(err, { code: 'ERR_DRIVER', details: { reason: 'export-missing' } });
});

test('with initiatorAcl = address the ACL holds the connector ip, which is then required', async (t) => {
  const tgtd = fakeTgtd();
  const d = target(tgtd, { initiatorAcl: 'address' });
  const rec = await d.createExport(vol, '/dev/vg0/volume-a');
  await d.initializeConnection(rec, host);
  t.deepEqual(tgtd.targets.get(1)?.acl, ['192.0.2.21']);
  t.like(await t.throwsAsync(d.initializeConnection(rec, { host: 'h', initiator: host.initiator })), { field: 'connector.ip' });
});

test("terminateConnection removes that initiator's ACL and drops its sessions, not others'", async (t) => {
  const tgtd = fakeTgtd();
  const d = target(tgtd);
  const rec = await d.createExport(vol, '/dev/vg0/volume-a');
  await d.initializeConnection(rec, host);
  await d.initializeConnection(rec, { host: 'other', initiator: 'iqn.2024-01.org.example:other' });
  tgtd.targets.get(1)!.sessions.push({ sid: 5, initiator: host.initiator, ip: host.ip }, { sid: 6, initiator: 'iqn.2024-01.org.example:other', ip: '192.0.2.22' });
  await d.terminateConnection(rec, host);
  await d.terminateConnection(rec, host);
  t.deepEqual(tgtd.targets.get(1)?.acl, ['iqn.2024-01.org.example:other']);
  t.deepEqual(tgtd.targets.get(1)?.sessions.map((s) => s.sid), [6]);
  t.true(tgtd.exec.lines().includes('tgtadm -C 17 --lld iscsi --mode conn --op delete --tid 1 --sid 5 --cid 0'));
});

test('removeExport deletes the target with --force and its accounts; again is a no-op', async (t) => {
  const tgtd = fakeTgtd();
  const d = target(tgtd);
  const rec = await d.createExport(vol, '/dev/vg0/volume-a');
  tgtd.targets.get(1)!.sessions.push({ sid: 5, initiator: host.initiator, ip: host.ip });
  await d.removeExport(rec);
  t.is(tgtd.targets.size, 0);
  t.is(tgtd.accounts.size, 0);
  await d.removeExport(rec);
  t.true(tgtd.exec.lines().some((l) => l.endsWith('--op delete --force --tid 1')));
});

test('listExports reports the volumes this prefix exported', async (t) => {
  const tgtd = fakeTgtd();
  tgtd.targets.set(7, { tid: 7, iqn: 'iqn.other:x', luns: new Map(), accounts: [], acl: [], sessions: [] });
  const d = target(tgtd);
  const rec = (await d.createExport(vol, '/dev/vg0/volume-a')) as IscsiExportRecord;
  await d.initializeConnection(rec, host);
  t.deepEqual(await d.listExports(), [{
    volumeId: vol, iqn, luns: [{ lun: 1, backingStore: '/dev/vg0/volume-a' }], acl: [host.initiator], accounts: [rec.auth.username], sessions: [],
  }]);
});

test('extendExport remakes LUN 1 so tgt sees the new size', async (t) => {
  const tgtd = fakeTgtd();
  const d = target(tgtd);
  const rec = await d.createExport(vol, '/dev/loop3');
  tgtd.exec.calls.length = 0;
  await d.extendExport?.(rec, '/dev/loop4');
  t.deepEqual(tgtd.exec.lines().filter((l) => l.includes('logicalunit')).map((l) => l.split(' ').slice(7, 9).join(' ')), ['--op delete', '--op new']);
  t.is(tgtd.targets.get(1)?.luns.get(1), '/dev/loop4');
});

test('a hung tgtadm is a clear driver error; records of other helpers are refused', async (t) => {
  const tgtd = fakeTgtd();
  tgtd.override = () => ({ timedOut: true });
  const err = await t.throwsAsync(target(tgtd, { timeoutMs: 500 }).createExport(vol, '/dev/vg0/volume-a'), { instanceOf: KilnError });
  t.is(err?.message, 'cannot list tgt targets: tgtadm timed out after 500 ms; is tgtd on control port 17 hung?');
  t.is(tgtd.exec.calls[0]?.timeoutMs, 500);
  const lio: IscsiExportRecord = { protocol: 'iscsi', helper: 'lioadm', volumeId: vol, iqn, portals: [], lun: 0, auth: { method: 'CHAP', username: 'u', password: 'p' } };
  t.like(await t.throwsAsync(target(fakeTgtd()).removeExport(lio)), { code: 'ERR_INVALID_PARAMS', field: 'record' });
});

test('a device tgtd cannot open fails createExport and leaves no target behind', async (t) => {
  const tgtd = fakeTgtd();
  tgtd.override = (argv) => (argv.includes('logicalunit') ? { exitCode: 22, stderr: 'tgtadm: invalid request' } : undefined);
  const err = await t.throwsAsync(target(tgtd).createExport(vol, '/dev/missing'), { instanceOf: KilnError });
  t.is(err?.message, `cannot export /dev/missing as LUN 1 of ${iqn} (does it exist?): invalid request`);
  t.is(tgtd.targets.size, 0);
});
