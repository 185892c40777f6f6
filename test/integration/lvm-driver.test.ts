/**
 * The LVM driver against real lvm2, on a volume group over a loop device (activation=0: the
 * test kernels have no device-mapper, so LV data is reached through offset loop devices).
 */
import test from 'ava';
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { lvmDriver, type LvmDriverInit } from '../../src/drivers/lvm/lvm-driver.js';
import { loopDevicePath } from '../../src/drivers/lvm/device-path.js';
import { KilnError } from '../../src/model/errors.js';
import { createLoopVg, lvmUnavailable, type LoopVg } from '../helpers/lvm-loop.js';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const unavailable = await lvmUnavailable();
const serial = unavailable ? test.serial.skip : test.serial;
const title = (s: string) => (unavailable ? `${s} (skipped: ${unavailable}; apt-get install -y lvm2, as root)` : s);

let vg: LoopVg;
test.before(async () => {
  if (!unavailable) vg = await createLoopVg({ sizeGiB: 6 });
});
test.after.always(async () => {
  await vg?.cleanup();
});

function driver(more: Partial<LvmDriverInit> = {}) {
  const common = { executor: vg.executor, lvmConfDir: vg.lvmConfDir };
  return lvmDriver({
    ...common, volumeGroup: vg.vg, lvmType: 'default', volumeClear: 'none', poolName: 'lvm-1', contiguous: true,
    devicePath: loopDevicePath(common), ...more,
  });
}

async function blockSize(path: string): Promise<number> {
  return Number((await vg.executor.run({ argv: ['blockdev', '--getsize64', path] })).stdout.trim());
}

