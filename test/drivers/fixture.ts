/** Recorded tool output under test/fixtures/<tool>/ (see the record.sh next to them). */
import { readFileSync } from 'node:fs';

export function fixture(tool: 'lvm' | 'tgt', name: string): string {
  return readFileSync(new URL(`../fixtures/${tool}/${name}`, import.meta.url), 'utf8');
}

/** As the executor hands stdout over: final newline stripped. */
export const stdoutOf = (tool: 'lvm' | 'tgt', name: string): string => fixture(tool, name).replace(/\n$/, '');
