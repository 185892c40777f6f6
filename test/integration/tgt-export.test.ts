/**
 * The tgtadm target driver against a real tgtd (started here, on its own control port and a
 * loopback portal) with libiscsi's tools and qemu's iSCSI driver as the initiator. Exports an
 * LVM volume (through its loop device) and a file-driver volume file.
 */
import test, { type ExecutionContext } from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { tgtadmTarget } from '../../src/drivers/targets/tgtadm.js';
import { lvmDriver } from '../../src/drivers/lvm/lvm-driver.js';
import { loopDevicePath } from '../../src/drivers/lvm/device-path.js';
import { fileDriver } from '../../src/drivers/file-driver.js';
import type { IscsiExportRecord, TargetDriver } from '../../src/drivers/target-driver.js';
import { KilnError } from '../../src/model/errors.js';
import { createLoopVg, isRoot, lvmUnavailable, missingPrograms, readAt, type LoopVg } from '../helpers/lvm-loop.js';
import { loginFailure, qemuHasIscsi, qemuIo, readCapacityBytes, startTgtd, type IscsiLogin, type Tgtd } from '../helpers/tgtd.js';
import { createExecutor } from '../../src/drivers/executor.js';

const GiB = 2 ** 30;
const install = 'apt-get install -y tgt libiscsi-bin qemu-utils qemu-block-extra';
const missing = isRoot() ? await missingPrograms(['tgtd', 'tgtadm', 'iscsi-inq', 'iscsi-readcapacity16', 'qemu-io']) : ['root'];
if (missing.length === 0 && !(await qemuHasIscsi(createExecutor()))) missing.push("qemu's iscsi driver");
const tgtSkip = missing.length > 0 ? `skipped: missing ${missing.join(', ')}; ${install}, as root` : undefined;
const lvmSkip = tgtSkip ?? ((await lvmUnavailable()) && 'skipped: lvm2 unusable; apt-get install -y lvm2, as root');
type Impl = (t: ExecutionContext) => Promise<void>;
const tgtTest = (title: string, f: Impl) => (tgtSkip ? test.serial.skip(`${title} (${tgtSkip})`, f) : test.serial(title, f));
const lvmTgtTest = (title: string, f: Impl) => (lvmSkip ? test.serial.skip(`${title} (${lvmSkip})`, f) : test.serial(title, f));

const good = 'iqn.2024-01.org.kiln.test:good';
const bad = 'iqn.2024-01.org.kiln.test:bad';
const connector = { host: 'test-host', initiator: good, ip: '127.0.0.1' };

let tgtd: Tgtd;
let vg: LoopVg | undefined;
let dir: string;
let target: TargetDriver;

