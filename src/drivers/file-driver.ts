/**
 * Volumes as sparse raw files, named as Cinder names them (`volume-<id>`). Needs no tools, so it
 * runs anywhere: tests, laptops, and hosts whose storage is a shared filesystem.
 */
import { constants, type Stats } from 'node:fs';
import { access, link, mkdir, open, readdir, stat, statfs, truncate, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { KilnError, invalidParams, notFound } from '../model/errors.js';
import type { AbortOptions, DriverStats, VolumeDriver, VolumeInspection } from './volume-driver.js';

export interface FileDriverInit {
  volumesDir: string;
  /** Also the name of the driver's single pool. */
  backendName: string;
  qosSupport?: false;
}

const bytesPerGiB = 2 ** 30;
const volumePrefix = 'volume-';
const tmpSuffix = '.tmp';
const idPattern = /^[A-Za-z0-9-]{1,128}$/;
const volumeNamePattern = /^volume-([A-Za-z0-9-]{1,128})$/;
const staleTmpPattern = /^volume-.*\.tmp$/;

export function fileDriver(init: FileDriverInit): VolumeDriver {
  const dir = init.volumesDir;
  const volumePath = (id: string) => join(dir, volumePrefix + checkId(id));

  async function inspect(id: string, opts?: AbortOptions): Promise<VolumeInspection | undefined> {
    opts?.signal?.throwIfAborted();
    const path = volumePath(id);
    const st = await statIfExists(path);
    if (!st) return undefined;
    if (!st.isFile()) throw new KilnError('ERR_DRIVER', `${path} exists but is not a regular file`);
    return { id, sizeGiB: Math.ceil(st.size / bytesPerGiB), devicePath: path };
  }

  return {
    kind: 'file',

    async setup(opts) {
      opts?.signal?.throwIfAborted();
      try {
        await mkdir(dir, { recursive: true, mode: 0o750 });
        await access(dir, constants.W_OK | constants.X_OK);
      } catch (err) {
        throw new KilnError('ERR_DRIVER', `volumes directory ${dir} is not a writable directory: ${errCode(err)}`, { cause: err });
      }
      await removeStaleTmpFiles(dir);
    },

    async stats(opts) {
      opts?.signal?.throwIfAborted();
      const fs = await statfs(dir).catch((err: unknown) => {
        throw driverError(`cannot read capacity of ${dir}`, err);
      });
      return {
        driver: 'file',
        driverVersion: '1.0',
        storageProtocol: 'file',
        pools: [{
          pool: init.backendName,
          totalCapacityGiB: floorTo2Decimals((fs.blocks * fs.bsize) / bytesPerGiB),
          // bavail, not bfree: the blocks reserved for root are not ours to promise.
          freeCapacityGiB: floorTo2Decimals((fs.bavail * fs.bsize) / bytesPerGiB),
          thinProvisioningSupport: true,
          thickProvisioningSupport: false,
          qosSupport: false,
          multiattach: true,
          capabilities: {},
        }],
      } satisfies DriverStats;
    },

    async createVolume(spec, opts) {
      opts?.signal?.throwIfAborted();
      const sizeBytes = checkSizeGiB(spec.sizeGiB, 'sizeGiB') * bytesPerGiB;
      if (spec.pool !== init.backendName) {
        throw invalidParams('pool', `pool ${spec.pool} is not served by file backend ${init.backendName}`);
      }
      const path = volumePath(spec.id);
      if (!(await statIfExists(path))) await createSparseFile(path, sizeBytes);
      // Also covers an existing volume made smaller, and losing a race with a concurrent create.
      await growTo(path, sizeBytes);
      const found = await inspect(spec.id);
      if (!found) throw new KilnError('ERR_DRIVER', `${path} vanished right after it was created`);
      return found;
    },

    async deleteVolume(id, opts) {
      opts?.signal?.throwIfAborted();
      const path = volumePath(id);
      try {
        await unlink(path);
      } catch (err) {
        if (errCode(err) !== 'ENOENT') throw driverError(`cannot delete volume ${id}`, err);
      }
    },

    async extendVolume(id, newSizeGiB, opts) {
      opts?.signal?.throwIfAborted();
      const newSizeBytes = checkSizeGiB(newSizeGiB, 'newSizeGiB') * bytesPerGiB;
      const path = volumePath(id);
      const st = await statIfExists(path);
      if (!st) throw notFound('volume', id);
      if (newSizeBytes < st.size) {
        throw invalidParams('newSizeGiB', `volume ${id} is ${Math.ceil(st.size / bytesPerGiB)} GiB; shrinking to ${newSizeGiB} GiB is not supported`);
      }
      await growTo(path, newSizeBytes);
    },

    inspect,

    async list(opts) {
      opts?.signal?.throwIfAborted();
      const found: VolumeInspection[] = [];
      for (const name of (await readdir(dir)).sort()) {
        const id = volumeNamePattern.exec(name)?.[1];
        if (id === undefined) continue;
        const st = await statIfExists(join(dir, name));
        // Undefined: deleted since readdir. Not a file: not something this driver made.
        if (st?.isFile()) found.push({ id, sizeGiB: Math.ceil(st.size / bytesPerGiB), devicePath: join(dir, name) });
      }
      return found;
    },
  };
}

/** Ids become file names, so anything that could be a path or hide as a temp file is refused. */
function checkId(id: string): string {
  if (typeof id !== 'string' || !idPattern.test(id)) {
    throw invalidParams('id', `volume id must be 1-128 characters of [A-Za-z0-9-], got ${JSON.stringify(id)}`);
  }
  return id;
}

function checkSizeGiB(sizeGiB: number, field: string): number {
  // The byte count must stay an exact JS integer for truncate().
  if (!Number.isInteger(sizeGiB) || sizeGiB <= 0 || !Number.isSafeInteger(sizeGiB * bytesPerGiB)) {
    throw invalidParams(field, `${field} must be a positive whole number of GiB, got ${sizeGiB}`);
  }
  return sizeGiB;
}

/**
 * Made under a temporary name and linked into place, so a crash never leaves a half-made file
 * under the real name. link() rather than rename(): it fails if the name exists, so a racing
 * create cannot replace a volume that may already hold data.
 */
async function createSparseFile(path: string, sizeBytes: number): Promise<void> {
  const tmpPath = `${path}.${randomBytes(4).toString('hex')}${tmpSuffix}`;
  try {
    const fh = await open(tmpPath, 'wx', 0o640);
    try {
      await fh.truncate(sizeBytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    await unlink(tmpPath).catch(() => undefined);
    throw driverError(`cannot create ${tmpPath}`, err);
  }
  try {
    await link(tmpPath, path);
  } catch (err) {
    // EEXIST: a concurrent create won; the caller's stat-and-grow path handles the rest.
    if (errCode(err) !== 'EEXIST') throw driverError(`cannot create ${path}`, err);
  } finally {
    await unlink(tmpPath).catch(() => undefined);
  }
  await syncDir(dirname(path));
}

/** Never shrinks: truncating a volume down would destroy its tail. */
async function growTo(path: string, sizeBytes: number): Promise<void> {
  const st = await statIfExists(path);
  if (!st) throw new KilnError('ERR_DRIVER', `${path} vanished while being sized`);
  if (st.size >= sizeBytes) return;
  try {
    await truncate(path, sizeBytes);
  } catch (err) {
    throw driverError(`cannot grow ${path} to ${sizeBytes} bytes`, err);
  }
}

/** Makes the new directory entry durable before we report the volume as created. */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function removeStaleTmpFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (staleTmpPattern.test(name)) await unlink(join(dir, name)).catch(() => undefined);
  }
}

async function statIfExists(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return undefined;
    throw driverError(`cannot stat ${path}`, err);
  }
}

const floorTo2Decimals = (n: number): number => Math.floor(n * 100) / 100;

const errCode = (err: unknown): string =>
  typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);

const driverError = (message: string, err: unknown) => new KilnError('ERR_DRIVER', `${message}: ${errCode(err)}`, { cause: err });
