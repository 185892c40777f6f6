import { isIP } from 'node:net';

/** Value parsers for oslo option types. Each returns the value or a message saying why not. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
export type Parser<T> = (raw: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (error: string): Parsed<never> => ({ ok: false, error });
const quote = (raw: string): string => JSON.stringify(raw);

export function integer(min: number, max = Number.MAX_SAFE_INTEGER): Parser<number> {
  return (raw) => {
    const s = raw.trim();
    if (!/^[+-]?\d+$/.test(s)) return bad(`${quote(raw)} is not an integer`);
    const n = Number(s);
    if (n < min || n > max) return bad(`${n} is out of range (${rangeText(min, max)})`);
    return ok(n);
  };
}

export function float(min: number, max = Number.MAX_VALUE): Parser<number> {
  return (raw) => {
    const s = raw.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return bad(`${quote(raw)} is not a number`);
    const n = Number(s);
    if (n < min || n > max) return bad(`${n} is out of range (${rangeText(min, max)})`);
    return ok(n);
  };
}

function rangeText(min: number, max: number): string {
  if (max >= Number.MAX_SAFE_INTEGER) return `must be at least ${min}`;
  return `must be ${min}..${max}`;
}

export const port: Parser<number> = (raw) => {
  const n = integer(1, 65535)(raw);
  return n.ok ? n : bad(`${quote(raw)} is not a port (must be an integer 1..65535)`);
};

export const percentage: Parser<number> = (raw) => {
  const n = integer(0, 100)(raw);
  return n.ok ? n : bad(`${quote(raw)} is not a percentage (must be an integer 0..100)`);
};

const TRUE_WORDS = new Set(['true', 'yes', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'off']);

/** oslo's BoolOpt words, case-insensitive. */
export const boolean: Parser<boolean> = (raw) => {
  const s = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return bad(`${quote(raw)} is not a boolean (use true/false, yes/no, on/off or 1/0)`);
};

/** A non-empty string. */
export const text: Parser<string> = (raw) => {
  const s = raw.trim();
  return s === '' ? bad('must not be empty') : ok(s);
};

/** Any string, even empty: options Kiln only carries along. */
export const anyText: Parser<string> = (raw) => ok(raw.trim());

/** A comma list; continuation lines may also separate items. */
export const list: Parser<string[]> = (raw) => {
  const items = raw.trim().split(/\s*,\s*|\s*\n\s*/);
  if (items.every((s) => s === '')) return bad('must list at least one name');
  if (items.some((s) => s === '')) return bad(`${quote(raw)} has an empty item`);
  return ok(items);
};

/** Case-insensitive; yields the spelling given in `values`. */
export function choice<const T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    const s = raw.trim().toLowerCase();
    const found = values.find((v) => v.toLowerCase() === s);
    return found !== undefined ? ok(found) : bad(`${quote(raw)} is not one of ${values.join(', ')}`);
  };
}

const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?';
const HOST_NAME = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})*\\.?$`);

/** An IP address or a host name (oslo's HostAddressOpt). */
export const address: Parser<string> = (raw) => {
  const s = raw.trim();
  if (isIP(s) !== 0 || (s.length <= 253 && HOST_NAME.test(s))) return ok(s);
  return bad(`${quote(raw)} is not an IP address or host name`);
};

/** Cinder's `host`; `@` and `#` separate backend and pool in host@backend#pool. */
export const nodeName: Parser<string> = (raw) => {
  const s = raw.trim();
  if (s === '' || /[\s@#]/.test(s)) return bad(`${quote(raw)} is not a usable host name (no spaces, @ or #)`);
  return ok(s);
};

/** "host", "host:port", "[v6]" or "[v6]:port"; a bare IPv6 address has no port. */
export const hostAndPort: Parser<{ host: string; port: number | undefined }> = (raw) => {
  const s = raw.trim();
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(s);
  let host = s;
  let portText: string | undefined;
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
    if (isIP(host) !== 6) return bad(`${quote(raw)}: [${host}] is not an IPv6 address`);
  } else if (s.indexOf(':') === s.lastIndexOf(':') && s.includes(':')) {
    host = s.slice(0, s.indexOf(':'));
    portText = s.slice(s.indexOf(':') + 1);
  }
  const h = address(host);
  if (!h.ok) return h;
  if (portText === undefined) return ok({ host: h.value, port: undefined });
  const p = port(portText);
  return p.ok ? ok({ host: h.value, port: p.value }) : p;
};

const TEMPLATE = /\$(?:(\$)|([A-Za-z_][A-Za-z0-9_.]*)|\{([A-Za-z_][A-Za-z0-9_.]*)\})/g;

/**
 * oslo's `$name` / `${name}` substitution (`$$` is a dollar), e.g. Cinder's own default
 * `volumes_dir = $state_path/volumes`. Substituted values are substituted in turn.
 */
export function substitute(value: string, lookup: (name: string) => string | undefined, depth = 0): Parsed<string> {
  if (depth > 8) return bad('$ substitutions nest too deeply (is there a loop?)');
  let error: string | undefined;
  const out = value.replace(TEMPLATE, (whole, dollar?: string, bare?: string, braced?: string) => {
    if (dollar !== undefined) return '$';
    const name = bare ?? braced ?? '';
    const found = lookup(name);
    const inner = found === undefined ? bad(`cannot substitute $${name}: it is not set`) : substitute(found, lookup, depth + 1);
    if (inner.ok) return inner.value;
    error ??= inner.error;
    return whole;
  });
  return error === undefined ? ok(out) : bad(error);
}
