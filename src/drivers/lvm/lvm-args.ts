/**
 * argv for every lvm2 command the LVM driver runs, as pure functions (Cinder's brick
 * lvm.py commands, one builder each). Reports are JSON with sizes in bytes; sizes given to
 * lvm2 are whole GiB with the binary `g` suffix, as Cinder passes them.
 */
export type { Argv } from '../argv.js';
import type { Argv } from '../argv.js';

/** Per-LV fields; no segment fields, which would make lvs print one row per segment. */
export const lvFields = [
  'lv_name', 'vg_name', 'lv_size', 'lv_attr', 'lv_tags', 'pool_lv', 'origin', 'data_percent',
  'metadata_percent', 'lv_path',
] as const;
export const vgFields = [
  'vg_name', 'vg_size', 'vg_free', 'vg_extent_size', 'vg_extent_count', 'vg_free_count', 'lv_count', 'vg_attr',
] as const;
export const segmentFields = ['lv_name', 'seg_start_pe', 'seg_size_pe', 'seg_pe_ranges', 'vg_extent_size'] as const;
export const pvFields = ['pv_name', 'vg_name', 'pe_start', 'pv_size', 'pv_free'] as const;

const jsonReport = ['--reportformat', 'json', '--units', 'b'];

/** Every LV of the VG; the driver filters, so an absent LV is an empty answer, not an error. */
export function lvsArgs(vg: string): Argv {
  return ['lvs', ...jsonReport, '-o', lvFields.join(','), vg];
}

export function vgsArgs(vg: string): Argv {
  return ['vgs', ...jsonReport, '-o', vgFields.join(','), vg];
}

export function pvsArgs(pv: string): Argv {
  return ['pvs', ...jsonReport, '-o', pvFields.join(','), pv];
}

/** Where an LV's extents are: what the loop device-path resolver maps. */
export function lvSegmentsArgs(vg: string, lv: string): Argv {
  return ['lvs', ...jsonReport, '--segments', '-o', segmentFields.join(','), `${vg}/${lv}`];
}

export interface LvcreateSpec {
  vg: string;
  lv: string;
  sizeGiB: number;
  /** All extents in one run: the loop resolver can map only single-segment LVs. */
  contiguous?: boolean;
}

/** Thick LV (Cinder: lvcreate -n name vg -L Ng). --yes answers "wipe signature?" prompts. */
export function lvcreateArgs(s: LvcreateSpec): Argv {
  return ['lvcreate', '--yes', '-n', s.lv, '-L', `${s.sizeGiB}g`, ...contiguity(s.contiguous), s.vg];
}

/** The backend's thin pool over all free space (Cinder create_thin_pool with 100%FREE). */
export function thinPoolCreateArgs(s: { vg: string; pool: string }): Argv {
  return ['lvcreate', '--yes', '-T', '-l', '100%FREE', `${s.vg}/${s.pool}`];
}

/** Thin LV of virtual size N GiB in the pool. */
export function thinLvCreateArgs(s: { vg: string; pool: string; lv: string; sizeGiB: number }): Argv {
  return ['lvcreate', '--yes', '-T', '-V', `${s.sizeGiB}g`, '-n', s.lv, `${s.vg}/${s.pool}`];
}

/**
 * Snapshot of an LV. A thin origin gets a thin snapshot (no size); a thick origin a COW
 * snapshot as big as the origin, as Cinder sizes it. Needs device-mapper on the host.
 */
export function snapshotCreateArgs(s: { vg: string; origin: string; name: string; sizeGiB?: number }): Argv {
  const size = s.sizeGiB === undefined ? [] : ['-L', `${s.sizeGiB}g`];
  return ['lvcreate', '--yes', '--name', s.name, '--snapshot', `${s.vg}/${s.origin}`, ...size];
}

export function lvextendArgs(s: LvcreateSpec): Argv {
  return ['lvextend', '-L', `${s.sizeGiB}g`, ...contiguity(s.contiguous), `${s.vg}/${s.lv}`];
}

export function lvremoveArgs(s: { vg: string; lv: string }): Argv {
  return ['lvremove', '-f', `${s.vg}/${s.lv}`];
}

/** Inserts `--config <text>` after the command name; lvm2 accepts it on every command. */
export function withLvmConfig(argv: Argv, config: string | undefined): Argv {
  if (config === undefined || config === '') return argv;
  const [cmd, ...rest] = argv;
  return [cmd, '--config', config, ...rest];
}

function contiguity(contiguous: boolean | undefined): string[] {
  return contiguous ? ['--alloc', 'contiguous'] : [];
}
