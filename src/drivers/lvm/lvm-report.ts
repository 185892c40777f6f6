/**
 * Parsers of lvm2's `--reportformat json --units b` output. lvm2 prints every value as a
 * string ("8388608B", "" for not applicable); these turn them into typed records once, so
 * no other code looks at lvm2's text.
 */
import { KilnError } from '../../model/errors.js';

export type LvKind = 'thick' | 'thin' | 'thin-pool' | 'snapshot' | 'other';

export interface LvRecord {
  name: string;
  vg: string;
  sizeBytes: number;
  /** lv_attr, e.g. "-wi-ao----"; the first letter is the volume type. */
  attr: string;
  kind: LvKind;
  /** Thick origin of COW snapshots (attr "o"). */
  isOrigin: boolean;
  tags: string[];
  /** Thin pool of a thin LV. */
  pool: string | undefined;
  /** Origin of a snapshot. */
  origin: string | undefined;
  /** Data use of a thin pool or thin LV; undefined when not reported (inactive pool). */
  dataPercent: number | undefined;
  metadataPercent: number | undefined;
  /** /dev/<vg>/<lv>; undefined for LVs without a device node of their own (pools). */
  path: string | undefined;
}

export interface VgRecord {
  name: string;
  sizeBytes: number;
  freeBytes: number;
  extentSizeBytes: number;
  extentCount: number;
  freeExtentCount: number;
  lvCount: number;
  attr: string;
}

export interface PvRange { pv: string; firstExtent: number; lastExtent: number }

export interface SegmentRecord {
  lv: string;
  /** First logical extent of the segment within its LV. */
  startExtent: number;
  extentCount: number;
  /** Physical extents holding the segment; one range for a linear segment. */
  ranges: PvRange[];
  extentSizeBytes: number;
}

export interface PvRecord {
  name: string;
  vg: string;
  /** Where the first physical extent starts on the device. */
  peStartBytes: number;
  sizeBytes: number;
  freeBytes: number;
}

type Row = Record<string, unknown>;

const kindByAttr: Record<string, LvKind> = { '-': 'thick', o: 'thick', V: 'thin', t: 'thin-pool', s: 'snapshot' };

export function parseLvsReport(stdout: string): LvRecord[] {
  const seen = new Map<string, LvRecord>();
  for (const row of reportRows(stdout, 'lv')) {
    const attr = str(row, 'lv_attr');
    const lv: LvRecord = {
      name: str(row, 'lv_name'),
      vg: str(row, 'vg_name'),
      sizeBytes: bytes(row, 'lv_size'),
      attr,
      kind: kindByAttr[attr.charAt(0)] ?? 'other',
      isOrigin: attr.charAt(0) === 'o',
      tags: optStr(row, 'lv_tags')?.split(',') ?? [],
      pool: optStr(row, 'pool_lv'),
      origin: optStr(row, 'origin'),
      dataPercent: optNumber(row, 'data_percent'),
      metadataPercent: optNumber(row, 'metadata_percent'),
      path: optStr(row, 'lv_path'),
    };
    // Segment fields would repeat an LV once per segment; keep the first row.
    const key = `${lv.vg}/${lv.name}`;
    if (!seen.has(key)) seen.set(key, lv);
  }
  return [...seen.values()];
}

export function parseVgsReport(stdout: string): VgRecord[] {
  return reportRows(stdout, 'vg').map((row) => ({
    name: str(row, 'vg_name'),
    sizeBytes: bytes(row, 'vg_size'),
    freeBytes: bytes(row, 'vg_free'),
    extentSizeBytes: bytes(row, 'vg_extent_size'),
    extentCount: int(row, 'vg_extent_count'),
    freeExtentCount: int(row, 'vg_free_count'),
    lvCount: int(row, 'lv_count'),
    attr: str(row, 'vg_attr'),
  }));
}

export function parseSegmentsReport(stdout: string): SegmentRecord[] {
  return reportRows(stdout, 'seg').map((row) => ({
    lv: str(row, 'lv_name'),
    startExtent: int(row, 'seg_start_pe'),
    extentCount: int(row, 'seg_size_pe'),
    ranges: (optStr(row, 'seg_pe_ranges') ?? '').split(' ').filter(Boolean).map(parseRange),
    extentSizeBytes: bytes(row, 'vg_extent_size'),
  }));
}

export function parsePvsReport(stdout: string): PvRecord[] {
  return reportRows(stdout, 'pv').map((row) => ({
    name: str(row, 'pv_name'),
    vg: str(row, 'vg_name'),
    peStartBytes: bytes(row, 'pe_start'),
    sizeBytes: bytes(row, 'pv_size'),
    freeBytes: bytes(row, 'pv_free'),
  }));
}

/** "/dev/loop0:770-1025": the device name may itself contain ':', so split at the last one. */
function parseRange(text: string): PvRange {
  const m = /^(.+):(\d+)-(\d+)$/.exec(text);
  if (!m) throw unexpected(`segment range ${JSON.stringify(text)}`);
  return { pv: m[1]!, firstExtent: Number(m[2]), lastExtent: Number(m[3]) };
}

/** The rows under `key` of every report in the output ({"report":[{"lv":[...]}]}). */
function reportRows(stdout: string, key: 'lv' | 'vg' | 'seg' | 'pv'): Row[] {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch (err) {
    throw unexpected(`output that is not JSON: ${stdout.trim().slice(0, 120)}`, err);
  }
  const reports = (doc as { report?: unknown })?.report;
  if (!Array.isArray(reports)) throw unexpected('JSON without a "report" array');
  const rows: Row[] = [];
  for (const r of reports) {
    const part = (r as Record<string, unknown> | null)?.[key];
    if (part === undefined) continue;
    if (!Array.isArray(part)) throw unexpected(`"${key}" that is not an array`);
    rows.push(...(part as Row[]));
  }
  return rows;
}

function str(row: Row, field: string): string {
  const v = row[field];
  if (typeof v !== 'string') throw unexpected(`row without ${field}: ${JSON.stringify(row)}`);
  return v;
}

function optStr(row: Row, field: string): string | undefined {
  const v = row[field];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function bytes(row: Row, field: string): number {
  const m = /^(\d+)B?$/.exec(str(row, field));
  if (!m) throw unexpected(`${field} ${JSON.stringify(row[field])} is not a byte count (run with --units b)`);
  return Number(m[1]);
}

function int(row: Row, field: string): number {
  const n = Number(str(row, field));
  if (!Number.isInteger(n)) throw unexpected(`${field} ${JSON.stringify(row[field])} is not an integer`);
  return n;
}

function optNumber(row: Row, field: string): number | undefined {
  const v = optStr(row, field);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw unexpected(`${field} ${JSON.stringify(v)} is not a number`);
  return n;
}

function unexpected(what: string, cause?: unknown): KilnError {
  return new KilnError('ERR_DRIVER', `unexpected lvm2 report: ${what}`, { cause });
}
