/**
 * Volumes as LVM logical volumes named `volume-<id>` in one volume group, thick or thin
 * (Cinder's LVMVolumeDriver, control path only). Changes to a VG run one at a time through
 * a per-VG queue shared by every driver in the process; observations (inspect, list, stats)
 * and the slow zeroing before a delete run outside it.
 */
import type { AbortOptions, DriverStats, VolumeDriver, VolumeInspection } from '../volume-driver.js';
import type { Executor } from '../executor.js';
import { keyedSerialQueue } from '../serial-queue.js';
import { KilnError, invalidParams, notFound } from '../../model/errors.js';
import {
  lvcreateArgs, lvextendArgs, lvremoveArgs, lvsArgs, snapshotCreateArgs, thinLvCreateArgs, thinPoolCreateArgs, vgsArgs, type Argv,
} from './lvm-args.js';
import { lvmReason } from './lvm-failure.js';
import { parseLvsReport, parseVgsReport, type LvRecord } from './lvm-report.js';
import { lvmRunner } from './lvm-runner.js';
import { isValidVgName, isVolumeLv, lvNameOf, snapshotLvNameOf, volumeIdOf } from './lvm-names.js';
import { lvmStats } from './lvm-stats.js';
import { lvDevicePath, type DevicePathResolver } from './device-path.js';
import { clearSizeMiB, clearTimeoutMs, ddZeroArgs, type VolumeClear } from './volume-clear.js';

export interface LvmDriverInit {
  volumeGroup: string;
  lvmType: 'default' | 'thin';
  volumeClear: VolumeClear;
  /** Cinder's volume_clear_size: MiB to overwrite at the start of the volume; 0 or unset = all. */
  volumeClearSizeMiB?: number;
  /** LVM_SYSTEM_DIR for every command: the directory of Cinder's lvm_conf_file. */
  lvmConfDir?: string;
  /** `--config` text for every command (tests restrict lvm2 to their own device with it). */
  extraLvmConfig?: string;
  /** Where an LV's data is reached; default /dev/<vg>/<lv>. */
  devicePath?: DevicePathResolver;
  executor: Executor;
  /** Name of the backend's one pool in stats and in create specs; default the VG name. */
  poolName?: string;
  /** Thin pool LV for lvm_type = thin; default `<vg>-pool` as Cinder names it. */
  thinPoolName?: string;
  /** Allocate thick LVs in one run of extents (needed by the loop device resolver). */
  contiguous?: boolean;
  /** Per lvm2 command; default 60 s. */
  timeoutMs?: number;
}

const bytesPerGiB = 2 ** 30;
const driverVersion = '1.0';
/** One queue per VG for the whole process, so two drivers on one VG also take turns. */
const vgQueue = keyedSerialQueue();

