/** Volume and LV names as Cinder makes them (volume_name_template = 'volume-%s'). */
import { invalidParams } from '../../model/errors.js';

const volumePrefix = 'volume-';
const idPattern = /^[A-Za-z0-9-]{1,128}$/;
/** lvm2's rule for VG names: [A-Za-z0-9+_.-], not starting with '-'. */
const vgPattern = /^[A-Za-z0-9+_.][A-Za-z0-9+_.-]{0,126}$/;

/** Ids become LV names and paths, so anything else is refused. */
export function lvNameOf(id: string): string {
  if (typeof id !== 'string' || !idPattern.test(id)) {
    throw invalidParams('id', `volume id must be 1-128 characters of [A-Za-z0-9-], got ${JSON.stringify(id)}`);
  }
  return volumePrefix + id;
}

/** Cinder's snapshot_name_template = 'snapshot-%s'. */
export function snapshotLvNameOf(id: string): string {
  if (typeof id !== 'string' || !idPattern.test(id)) {
    throw invalidParams('snapshotId', `snapshot id must be 1-128 characters of [A-Za-z0-9-], got ${JSON.stringify(id)}`);
  }
  return `snapshot-${id}`;
}

export const isVolumeLv = (lvName: string): boolean => lvName.startsWith(volumePrefix) && idPattern.test(lvName.slice(volumePrefix.length));

export const volumeIdOf = (lvName: string): string | undefined => (isVolumeLv(lvName) ? lvName.slice(volumePrefix.length) : undefined);

export const isValidVgName = (vg: string): boolean => vgPattern.test(vg) && vg !== '.' && vg !== '..';
