import test from 'ava';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileDriver } from '../../src/drivers/file-driver.js';
import { KilnError } from '../../src/model/errors.js';

const GiB = 2 ** 30;
const id1 = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const id2 = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

async function withDriver(fn: (d: ReturnType<typeof fileDriver>, dir: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'kiln-file-driver-'));
  const dir = join(root, 'volumes');
  try {
    const d = fileDriver({ volumesDir: dir, backendName: 'file-1' });
    await d.setup();
    await fn(d, dir);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const codeOf = (err: unknown) => (err instanceof KilnError ? err.code : String(err));

test('setup creates the directory with mode 0750', async (t) => {
  await withDriver(async (_d, dir) => {
    t.is((await stat(dir)).mode & 0o777, 0o750 & ~process.umask());
  });
});

test('setup refuses a directory it cannot create, naming it', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'kiln-file-driver-'));
  try {
    await writeFile(join(root, 'plain-file'), '');
    const dir = join(root, 'plain-file', 'volumes');
    const err = await t.throwsAsync(fileDriver({ volumesDir: dir, backendName: 'b' }).setup(), { instanceOf: KilnError });
    t.is(err?.code, 'ERR_DRIVER');
    t.true(err?.message.includes(dir));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('createVolume makes a sparse file named volume-<id>', async (t) => {
  await withDriver(async (d, dir) => {
    t.like(await d.createVolume({ id: id1, sizeGiB: 2, pool: 'file-1' }), { id: id1, sizeGiB: 2 });
    const v = await d.inspect(id1);
    t.deepEqual(v, { id: id1, sizeGiB: 2, devicePath: join(dir, `volume-${id1}`) });
    const st = await stat(v?.devicePath ?? '');
    t.is(st.size, 2 * GiB);
    t.true(st.blocks * 512 < st.size / 100, `allocated ${st.blocks * 512} bytes`);
    t.deepEqual(await readdir(dir), [`volume-${id1}`]);
  });
});

test('createVolume is idempotent and grows a smaller existing file', async (t) => {
  await withDriver(async (d) => {
    await d.createVolume({ id: id1, sizeGiB: 1, pool: 'file-1' });
    t.is((await d.createVolume({ id: id1, sizeGiB: 1, pool: 'file-1' })).sizeGiB, 1);
    t.is((await d.createVolume({ id: id1, sizeGiB: 3, pool: 'file-1' })).sizeGiB, 3);
    // Never shrinks: the existing larger volume is success as it is.
    t.is((await d.createVolume({ id: id1, sizeGiB: 1, pool: 'file-1' })).sizeGiB, 3);
  });
});

test('concurrent creates of one id both succeed with one file', async (t) => {
  await withDriver(async (d, dir) => {
    const spec = { id: id1, sizeGiB: 1, pool: 'file-1' };
    await Promise.all([d.createVolume(spec), d.createVolume(spec), d.createVolume(spec)]);
    t.deepEqual(await readdir(dir), [`volume-${id1}`]);
  });
});

test('createVolume refuses bad sizes and unknown pools', async (t) => {
  await withDriver(async (d) => {
    for (const sizeGiB of [0, -1, 1.5, Number.NaN, 2 ** 40]) {
      const err = await t.throwsAsync(d.createVolume({ id: id1, sizeGiB, pool: 'file-1' }));
      t.is(codeOf(err), 'ERR_INVALID_PARAMS', `sizeGiB ${sizeGiB}`);
    }
    const err = await t.throwsAsync(d.createVolume({ id: id1, sizeGiB: 1, pool: 'other' }));
    t.is(codeOf(err), 'ERR_INVALID_PARAMS');
  });
});

test('extendVolume grows; same size is success; shrinking is refused', async (t) => {
  await withDriver(async (d) => {
    await d.createVolume({ id: id1, sizeGiB: 1, pool: 'file-1' });
    await d.extendVolume(id1, 4);
    t.is((await d.inspect(id1))?.sizeGiB, 4);
    await d.extendVolume(id1, 4);
    const err = await t.throwsAsync(d.extendVolume(id1, 2), { instanceOf: KilnError });
    t.is(err?.code, 'ERR_INVALID_PARAMS');
    t.is((await d.inspect(id1))?.sizeGiB, 4);
  });
});

test('extendVolume of an absent volume is not found', async (t) => {
  await withDriver(async (d) => {
    t.is(codeOf(await t.throwsAsync(d.extendVolume(id1, 2))), 'ERR_NOT_FOUND');
  });
});

test('deleteVolume removes the file and absent is success', async (t) => {
  await withDriver(async (d) => {
    await d.createVolume({ id: id1, sizeGiB: 1, pool: 'file-1' });
    await d.deleteVolume(id1);
    t.is(await d.inspect(id1), undefined);
    await t.notThrowsAsync(d.deleteVolume(id1));
  });
});

test('inspect is undefined when the volume is absent', async (t) => {
  await withDriver(async (d) => {
    t.is(await d.inspect(id2), undefined);
  });
});

test('list returns volumes sorted by id and ignores other files', async (t) => {
  await withDriver(async (d, dir) => {
    await d.createVolume({ id: id2, sizeGiB: 2, pool: 'file-1' });
    await d.createVolume({ id: id1, sizeGiB: 1, pool: 'file-1' });
    await writeFile(join(dir, `volume-${id1}.abcd.tmp`), '');
    await writeFile(join(dir, 'notes.txt'), '');
    t.deepEqual((await d.list()).map((v) => [v.id, v.sizeGiB]), [[id1, 1], [id2, 2]]);
  });
});

test('setup removes stale .tmp files left by a crash', async (t) => {
  await withDriver(async (d, dir) => {
    await writeFile(join(dir, `volume-${id1}.1234abcd.tmp`), '');
    await writeFile(join(dir, 'keep.tmp'), '');
    await d.setup();
    t.deepEqual(await readdir(dir), ['keep.tmp']);
  });
});

test('stats reports one thin pool named after the backend with sane capacities', async (t) => {
  await withDriver(async (d) => {
    const s = await d.stats();
    t.like(s, { driver: 'file', driverVersion: '1.0', storageProtocol: 'file' });
    t.is(s.pools.length, 1);
    const p = s.pools[0]!;
    t.like(p, { pool: 'file-1', thinProvisioningSupport: true, thickProvisioningSupport: false, qosSupport: false, multiattach: true });
    t.deepEqual(p.capabilities, {});
    t.true(p.freeCapacityGiB! > 0);
    t.true(p.totalCapacityGiB! >= p.freeCapacityGiB!);
    t.is(p.totalCapacityGiB, Math.floor(p.totalCapacityGiB! * 100) / 100);
  });
});

test('ids that are not safe file names are refused', async (t) => {
  await withDriver(async (d) => {
    for (const bad of ['', '../etc', 'a/b', 'x.tmp', 'has space', 'a'.repeat(129), 'nul\0']) {
      t.is(codeOf(await t.throwsAsync(d.inspect(bad))), 'ERR_INVALID_PARAMS', JSON.stringify(bad));
      t.is(codeOf(await t.throwsAsync(d.createVolume({ id: bad, sizeGiB: 1, pool: 'file-1' }))), 'ERR_INVALID_PARAMS');
      t.is(codeOf(await t.throwsAsync(d.deleteVolume(bad))), 'ERR_INVALID_PARAMS');
    }
  });
});

test('an aborted signal stops an operation before it touches the disk, rejecting with its reason', async (t) => {
  await withDriver(async (d) => {
    const reason = new Error('shutting down');
    await t.throwsAsync(d.createVolume({ id: id1, sizeGiB: 1, pool: 'file-1' }, { signal: AbortSignal.abort(reason) }), { is: reason });
    t.is(await d.inspect(id1), undefined);
  });
});
