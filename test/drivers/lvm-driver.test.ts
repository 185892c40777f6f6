import test from 'ava';
import { setTimeout as sleep } from 'node:timers/promises';
import { lvmDriver, type LvmDriverInit } from '../../src/drivers/lvm/lvm-driver.js';
import type { DevicePathResolver } from '../../src/drivers/lvm/device-path.js';
import type { Executor } from '../../src/drivers/executor.js';
import { KilnError } from '../../src/model/errors.js';
import { fixture } from './fixture.js';
import { fakeLvm } from './fake-lvm.js';

const GiB = 2 ** 30;
const id1 = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const id2 = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const base = { volumeGroup: 'vg0', lvmType: 'default', volumeClear: 'none', poolName: 'lvm-1' } as const;
const driver = (executor: Executor, more: Partial<LvmDriverInit> = {}) => lvmDriver({ ...base, executor, ...more });
const code = (err: unknown) => (err instanceof KilnError ? err.code : String(err));

test('createVolume makes volume-<id> with one lvcreate -L <n>g; inspect gives its device path', async (t) => {
  const lvm = fakeLvm('vg0');
  const d = driver(lvm.exec);
  t.deepEqual(await d.createVolume({ id: id1, sizeGiB: 2, pool: 'lvm-1' }), { id: id1, sizeGiB: 2 });
  t.deepEqual(lvm.exec.lines(), [`lvcreate --yes -n volume-${id1} -L 2g vg0`], 'one lvm2 call on the usual path');
  t.deepEqual(await d.inspect(id1), { id: id1, sizeGiB: 2, devicePath: `/dev/vg0/volume-${id1}` });
  t.deepEqual(lvm.exec.calls[0]?.env, { LC_ALL: 'C', LVM_SUPPRESS_FD_WARNINGS: '1' });
});

test('every lvm2 command gets LVM_SYSTEM_DIR and the --config text when configured', async (t) => {
  const lvm = fakeLvm('vg0');
  await driver(lvm.exec, { lvmConfDir: '/etc/kiln/lvm', extraLvmConfig: 'global{activation=0}' }).createVolume({ id: id1, sizeGiB: 1, pool: 'lvm-1' });
  t.true(lvm.exec.calls.every((c) => c.env?.LVM_SYSTEM_DIR === '/etc/kiln/lvm' && c.argv[1] === '--config' && c.argv[2] === 'global{activation=0}'));
});

test('createVolume is idempotent, and grows an existing smaller LV instead of failing', async (t) => {
  const lvm = fakeLvm('vg0');
  const d = driver(lvm.exec);
  await d.createVolume({ id: id1, sizeGiB: 2, pool: 'lvm-1' });
  t.is((await d.createVolume({ id: id1, sizeGiB: 1, pool: 'lvm-1' })).sizeGiB, 2);
  t.is((await d.createVolume({ id: id1, sizeGiB: 3, pool: 'lvm-1' })).sizeGiB, 3);
  t.is(lvm.lvs.size, 1);
  t.true(lvm.exec.lines().includes(`lvextend -L 3g vg0/volume-${id1}`));
});