export function lvmDriver(init: LvmDriverInit): VolumeDriver {
  const vg = init.volumeGroup;
  const lvm = lvmRunner(init);
  const resolve = init.devicePath ?? lvDevicePath;
  const thinPool = init.thinPoolName ?? `${vg}-pool`;
  const poolName = init.poolName ?? vg;
  const thin = init.lvmType === 'thin';
  const serial = <T>(task: () => Promise<T>) => vgQueue.run(`${init.lvmConfDir ?? ''}\n${vg}`, task);

  async function listLvs(opts?: AbortOptions): Promise<LvRecord[]> {
    checkVgName(vg);
    return parseLvsReport(await lvm.run(lvsArgs(vg), `cannot list the LVs of volume group ${vg}`, opts));
  }
  const findLv = async (name: string, opts?: AbortOptions) => (await listLvs(opts)).find((lv) => lv.name === name);

  async function inspection(lv: LvRecord, opts?: AbortOptions): Promise<VolumeInspection> {
    const id = volumeIdOf(lv.name) ?? lv.name;
    return { id, sizeGiB: Math.ceil(lv.sizeBytes / bytesPerGiB), devicePath: await resolve(vg, lv.name, opts) };
  }

  function createArgs(name: string, sizeGiB: number): Argv {
    return thin
      ? thinLvCreateArgs({ vg, pool: thinPool, lv: name, sizeGiB })
      : lvcreateArgs({ vg, lv: name, sizeGiB, contiguous: init.contiguous === true });
  }

  /**
   * lvcreate; undefined when it made the LV, the existing LV when one of that name was already
   * there (a repeated create). If it failed having made the LV anyway (killed mid-way), the LV is removed.
   */
  async function createLv(id: string, name: string, sizeGiB: number, opts?: AbortOptions): Promise<LvRecord | undefined> {
    try {
      await lvm.run(createArgs(name, sizeGiB), `cannot create ${sizeGiB} GiB volume ${id} in volume group ${vg}`, opts);
      return undefined;
    } catch (err) {
      const found = await findLv(name).catch(() => undefined);
      if (lvmReason(err) === 'exists' && found) return found;
      if (found) await lvm.run(lvremoveArgs({ vg, lv: name }), `cannot remove half-made volume ${id}`).catch(() => undefined);
      throw err;
    }
  }

  async function extendLv(id: string, lv: LvRecord, sizeGiB: number, opts?: AbortOptions): Promise<void> {
    const args = lvextendArgs({ vg, lv: lv.name, sizeGiB, contiguous: init.contiguous === true && lv.kind === 'thick' });
    await lvm.run(args, `cannot extend volume ${id} to ${sizeGiB} GiB`, opts);
    // A mapping made for the old size (a loop device) is stale now.
    await resolve.release?.(vg, lv.name, opts);
  }

  /** Overwrites the volume's data before its extents go back to the VG. */
  async function clear(id: string, lv: LvRecord, opts?: AbortOptions): Promise<void> {
    const mib = clearSizeMiB(lv.sizeBytes, init.volumeClearSizeMiB);
    const path = await resolve(vg, lv.name, opts);
    try {
      await init.executor.run({ argv: ddZeroArgs(path, mib), timeoutMs: clearTimeoutMs(mib) }, opts);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new KilnError('ERR_DRIVER', `cannot zero volume ${id} before deleting it (volume_clear = zero): ${why}`, { cause: err });
    }
  }

  return {
    kind: 'lvm',

    async setup(opts) {
      if (!isValidVgName(vg)) throw new KilnError('ERR_DRIVER', `volume_group ${JSON.stringify(vg)} is not a valid LVM volume group name`);
      try {
        await lvm.run(vgsArgs(vg), `cannot read volume group ${vg}`, opts);
      } catch (err) {
        const reason = lvmReason(err);
        if (reason === 'not-installed') throw new KilnError('ERR_DRIVER', `the lvm2 tools are not installed (vgs is not on PATH); install lvm2`, { cause: err });
        if (reason === 'not-found') throw new KilnError('ERR_DRIVER', `volume group ${vg} does not exist: create it (vgcreate ${vg} <device>) or set volume_group`, { cause: err });
        throw err;
      }
      if (thin) await serial(() => ensureThinPool(opts));
    },

    async stats(opts): Promise<DriverStats> {
      checkVgName(vg);
      const vgRecord = parseVgsReport(await lvm.run(vgsArgs(vg), `cannot read volume group ${vg}`, opts))[0];
      if (!vgRecord) throw new KilnError('ERR_DRIVER', `vgs did not report volume group ${vg}`);
      return lvmStats({ vg: vgRecord, lvs: await listLvs(opts), lvmType: init.lvmType, poolName, thinPool, driverVersion });
    },

    async createVolume(spec, opts) {
      const name = lvNameOf(spec.id);
      checkSizeGiB(spec.sizeGiB, 'sizeGiB');
      if (spec.pool !== poolName) throw invalidParams('pool', `pool ${spec.pool} is not served by LVM backend pool ${poolName}`);
      // One lvm2 call on the usual path (a bare lvcreate costs ~50 ms here; each extra lvs as much again).
      const sizeGiB = await serial(async () => {
        const existing = await createLv(spec.id, name, spec.sizeGiB, opts);
        if (!existing) return spec.sizeGiB;
        if (existing.sizeBytes >= spec.sizeGiB * bytesPerGiB) return Math.ceil(existing.sizeBytes / bytesPerGiB);
        await extendLv(spec.id, existing, spec.sizeGiB, opts);
        return spec.sizeGiB;
      });
      return { id: spec.id, sizeGiB };
    },

    async deleteVolume(id, opts) {
      const name = lvNameOf(id);
      const lv = await findLv(name, opts);
      if (!lv) return;
      if (init.volumeClear === 'zero' && lv.kind === 'thick') await clear(id, lv, opts);
      await serial(async () => {
        if (!(await findLv(name, opts))) return;
        await resolve.release?.(vg, name, opts);
        try {
          await lvm.run(lvremoveArgs({ vg, lv: name }), `cannot delete volume ${id}`, opts);
        } catch (err) {
          if (lvmReason(err) !== 'not-found') throw err;
        }
      });
    },

    async extendVolume(id, newSizeGiB, opts) {
      const name = lvNameOf(id);
      checkSizeGiB(newSizeGiB, 'newSizeGiB');
      await serial(async () => {
        const lv = await findLv(name, opts);
        if (!lv) throw notFound('volume', id);
        const newSizeBytes = newSizeGiB * bytesPerGiB;
        if (newSizeBytes < lv.sizeBytes) {
          throw invalidParams('newSizeGiB', `volume ${id} is ${Math.ceil(lv.sizeBytes / bytesPerGiB)} GiB; shrinking to ${newSizeGiB} GiB is not supported`);
        }
        if (newSizeBytes > lv.sizeBytes) await extendLv(id, lv, newSizeGiB, opts);
      });
    },

    async inspect(id, opts) {
      const lv = await findLv(lvNameOf(id), opts);
      return lv ? inspection(lv, opts) : undefined;
    },

    async createSnapshot(volumeId, snapshotId, opts) {
      const origin = lvNameOf(volumeId);
      const name = snapshotLvNameOf(snapshotId);
      await serial(async () => {
        const lv = await findLv(origin, opts);
        if (!lv) throw notFound('volume', volumeId);
        // A thin origin gets a thin snapshot; a thick one a COW snapshot as big as the origin, as Cinder sizes it.
        const sizeGiB = lv.kind === 'thin' ? undefined : Math.ceil(lv.sizeBytes / bytesPerGiB);
        try {
          await lvm.run(snapshotCreateArgs({ vg, origin, name, ...(sizeGiB ? { sizeGiB } : {}) }), `cannot snapshot volume ${volumeId}`, opts);
        } catch (err) {
          if (lvmReason(err) !== 'exists') throw err;
        }
      });
    },

    async deleteSnapshot(snapshotId, opts) {
      const name = snapshotLvNameOf(snapshotId);
      await serial(async () => {
        try {
          await lvm.run(lvremoveArgs({ vg, lv: name }), `cannot delete snapshot ${snapshotId}`, opts);
        } catch (err) {
          if (lvmReason(err) !== 'not-found') throw err;
        }
      });
    },

    async list(opts) {
      const lvs = (await listLvs(opts)).filter((lv) => isVolumeLv(lv.name) && (lv.kind === 'thick' || lv.kind === 'thin'));
      const found: VolumeInspection[] = [];
      for (const lv of lvs.sort((a, b) => a.name.localeCompare(b.name))) found.push(await inspection(lv, opts));
      return found;
    },
  };

  async function ensureThinPool(opts?: AbortOptions): Promise<void> {
    const pool = await findLv(thinPool, opts);
    if (pool?.kind === 'thin-pool') return;
    if (pool) throw new KilnError('ERR_DRIVER', `${vg}/${thinPool} exists but is not a thin pool (lv_attr ${pool.attr})`);
    await lvm.run(thinPoolCreateArgs({ vg, pool: thinPool }), `cannot create thin pool ${vg}/${thinPool} (lvm_type = thin)`, opts);
  }
}

function checkVgName(vg: string): void {
  if (!isValidVgName(vg)) throw new KilnError('ERR_DRIVER', `volume_group ${JSON.stringify(vg)} is not a valid LVM volume group name`);
}

function checkSizeGiB(sizeGiB: number, field: string): void {
  if (!Number.isInteger(sizeGiB) || sizeGiB <= 0 || !Number.isSafeInteger(sizeGiB * bytesPerGiB)) {
    throw invalidParams(field, `${field} must be a positive whole number of GiB, got ${sizeGiB}`);
  }
}
