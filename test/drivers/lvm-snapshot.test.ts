import test from 'ava';
import { lvmDriver } from '../../src/drivers/lvm/lvm-driver.js';
import type { Executor } from '../../src/drivers/executor.js';
import { KilnError } from '../../src/model/errors.js';
import { fixture } from './fixture.js';
import { fakeLvm } from './fake-lvm.js';

// Snapshots need device-mapper, which the test machines lack: these run on recorded lvm2 output.
const GiB = 2 ** 30;
const vol = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const snap = '9b2c4e1a-1111-4a2b-8c3d-5e6f7a8b9c0d';
const driver = (executor: Executor) => lvmDriver({ volumeGroup: 'vg0', lvmType: 'default', volumeClear: 'none', poolName: 'lvm-1', executor });

/** The fake knows plain lvcreate; snapshots are answered here, as lvm2 would with device-mapper. */
function withSnapshots(lvm: ReturnType<typeof fakeLvm>) {
  lvm.override = (argv) => {
    if (argv[0] !== 'lvcreate' || !argv.includes('--snapshot')) return undefined;
    const name = argv[argv.indexOf('--name') + 1] ?? '';
    if (lvm.lvs.has(name)) return { exitCode: 5, stderr: fixture('lvm', 'lvcreate-exists.stderr.txt') };
    lvm.lvs.set(name, { name, sizeBytes: GiB, attr: 'swi-a-s---' });
    return {};
  };
  return lvm;
}

test('a thick volume gets a COW snapshot as big as the origin, named snapshot-<id>; repeating it is success', async (t) => {
  const lvm = withSnapshots(fakeLvm('vg0'));
  const d = driver(lvm.exec);
  await d.createVolume({ id: vol, sizeGiB: 2, pool: 'lvm-1' });
  await d.createSnapshot?.(vol, snap);
  await d.createSnapshot?.(vol, snap);
  t.true(lvm.exec.lines().includes(`lvcreate --yes --name snapshot-${snap} --snapshot vg0/volume-${vol} -L 2g`));
  t.true(lvm.lvs.has(`snapshot-${snap}`));
  t.false((await d.list()).some((v) => v.id === snap), 'snapshots are not listed as volumes');
});

test('a thin volume gets a thin snapshot, without a size', async (t) => {
  const lvm = withSnapshots(fakeLvm('vg0'));
  lvm.lvs.set(`volume-${vol}`, { name: `volume-${vol}`, sizeBytes: GiB, attr: 'Vwi-a-tz--', pool: 'vg0-pool' });
  await driver(lvm.exec).createSnapshot?.(vol, snap);
  t.true(lvm.exec.lines().includes(`lvcreate --yes --name snapshot-${snap} --snapshot vg0/volume-${vol}`));
});

test('on a host without device-mapper a snapshot is a driver error quoting lvm2', async (t) => {
  const lvm = fakeLvm('vg0');
  lvm.override = (argv) => (argv.includes('--snapshot') ? { exitCode: 5, stderr: fixture('lvm', 'lvcreate-snapshot-no-dm.stderr.txt') } : undefined);
  const d = driver(lvm.exec);
  await d.createVolume({ id: vol, sizeGiB: 1, pool: 'lvm-1' });
  const err = await t.throwsAsync(d.createSnapshot?.(vol, snap) ?? Promise.resolve(), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_DRIVER');
  t.regex(err?.message ?? '', new RegExp(`cannot snapshot volume ${vol}: .*Can't create snapshot without using device-mapper`));
});

test('a snapshot of an unknown volume is not found and runs no lvcreate; deleting an absent snapshot is success', async (t) => {
  const lvm = fakeLvm('vg0');
  const d = driver(lvm.exec);
  const err = await t.throwsAsync(d.createSnapshot?.(vol, snap) ?? Promise.resolve(), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_NOT_FOUND');
  t.false(lvm.exec.lines().some((l) => l.startsWith('lvcreate')));
  await d.deleteSnapshot?.(snap);
  t.true(lvm.exec.lines().includes(`lvremove -f vg0/snapshot-${snap}`) || lvm.exec.lines().some((l) => l.startsWith('lvremove') && l.endsWith(`vg0/snapshot-${snap}`)));
  const bad = await t.throwsAsync(d.deleteSnapshot?.('../x') ?? Promise.resolve(), { instanceOf: KilnError });
  t.is(bad?.field, 'snapshotId');
});