test('a create that does not fit is a driver error saying so, and leaves no LV', async (t) => {
  const lvm = fakeLvm('vg0', { freeBytes: 4 * GiB });
  const err = await t.throwsAsync(driver(lvm.exec).createVolume({ id: id1, sizeGiB: 100, pool: 'lvm-1' }), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_DRIVER');
  t.is(err?.details?.reason, 'no-space');
  t.regex(err?.message ?? '', new RegExp(`cannot create 100 GiB volume ${id1} in volume group vg0: .*insufficient free space`));
  t.is(lvm.lvs.size, 0);
});

test('an lvcreate that failed after making the LV is rolled back', async (t) => {
  const lvm = fakeLvm('vg0');
  lvm.override = (argv) => {
    if (argv[0] !== 'lvcreate') return undefined;
    lvm.lvs.set(argv[3]!, { name: argv[3]!, sizeBytes: GiB });
    return { exitCode: 5, stderr: '  Failed to wipe start of new LV.' };
  };
  const err = await t.throwsAsync(driver(lvm.exec).createVolume({ id: id1, sizeGiB: 1, pool: 'lvm-1' }), { instanceOf: KilnError });
  t.is(err?.details?.reason, 'other');
  t.is(lvm.lvs.size, 0);
  t.true(lvm.exec.lines().includes(`lvremove -f vg0/volume-${id1}`));
});

test('an lvcreate that finds the volume\'s LV already there (a repeated create) succeeds with it and removes nothing', async (t) => {
  const lvm = fakeLvm('vg0');
  lvm.override = (argv) => {
    if (argv[0] !== 'lvcreate') return undefined;
    lvm.lvs.set(argv[3]!, { name: argv[3]!, sizeBytes: GiB });
    return { exitCode: 5, stderr: fixture('lvm', 'lvcreate-exists.stderr.txt') };
  };
  t.deepEqual(await driver(lvm.exec).createVolume({ id: id1, sizeGiB: 1, pool: 'lvm-1' }), { id: id1, sizeGiB: 1 });
  t.is(lvm.lvs.size, 1);
  t.false(lvm.exec.lines().some((l) => l.startsWith('lvremove')));
});

test('ids that are not [A-Za-z0-9-] and pools of another backend are refused before any command', async (t) => {
  const lvm = fakeLvm('vg0');
  const d = driver(lvm.exec);
  const bad = await t.throwsAsync(d.createVolume({ id: '../x', sizeGiB: 1, pool: 'lvm-1' }), { instanceOf: KilnError });
  t.like(bad, { code: 'ERR_INVALID_PARAMS', field: 'id' });
  t.like(await t.throwsAsync(d.createVolume({ id: id1, sizeGiB: 1, pool: 'other' })), { code: 'ERR_INVALID_PARAMS', field: 'pool' });
  t.like(await t.throwsAsync(d.createVolume({ id: id1, sizeGiB: 1.5, pool: 'lvm-1' })), { code: 'ERR_INVALID_PARAMS', field: 'sizeGiB' });
  t.is(lvm.exec.calls.length, 0);
});

test('thin: setup makes the <vg>-pool over all free space once; volumes are thin LVs in it', async (t) => {
  const lvm = fakeLvm('vg0');
  const d = driver(lvm.exec, { lvmType: 'thin' });
  await d.setup();
  await d.setup();
  t.deepEqual(lvm.exec.lines().filter((l) => l.startsWith('lvcreate')), ['lvcreate --yes -T -l 100%FREE vg0/vg0-pool']);
  await d.createVolume({ id: id1, sizeGiB: 500, pool: 'lvm-1' });
  t.true(lvm.exec.lines().includes(`lvcreate --yes -T -V 500g -n volume-${id1} vg0/vg0-pool`));
});

test('thin: an LV of the pool\'s name that is no pool fails setup', async (t) => {
  const lvm = fakeLvm('vg0');
  lvm.lvs.set('vg0-pool', { name: 'vg0-pool', sizeBytes: GiB });
  const err = await t.throwsAsync(driver(lvm.exec, { lvmType: 'thin' }).setup());
  t.regex(err?.message ?? '', /vg0\/vg0-pool exists but is not a thin pool/);
});

test('setup: a missing VG, missing lvm2 tools and a bad VG name are driver errors saying what to do', async (t) => {
  const missing = await t.throwsAsync(driver(fakeLvm('vg0', { vgExists: false }).exec).setup(), { instanceOf: KilnError });
  t.is(missing?.code, 'ERR_DRIVER');
  t.is(missing?.message, 'volume group vg0 does not exist: create it (vgcreate vg0 <device>) or set volume_group');
  const noTools = fakeLvm('vg0');
  noTools.override = () => ({ notFound: true });
  t.is((await t.throwsAsync(driver(noTools.exec).setup()))?.message, 'the lvm2 tools are not installed (vgs is not on PATH); install lvm2');
  t.regex((await t.throwsAsync(driver(noTools.exec, { volumeGroup: '-x' }).setup()))?.message ?? '', /not a valid LVM volume group name/);
});

test('deleteVolume with volume_clear = zero overwrites the device, then releases it, then removes the LV', async (t) => {
  const lvm = fakeLvm('vg0');
  const released: string[] = [];
  const resolver: DevicePathResolver = Object.assign(async (vg: string, lv: string) => `/dev/mapped/${vg}-${lv}`, {
    release: async (vg: string, lv: string) => { released.push(`${vg}/${lv}`); lvm.exec.lines(); },
  });
  const d = driver(lvm.exec, { volumeClear: 'zero', devicePath: resolver });
  await d.createVolume({ id: id1, sizeGiB: 2, pool: 'lvm-1' });
  lvm.exec.calls.length = 0;
  await d.deleteVolume(id1);
  const lines = lvm.exec.lines();
  const dd = lines.findIndex((l) => l.startsWith('dd '));
  t.is(lines[dd], `dd if=/dev/zero of=/dev/mapped/vg0-volume-${id1} bs=1M count=2048 oflag=direct conv=fdatasync status=none`);
  t.true(dd < lines.indexOf(`lvremove -f vg0/volume-${id1}`));
  t.deepEqual(released, [`vg0/volume-${id1}`]);
  t.true((lvm.exec.calls[dd]?.timeoutMs ?? 0) >= 60_000);
  t.is(lvm.lvs.size, 0);
});

test('volume_clear_size zeroes only the first MiB; thin volumes and volume_clear = none are not zeroed', async (t) => {
  for (const [more, expected] of [
    [{ volumeClear: 'zero', volumeClearSizeMiB: 10 }, 'count=10'],
    [{ volumeClear: 'none' }, undefined],
    [{ volumeClear: 'zero', lvmType: 'thin' }, undefined],
  ] as const) {
    const lvm = fakeLvm('vg0');
    const d = driver(lvm.exec, more);
    await d.createVolume({ id: id1, sizeGiB: 1, pool: 'lvm-1' });
    await d.deleteVolume(id1);
    t.is(lvm.exec.lines().find((l) => l.startsWith('dd '))?.split(' ').find((w) => w.startsWith('count=')), expected);
  }
});

test('deleting an absent volume is success; a failed zeroing keeps the LV and says why', async (t) => {
  const lvm = fakeLvm('vg0');
  await driver(lvm.exec).deleteVolume(id1);
  t.deepEqual(lvm.exec.lines().map((l) => l.split(' ')[0]), ['lvs']);
  const d = driver(lvm.exec, { volumeClear: 'zero' });
  await d.createVolume({ id: id1, sizeGiB: 1, pool: 'lvm-1' });
  lvm.override = (argv) => (argv[0] === 'dd' ? { exitCode: 1, stderr: 'dd: error writing: Input/output error' } : undefined);
  const err = await t.throwsAsync(d.deleteVolume(id1));
  t.regex(err?.message ?? '', /cannot zero volume .* before deleting it \(volume_clear = zero\): dd exited with code 1/);
  t.is(lvm.lvs.size, 1);
});

test('extendVolume grows, is a no-op at the same size, refuses to shrink, and says when the volume is gone', async (t) => {
  const lvm = fakeLvm('vg0');
  const d = driver(lvm.exec);
  t.like(await t.throwsAsync(d.extendVolume(id1, 2)), { code: 'ERR_NOT_FOUND' });
  await d.createVolume({ id: id1, sizeGiB: 2, pool: 'lvm-1' });
  await d.extendVolume(id1, 2);
  t.false(lvm.exec.lines().some((l) => l.startsWith('lvextend')));
  t.like(await t.throwsAsync(d.extendVolume(id1, 1)), { code: 'ERR_INVALID_PARAMS', field: 'newSizeGiB' });
  await d.extendVolume(id1, 5);
  t.is((await d.inspect(id1))?.sizeGiB, 5);
});

test('inspect: undefined for an absent LV, but an error when the VG itself is missing', async (t) => {
  t.is(await driver(fakeLvm('vg0').exec).inspect(id1), undefined);
  const err = await t.throwsAsync(driver(fakeLvm('vg0', { vgExists: false }).exec).inspect(id1), { instanceOf: KilnError });
  t.is(code(err), 'ERR_DRIVER');
  t.is(err?.details?.reason, 'not-found');
});

test('list shows volume LVs only, sorted, not pools or other LVs', async (t) => {
  const lvm = fakeLvm('vg0');
  lvm.lvs.set('vg0-pool', { name: 'vg0-pool', sizeBytes: GiB, attr: 'twi-a-tz--' });
  lvm.lvs.set('root', { name: 'root', sizeBytes: GiB });
  lvm.lvs.set(`volume-${id2}`, { name: `volume-${id2}`, sizeBytes: 3 * GiB });
  lvm.lvs.set(`volume-${id1}`, { name: `volume-${id1}`, sizeBytes: GiB, attr: 'Vwi-a-tz--', pool: 'vg0-pool' });
  t.deepEqual(await driver(lvm.exec).list(), [
    { id: id1, sizeGiB: 1, devicePath: `/dev/vg0/volume-${id1}` },
    { id: id2, sizeGiB: 3, devicePath: `/dev/vg0/volume-${id2}` },
  ]);
});

test('changes to one VG run one at a time, even from two drivers', async (t) => {
  const lvm = fakeLvm('vg0');
  const slow: Executor = { run: async (req, o) => { if (req.argv[0] === 'lvcreate') await sleep(20); return lvm.exec.run(req, o); } };
  await Promise.all([driver(slow).createVolume({ id: id1, sizeGiB: 1, pool: 'lvm-1' }), driver(slow).createVolume({ id: id2, sizeGiB: 1, pool: 'lvm-1' })]);
  const cmds = lvm.exec.lines().map((l) => l.split(' ')[0]);
  t.deepEqual(cmds, ['lvcreate', 'lvcreate']);
});
