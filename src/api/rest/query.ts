/** Query-string values in Cinder's dialect (Python booleans, "None", dict reprs). */
import { badRequest } from './faults.js';

const truthy = new Set(['1', 't', 'true', 'on', 'y', 'yes']);
const falsy = new Set(['0', 'f', 'false', 'off', 'n', 'no']);

/** oslo strutils.bool_from_string(strict=True); undefined when absent. */
export function boolParam(name: string, value: string | null): boolean | undefined {
  if (value === null) return undefined;
  const v = value.trim().toLowerCase();
  if (truthy.has(v)) return true;
  if (falsy.has(v)) return false;
  throw badRequest(`Value '${value}' for parameter ${name} is not a valid boolean.`);
}

/** Volume types' is_public: absent → public only, "None" → all, else a boolean. */
export function isPublicParam(value: string | null): boolean | 'all' {
  if (value === null) return true;
  if (value.toLowerCase() === 'none') return 'all';
  const v = value.trim().toLowerCase();
  if (truthy.has(v)) return true;
  if (falsy.has(v)) return false;
  throw badRequest(`Invalid is_public filter [${value}]`);
}

export function intParam(name: string, value: string | null, min = 0): number | undefined {
  if (value === null) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw badRequest(`${name} param must be an integer`);
  const n = Number(value);
  if (n < min) throw badRequest(`${name} param must be positive`);
  return n;
}

/**
 * A metadata filter: cinderclient sends str(dict), e.g. "{'k': 'v'}", which Cinder reads with
 * ast.literal_eval; JSON is accepted too.
 */
export function dictParam(name: string, value: string | null): Record<string, string> | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    }
  } catch { /* not JSON: try the Python literal */ }
  const str = String.raw`'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"`;
  const pair = new RegExp(String.raw`^\s*(?:${str})\s*:\s*(?:${str})\s*(?:,|$)`);
  if (!text.startsWith('{') || !text.endsWith('}')) throw badRequest(`Invalid ${name} filter: ${value}`);
  let rest = text.slice(1, -1).trim();
  const out: Record<string, string> = {};
  while (rest.length > 0) {
    const m = pair.exec(rest);
    if (!m) throw badRequest(`Invalid ${name} filter: ${value}`);
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    out[unescape(m[1] ?? m[2] ?? '')] = unescape(m[3] ?? m[4] ?? '');
    rest = rest.slice(m[0].length).trim();
  }
  return out;
}

/** Rejects query keys a route does not understand, as Cinder does for its resource filters. */
export function rejectUnknown(query: URLSearchParams, allowed: ReadonlySet<string>): void {
  const unknown = [...new Set(query.keys())].filter((k) => !allowed.has(k));
  if (unknown.length > 0) throw badRequest(`Invalid filters ${unknown.join(',')} are found in query options.`);
}
