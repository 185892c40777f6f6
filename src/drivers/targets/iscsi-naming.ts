/** IQNs and CHAP credentials of volume exports, as Cinder makes them. */
import { randomInt } from 'node:crypto';
import { invalidParams } from '../../model/errors.js';

/** Cinder's default target_prefix; a volume's IQN is prefix + "volume-" + id. */
export const defaultTargetPrefix = 'iqn.2010-10.org.openstack:';
const volumeName = 'volume-';
const idPattern = /^[A-Za-z0-9-]{1,128}$/;

export function checkVolumeId(id: string): string {
  if (typeof id !== 'string' || !idPattern.test(id)) {
    throw invalidParams('volumeId', `volume id must be 1-128 characters of [A-Za-z0-9-], got ${JSON.stringify(id)}`);
  }
  return id;
}

export const iqnFor = (targetPrefix: string, volumeId: string): string => `${targetPrefix}${volumeName}${checkVolumeId(volumeId)}`;

/** The volume id in an IQN this prefix made; undefined for anyone else's target. */
export function volumeIdOfIqn(targetPrefix: string, iqn: string): string | undefined {
  const head = targetPrefix + volumeName;
  if (!iqn.startsWith(head)) return undefined;
  const id = iqn.slice(head.length);
  return idPattern.test(id) ? id : undefined;
}

export interface ChapCredentials { username: string; password: string }

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet.charAt(randomInt(alphabet.length));
  return s;
}

/**
 * Cinder's lengths: a 20 character user name and a 16 character secret (Microsoft's
 * initiator accepts 12 to 16), from a CSPRNG.
 */
export function generateChap(): ChapCredentials {
  return { username: randomText(20), password: randomText(16) };
}