test.before(async () => {
  if (tgtSkip) return;
  dir = await mkdtemp(join(tmpdir(), 'kiln-tgt-'));
  tgtd = await startTgtd();
  target = tgtadmTarget({ executor: tgtd.executor, portals: [tgtd.portal], controlPort: tgtd.controlPort, timeoutMs: 10_000 });
  if (!lvmSkip) vg = await createLoopVg({ sizeGiB: 5 });
});
test.after.always(async () => {
  await tgtd?.stop();
  await vg?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A fresh 1 GiB file-driver volume, exported and opened to the good initiator. */
async function exportedFileVolume() {
  const files = fileDriver({ volumesDir: join(dir, 'volumes'), backendName: 'file-1' });
  await files.setup();
  const id = randomUUID();
  await files.createVolume({ id, sizeGiB: 1, pool: 'file-1' });
  const devicePath = (await files.inspect(id))?.devicePath ?? '';
  const rec = (await target.createExport(id, devicePath)) as IscsiExportRecord;
  await target.initializeConnection(rec, connector);
  return { files, id, devicePath, rec };
}

const loginOf = (rec: IscsiExportRecord, initiator = good, password = rec.auth.password): IscsiLogin =>
  ({ portal: tgtd.portal, iqn: rec.iqn, lun: rec.lun, initiator, user: rec.auth.username, password });

function lvm() {
  const common = { executor: vg!.executor, lvmConfDir: vg!.lvmConfDir };
  return lvmDriver({ ...common, volumeGroup: vg!.vg, lvmType: 'default', volumeClear: 'none', contiguous: true, devicePath: loopDevicePath(common) });
}

/** Exports and connects a new 1 GiB volume; the record and the LVM device path. */
async function exportedLvmVolume(): Promise<{ id: string; rec: IscsiExportRecord; devicePath: string }> {
  const id = randomUUID();
  const driver = lvm();
  await driver.createVolume({ id, sizeGiB: 1, pool: vg!.vg });
  const devicePath = (await driver.inspect(id))?.devicePath ?? '';
  const rec = (await target.createExport(id, devicePath)) as IscsiExportRecord;
  await target.initializeConnection(rec, connector);
  return { id, rec, devicePath };
}


tgtTest('setup finds the tgtd; a tgtd that is not there is a clear error', async (t) => {
  await target.setup();
  const none = tgtadmTarget({ executor: tgtd.executor, portals: [tgtd.portal], controlPort: tgtd.controlPort + 1 });
  const err = await t.throwsAsync(none.setup(), { instanceOf: KilnError });
  t.regex(err?.message ?? '', new RegExp(`no tgtd answers on control port ${tgtd.controlPort + 1}`));
});

lvmTgtTest('an LVM volume: the initiator writes, and reads it back after terminate and a new initialize', async (t) => {
  const { id, rec, devicePath } = await exportedLvmVolume();
  t.like(rec, { protocol: 'iscsi', helper: 'tgtadm', lun: 1, portals: [tgtd.portal] });
  t.is(await readCapacityBytes(tgtd.executor, loginOf(rec)), GiB);
  const wrote = await qemuIo(tgtd.executor, loginOf(rec), ['write -P 0x5a 1M 1M', 'read -P 0x5a 1M 1M']);
  t.notRegex(wrote.stdout, /fail/i);
  t.true((await readAt(devicePath, 2 ** 20, 2 ** 20)).equals(Buffer.alloc(2 ** 20, 0x5a)));

  await target.terminateConnection(rec, connector);
  t.regex((await loginFailure(tgtd.executor, loginOf(rec))) ?? 'logged in', /Target not found/);
  await target.initializeConnection(rec, connector);
  const read = await qemuIo(tgtd.executor, loginOf(rec), ['read -P 0x5a 1M 1M']);
  t.notRegex(read.stdout, /fail/i);
  await target.removeExport(rec);
  await lvm().deleteVolume(id);
});

tgtTest('a file-driver volume file is exported and written through', async (t) => {
  const { files, id, devicePath, rec } = await exportedFileVolume();
  await qemuIo(tgtd.executor, loginOf(rec), ['write -P 0x3c 64M 128k']);
  t.true((await readAt(devicePath, 64 * 2 ** 20, 128 * 1024)).equals(Buffer.alloc(128 * 1024, 0x3c)));
  await target.removeExport(rec);
  await files.deleteVolume(id);
});

tgtTest('a wrong CHAP password and an initiator outside the ACL are refused', async (t) => {
  const { files, id, rec } = await exportedFileVolume();
  t.is(await loginFailure(tgtd.executor, loginOf(rec)), undefined);
  t.regex((await loginFailure(tgtd.executor, loginOf(rec, good, 'WrongPassword123'))) ?? 'logged in', /Authentication failure/);
  t.regex((await loginFailure(tgtd.executor, loginOf(rec, bad))) ?? 'logged in', /Target not found/);
  await t.throwsAsync(qemuIo(tgtd.executor, loginOf(rec, bad), ['read 0 4k'], { timeoutMs: 15_000 }));
  await target.removeExport(rec);
  await files.deleteVolume(id);
});

tgtTest('removeExport works while an initiator has a session open', async (t) => {
  const { files, id, rec } = await exportedFileVolume();
  const stop = new AbortController();
  t.teardown(() => stop.abort());
  // libiscsi retries the login forever once the target is gone: stopped through the signal.
  const session = qemuIo(tgtd.executor, loginOf(rec), ['sleep 20000'], { signal: stop.signal }).catch(() => undefined);
  let open = false;
  for (let i = 0; i < 100 && !open; i++) {
    open = (await target.listExports()).some((e) => e.volumeId === id && e.sessions.length > 0);
    if (!open) await sleep(50);
  }
  t.true(open, 'the session shows up');
  await target.removeExport(rec);
  t.false((await target.listExports()).some((e) => e.volumeId === id));
  stop.abort();
  await session;
  await files.deleteVolume(id);
});

lvmTgtTest('an extended LVM volume shows its new size after extendExport', async (t) => {
  const { id, rec } = await exportedLvmVolume();
  await lvm().extendVolume(id, 2);
  const grown = await lvm().inspect(id);
  await target.extendExport?.(rec, grown!.devicePath);
  t.is(await readCapacityBytes(tgtd.executor, loginOf(rec)), 2 * GiB);
  await target.removeExport(rec);
  await lvm().deleteVolume(id);
});

lvmTgtTest('after tgtd restarts, ensureExport brings the export back with the same credentials', async (t) => {
  const { id, rec, devicePath } = await exportedLvmVolume();
  await qemuIo(tgtd.executor, loginOf(rec), ['write -P 0x6e 8M 64k']);
  await tgtd.restart();
  t.deepEqual(await target.listExports(), []);
  t.is(await target.ensureExport(rec, (await lvm().inspect(id))!.devicePath), rec);
  await target.initializeConnection(rec, connector);
  const read = await qemuIo(tgtd.executor, loginOf(rec), ['read -P 0x6e 8M 64k']);
  t.notRegex(read.stdout, /fail/i);
  t.is((await target.listExports()).find((e) => e.volumeId === id)?.luns[0]?.backingStore, devicePath);
  await target.removeExport(rec);
  await lvm().deleteVolume(id);
});
