/**
 * Pure parts of reaching an LV's data through an offset loop device, for kernels without
 * device-mapper: where a single-segment LV lives on its PV, and losetup's argv and output.
 */
import { KilnError } from '../../model/errors.js';
import type { Argv } from './lvm-args.js';
import type { PvRecord, SegmentRecord } from './lvm-report.js';

/** The byte range of a PV that holds an LV's data. */
export interface LoopMapping {
  pv: string;
  offsetBytes: number;
  sizeBytes: number;
}

export interface LoopDevice {
  name: string;
  backFile: string;
  offsetBytes: number;
  /** 0 when the loop device runs to the end of its backing file. */
  sizeLimitBytes: number;
  autoclear: boolean;
}

/** The PV of the LV's one segment; more segments cannot be one loop device. */
export function singleSegmentPv(vg: string, lv: string, segments: readonly SegmentRecord[]): string {
  const seg = segments[0];
  const range = seg?.ranges[0];
  if (segments.length !== 1 || seg?.ranges.length !== 1 || !range) {
    throw new KilnError(
      'ERR_DRIVER',
      `${vg}/${lv} has ${segments.length} segments; a loop device can map only a single-segment LV ` +
        '(allocate contiguously, or use a host with device-mapper)',
      { details: { reason: 'fragmented', segments: segments.length } },
    );
  }
  return range.pv;
}

export function loopMapping(vg: string, lv: string, segments: readonly SegmentRecord[], pv: PvRecord): LoopMapping {
  singleSegmentPv(vg, lv, segments);
  const seg = segments[0]!;
  const range = seg.ranges[0]!;
  return {
    pv: range.pv,
    offsetBytes: pv.peStartBytes + range.firstExtent * seg.extentSizeBytes,
    sizeBytes: seg.extentCount * seg.extentSizeBytes,
  };
}

/** Where the LV's first byte is, fragmented or not: enough to find the loop devices made for it. */
export function lvStart(segments: readonly SegmentRecord[], pv: PvRecord): Pick<LoopMapping, 'pv' | 'offsetBytes'> | undefined {
  const first = segments.find((s) => s.startExtent === 0);
  const range = first?.ranges[0];
  if (!first || !range || range.pv !== pv.name) return undefined;
  return { pv: range.pv, offsetBytes: pv.peStartBytes + range.firstExtent * first.extentSizeBytes };
}

export function losetupListArgs(pv: string): Argv {
  return ['losetup', '--json', '--list', '--associated', pv];
}

/** Prints the new device's name. */
export function losetupAttachArgs(m: LoopMapping): Argv {
  return ['losetup', '--find', '--show', '--offset', String(m.offsetBytes), '--sizelimit', String(m.sizeBytes), m.pv];
}

export function losetupDetachArgs(device: string): Argv {
  return ['losetup', '--detach', device];
}

/** losetup --json --list output; empty output (no devices) is an empty list. */
export function parseLosetupList(stdout: string): LoopDevice[] {
  if (stdout.trim() === '') return [];
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch (err) {
    throw new KilnError('ERR_DRIVER', `unexpected losetup output: ${stdout.trim().slice(0, 120)}`, { cause: err });
  }
  const list = (doc as { loopdevices?: unknown })?.loopdevices;
  if (!Array.isArray(list)) throw new KilnError('ERR_DRIVER', 'unexpected losetup output: no "loopdevices" array');
  return list.map((d: Record<string, unknown>) => ({
    name: String(d.name),
    backFile: String(d['back-file'] ?? ''),
    offsetBytes: Number(d.offset ?? 0),
    sizeLimitBytes: Number(d.sizelimit ?? 0),
    autoclear: d.autoclear === true || d.autoclear === '1',
  }));
}

/** A device mapping exactly this range; a stale one of another size does not count. */
export function findLoop(devices: readonly LoopDevice[], m: LoopMapping): LoopDevice | undefined {
  return devices.find((d) => d.backFile === m.pv && d.offsetBytes === m.offsetBytes && d.sizeLimitBytes === m.sizeBytes && !d.autoclear);
}

/** Every device starting at the LV's first byte, whatever its size (an LV since extended). */
export function loopsAt(devices: readonly LoopDevice[], m: Pick<LoopMapping, 'pv' | 'offsetBytes'>): LoopDevice[] {
  return devices.filter((d) => d.backFile === m.pv && d.offsetBytes === m.offsetBytes);
}