async function writeAt(path: string, offsetBytes: number, data: Buffer): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.write(data, 0, data.length, offsetBytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Where an LV's first byte is on the PV file (pe_start + first extent × extent size). */
async function pvOffsetOf(lv: string): Promise<number> {
  const segs = JSON.parse(await vg.lvm(['lvs', '--reportformat', 'json', '--units', 'b', '--segments', '-o', 'seg_pe_ranges,vg_extent_size', `${vg.vg}/${lv}`]));
  const seg = segs.report[0].seg[0];
  const first = Number(/:(\d+)-/.exec(seg.seg_pe_ranges)![1]);
  const pvs = JSON.parse(await vg.lvm(['pvs', '--reportformat', 'json', '--units', 'b', '-o', 'pe_start', vg.pvDevice]));
  return Number.parseInt(pvs.report[0].pv[0].pe_start, 10) + first * Number.parseInt(seg.vg_extent_size, 10);
}

serial(title('create, extend, inspect, list, stats and delete with volume_clear = zero on real lvm2'), async (t) => {
  const a = randomUUID();
  const b = randomUUID();
  const d = driver();
  await d.setup();

  t.like(await d.createVolume({ id: a, sizeGiB: 1, pool: 'lvm-1' }), { id: a, sizeGiB: 1 });
  const created = await d.inspect(a);
  if (!created) return t.fail('the created LV is not found by inspect');
  t.like(created, { id: a, sizeGiB: 1 });
  t.regex(created.devicePath, /^\/dev\/loop\d+$/);
  t.is(await blockSize(created.devicePath), GiB);
  // Data written through the device lands at the LV's place on the PV.
  const pattern = Buffer.alloc(MiB, 0x5a);
  await writeAt(created.devicePath, 4 * MiB, pattern);
  const aOffset = await pvOffsetOf(`volume-${a}`);
  t.true((await vg.readPv(aOffset + 4 * MiB, MiB)).equals(pattern));

  await d.extendVolume(a, 2);
  const grown = await d.inspect(a);
  t.is(grown?.sizeGiB, 2);
  t.is(await blockSize(grown!.devicePath), 2 * GiB);
  t.is(await pvOffsetOf(`volume-${a}`), aOffset);

  t.is((await d.createVolume({ id: b, sizeGiB: 1, pool: 'lvm-1' })).sizeGiB, 1);
  t.is((await d.createVolume({ id: b, sizeGiB: 1, pool: 'lvm-1' })).sizeGiB, 1, 'idempotent');
  t.deepEqual((await d.list()).map((v) => [v.id, v.sizeGiB]).sort(), [[a, 2], [b, 1]].sort());

  const pool = (await d.stats()).pools[0]!;
  t.like(pool, { pool: 'lvm-1', provisionedCapacityGiB: 3, thickProvisioningSupport: true, capabilities: { total_volumes: 2, volume_group: vg.vg } });
  t.true(pool.totalCapacityGiB! > 5.9 && pool.totalCapacityGiB! < 6);
  t.is(Math.round((pool.totalCapacityGiB! - pool.freeCapacityGiB!) * 100) / 100, 3);

  // b gets data, is deleted with zeroing, and its extents read back as zeros.
  const bPath = (await d.inspect(b))!.devicePath;
  await writeAt(bPath, 0, pattern);
  await writeAt(bPath, GiB - MiB, pattern);
  const bOffset = await pvOffsetOf(`volume-${b}`);
  await driver({ volumeClear: 'zero' }).deleteVolume(b);
  t.true((await vg.readPv(bOffset, MiB)).equals(Buffer.alloc(MiB)));
  t.true((await vg.readPv(bOffset + GiB - MiB, MiB)).equals(Buffer.alloc(MiB)));
  t.is(await d.inspect(b), undefined);
  const loops = (await vg.executor.run({ argv: ['losetup', '--json', '--list', '--associated', vg.pvDevice] })).stdout;
  t.false(loops.includes(bPath + '"'), 'the loop device of the deleted volume is detached');

  await d.deleteVolume(a);
  await d.deleteVolume(a);
  t.deepEqual(await d.list(), []);
});

serial(title('a create that does not fit fails clearly and leaves no LV behind'), async (t) => {
  const id = randomUUID();
  const err = await t.throwsAsync(driver().createVolume({ id, sizeGiB: 100, pool: 'lvm-1' }), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_DRIVER');
  t.is(err?.details?.reason, 'no-space');
  t.regex(err?.message ?? '', new RegExp(`^cannot create 100 GiB volume ${id} in volume group ${vg.vg}: Volume group "${vg.vg}" has insufficient free space`));
  t.false((await vg.lvm(['lvs', '--reportformat', 'json', vg.vg])).includes(id));
});

serial(title('setup of a backend whose volume group does not exist is a driver error naming it'), async (t) => {
  const err = await t.throwsAsync(driver({ volumeGroup: `${vg.vg}-missing` }).setup(), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_DRIVER');
  t.is(err?.message, `volume group ${vg.vg}-missing does not exist: create it (vgcreate ${vg.vg}-missing <device>) or set volume_group`);
});

serial(title('timing: a bare lvcreate against the driver create on the loop VG'), async (t) => {
  const rounds = 5;
  const time = async (f: (i: number) => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const start = performance.now();
      await f(i);
      ms.push(performance.now() - start);
    }
    return ms.sort((x, y) => x - y)[Math.floor(rounds / 2)]!;
  };
  const bare = await time((i) => vg.lvm(['lvcreate', '--yes', '-n', `bare-${i}`, '-L', '1g', vg.vg]));
  for (let i = 0; i < rounds; i++) await vg.lvm(['lvremove', '-f', `${vg.vg}/bare-${i}`]);
  const plain = driver({ devicePath: undefined });
  const ids = Array.from({ length: rounds }, () => randomUUID());
  const viaDriver = await time((i) => plain.createVolume({ id: ids[i]!, sizeGiB: 1, pool: 'lvm-1' }));
  for (const id of ids) await plain.deleteVolume(id);
  const looped = driver();
  const viaLoop = await time((i) => looped.createVolume({ id: ids[i]!, sizeGiB: 1, pool: 'lvm-1' }));
  for (const id of ids) await looped.deleteVolume(id);
  t.log(`median of ${rounds}: bare lvcreate ${bare.toFixed(0)} ms; driver create ${viaDriver.toFixed(0)} ms; driver create + loop mapping ${viaLoop.toFixed(0)} ms`);
  t.true(viaDriver < 10_000);
});
