import type { ExecutionContext } from 'ava';
import { buildNodeOptions, type Env, type NodeConfig, type NodeFlags } from '../../src/config/node-config.js';
import { parseIni } from '../../src/config/ini.js';
import type { ConfigIssue } from '../../src/config/problems.js';
import { KilnError } from '../../src/model/errors.js';

export const CWD = '/srv/kiln';

/** Builds options from config text (undefined: no file) as the node would see it. */
export function build(text: string | undefined, flags: NodeFlags = {}, env: Env = {}): NodeConfig {
  return buildNodeOptions(text === undefined ? undefined : parseIni(text, 'cinder.conf'), flags, env, CWD, 'node1');
}

export function problemsOf(t: ExecutionContext, fn: () => unknown): ConfigIssue[] {
  const err = t.throws(fn, { instanceOf: KilnError });
  t.is(err?.code, 'ERR_CONFIG');
  return (err?.details?.['problems'] ?? []) as ConfigIssue[];
}

/** [line, section, key, message] rows: what an operator reads. */
export const rows = (issues: readonly ConfigIssue[]) => issues.map((p) => [p.line, p.section, p.key, p.message]);

export const conf = (...lines: string[]) => `${lines.join('\n')}\n`;
