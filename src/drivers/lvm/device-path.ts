/**
 * Where an LV's blocks can be read and written on this host. With device-mapper (production)
 * lvm2 activates the LV at /dev/<vg>/<lv>. Without it (this project's test kernels) the data
 * is reached through a loop device over the LV's byte range of its PV, which works for
 * single-segment LVs only.
 */
import type { AbortOptions } from '../volume-driver.js';
import { keyedSerialQueue } from '../serial-queue.js';
import { lvSegmentsArgs, pvsArgs } from './lvm-args.js';
import { lvmReason } from './lvm-failure.js';
import { parsePvsReport, parseSegmentsReport, type PvRecord, type SegmentRecord } from './lvm-report.js';
import { lvmRunner, type LvmCommandInit } from './lvm-runner.js';
import {
  findLoop, loopMapping, lvStart, loopsAt, losetupAttachArgs, losetupDetachArgs, losetupListArgs, parseLosetupList,
} from './losetup.js';
import { KilnError } from '../../model/errors.js';
import { ExecError } from '../exec-error.js';

export interface DevicePathResolver {
  /** A path to the LV's data; may set something up (a loop device), and is idempotent. */
  (vg: string, lv: string, opts?: AbortOptions): Promise<string>;
  /**
   * Undoes what resolving set up. The driver calls it while the LV still exists: before
   * lvremove, and after lvextend (the old mapping has the old size).
   */
  release?: (vg: string, lv: string, opts?: AbortOptions) => Promise<void>;
}

/** The device node lvm2 activates on a host with device-mapper. */
export const lvDevicePath: DevicePathResolver = async (vg, lv) => `/dev/${vg}/${lv}`;

const losetupTimeoutMs = 15_000;

/**
 * Maps an LV through `losetup --offset/--sizelimit` on its PV, reusing a device that already
 * maps exactly that range (so resolving after a restart finds the old device).
 */
export function loopDevicePath(init: LvmCommandInit): DevicePathResolver {
  const lvm = lvmRunner(init);
  const perLv = keyedSerialQueue();
  const losetup = async (argv: [string, ...string[]], opts?: AbortOptions) =>
    (await init.executor.run({ argv, timeoutMs: losetupTimeoutMs }, opts)).stdout;

  async function segmentsAndPv(vg: string, lv: string, opts?: AbortOptions): Promise<{ segments: SegmentRecord[]; pv: PvRecord }> {
    const segments = parseSegmentsReport(await lvm.run(lvSegmentsArgs(vg, lv), `cannot locate the extents of ${vg}/${lv}`, opts));
    const pvName = segments.find((s) => s.startExtent === 0)?.ranges[0]?.pv;
    if (pvName === undefined) throw new KilnError('ERR_DRIVER', `lvs reported no first segment for ${vg}/${lv}`);
    const pv = parsePvsReport(await lvm.run(pvsArgs(pvName), `cannot read PV ${pvName}`, opts))[0];
    if (!pv) throw new KilnError('ERR_DRIVER', `pvs did not report ${pvName}, the PV of ${vg}/${lv}`);
    return { segments, pv };
  }

  const resolve = (vg: string, lv: string, opts?: AbortOptions): Promise<string> =>
    perLv.run(`${vg}/${lv}`, async () => {
      const { segments, pv } = await segmentsAndPv(vg, lv, opts);
      const m = loopMapping(vg, lv, segments, pv);
      const existing = findLoop(parseLosetupList(await losetup(losetupListArgs(m.pv), opts)), m);
      if (existing) return existing.name;
      const name = (await losetup(losetupAttachArgs(m), opts)).trim();
      if (!name.startsWith('/dev/')) throw new KilnError('ERR_DRIVER', `losetup printed no device for ${vg}/${lv}: ${JSON.stringify(name)}`);
      return name;
    });

  const release = (vg: string, lv: string, opts?: AbortOptions): Promise<void> =>
    perLv.run(`${vg}/${lv}`, async () => {
      let found: { segments: SegmentRecord[]; pv: PvRecord };
      try {
        found = await segmentsAndPv(vg, lv, opts);
      } catch (err) {
        // Nothing can be mapped for an LV that is gone.
        if (lvmReason(err) === 'not-found') return;
        throw err;
      }
      const m = lvStart(found.segments, found.pv);
      if (!m) return;
      for (const d of loopsAt(parseLosetupList(await losetup(losetupListArgs(m.pv), opts)), m)) {
        try {
          // A device still open (an export) is detached by the kernel when its last user closes it.
          await losetup(losetupDetachArgs(d.name), opts);
        } catch (err) {
          if (!(err instanceof ExecError && /No such device/i.test(err.stderr))) throw err;
        }
      }
    });

  return Object.assign(resolve, { release });
}
