/**
 * Cinder microversions: the `OpenStack-API-Version: volume 3.x` request header picks the
 * response shape; no header means the minimum. Kiln states 3.70, the newest version Debian's
 * python3-cinderclient (9.x) negotiates, and implements the behaviour it depends on up to it.
 */
export interface ApiVersion { major: number; minor: number }

export const minVersion: ApiVersion = { major: 3, minor: 0 };
export const maxVersion: ApiVersion = { major: 3, minor: 70 };
export const versionHeader = 'OpenStack-API-Version';

export const formatVersion = (v: ApiVersion): string => `${v.major}.${v.minor}`;

export function compareVersions(a: ApiVersion, b: ApiVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** True when `v` is at least `atLeast` ("3.48" style strings are accepted for readability). */
export function versionAtLeast(v: ApiVersion, atLeast: ApiVersion | string): boolean {
  return compareVersions(v, typeof atLeast === 'string' ? version(atLeast) : atLeast) >= 0;
}

/** A version literal written in code ("3.48"). */
export function version(text: string): ApiVersion {
  const v = parseVersion(text);
  if (!v) throw new Error(`bad version literal ${text}`);
  return v;
}

/** "3.70" → {3,70}; "latest" → the maximum; anything else → undefined. */
export function parseVersion(text: string): ApiVersion | undefined {
  if (text === 'latest') return maxVersion;
  const m = /^([1-9]\d*)\.(0|[1-9]\d*)$/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export type Negotiation =
  | { ok: true; version: ApiVersion }
  | { ok: false; status: 400 | 406; message: string };

/**
 * The version a request asks for. The header may name several services ("compute 2.1,
 * volume 3.5"); only `volume` counts. Bad syntax is 400, a version out of range 406, as Cinder.
 */
export function negotiate(header: string | string[] | undefined): Negotiation {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return { ok: true, version: minVersion };
  const entry = text.split(',').map((s) => s.trim().split(/\s+/)).find(([service]) => service?.toLowerCase() === 'volume');
  if (!entry) return { ok: true, version: minVersion };
  const requested = entry[1] ?? '';
  const version = parseVersion(requested);
  if (!version) {
    return { ok: false, status: 400, message: `API Version String ${requested} is of invalid format. Must be of format MajorNum.MinorNum.` };
  }
  if (compareVersions(version, minVersion) < 0 || compareVersions(version, maxVersion) > 0) {
    return {
      ok: false, status: 406,
      message: `Version ${requested} is not supported by the API. Minimum is ${formatVersion(minVersion)} and maximum is ${formatVersion(maxVersion)}.`,
    };
  }
  return { ok: true, version };
}
