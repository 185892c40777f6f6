/**
 * Parsers for command-line values. They throw commander's InvalidArgumentError (or UsageError from
 * inside an action) so a bad value is a usage error (exit 2), never a call to the node.
 */
import { InvalidArgumentError } from 'commander';

/** A problem with what the operator typed, found after commander's own parsing. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Cinder's `key=value` pairs: split at the first '=', so values may contain '='; the value may be empty. */
export function parseKeyValues(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new UsageError(`bad key=value pair '${pair}': expected key=value`);
    const key = pair.slice(0, eq).trim();
    if (key === '') throw new UsageError(`bad key=value pair '${pair}': the key is empty`);
    out[key] = pair.slice(eq + 1);
  }
  return out;
}

/** For `unset`: cinder takes plain keys but tolerates `key=value`, ignoring the value. */
export function parseKeys(args: readonly string[]): string[] {
  return args.map((arg) => {
    const key = arg.split('=', 1)[0]!.trim();
    if (key === '') throw new UsageError(`bad key '${arg}': the key is empty`);
    return key;
  });
}

export function parsePositiveInt(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** Cinder's strict bool_from_string. */
export function parseBool(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['true', 't', 'yes', 'y', 'on', '1'].includes(v)) return true;
  if (['false', 'f', 'no', 'n', 'off', '0'].includes(v)) return false;
  throw new InvalidArgumentError('must be true or false');
}
