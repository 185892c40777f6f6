/** Small value formats of Cinder's JSON. */
import { createHash } from 'node:crypto';

/** Cinder prints naive UTC timestamps with microseconds: "2026-11-25T13:17:08.649691". */
export function cinderTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 23)}000`;
}

export const cinderTimeMs = (ms: number): string => cinderTime(new Date(ms).toISOString()) ?? '';

/** A stable UUID derived from a name (RFC 4122 version 5 layout over SHA-1), for ids Kiln has no record of. */
export function derivedUuid(namespace: string, name: string): string {
  const h = createHash('sha1').update(`${namespace}\0${name}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Python's str(bool).lower(), which Cinder uses for `bootable`. */
export const boolString = (b: boolean): 'true' | 'false' => (b ? 'true' : 'false');
