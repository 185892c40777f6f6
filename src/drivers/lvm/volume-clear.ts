/**
 * Cinder's volume_clear = zero: overwrite a deleted volume's data so the next tenant given
 * those extents cannot read it. lvm2 does not zero on lvremove, nor (without device-mapper)
 * on lvcreate.
 */
import type { Argv } from './lvm-args.js';

export type VolumeClear = 'none' | 'zero';

const bytesPerMiB = 2 ** 20;

/** Direct I/O so the page cache is not flooded; fdatasync so "deleted" means overwritten. */
export function ddZeroArgs(devicePath: string, sizeMiB: number): Argv {
  return ['dd', 'if=/dev/zero', `of=${devicePath}`, 'bs=1M', `count=${sizeMiB}`, 'oflag=direct', 'conv=fdatasync', 'status=none'];
}

/**
 * MiB to overwrite: the whole volume, or its first volume_clear_size MiB (0 = all), as in
 * Cinder. Thin LVs are never cleared: the pool hands out zeroed blocks (zero_new_blocks).
 */
export function clearSizeMiB(volumeSizeBytes: number, clearSizeMiBSetting: number | undefined): number {
  const wholeMiB = Math.ceil(volumeSizeBytes / bytesPerMiB);
  if (clearSizeMiBSetting === undefined || clearSizeMiBSetting <= 0) return wholeMiB;
  return Math.min(wholeMiB, clearSizeMiBSetting);
}

/** At worst ~20 MB/s on a busy disk, and never less than a minute. */
export function clearTimeoutMs(sizeMiB: number): number {
  return Math.max(60_000, sizeMiB * 50);
}
