import { KilnError } from '../model/errors.js';
import type { ConfigProblem } from '../node/options.js';

/** A ConfigProblem that also names its section; still assignable to ConfigProblem. */
export interface ConfigIssue extends ConfigProblem {
  section?: string;
}

/** Where a value came from: a file line, or a flag / environment variable (line 0). */
export interface ConfigLocation {
  file: string;
  line: number;
  section?: string;
  key: string;
}

export const FLAGS_SOURCE = '<flags>';
export const ENV_SOURCE = '<env>';

export function issueAt(at: ConfigLocation, message: string): ConfigIssue {
  const issue: ConfigIssue = { file: at.file, line: at.line, key: at.key, message };
  if (at.section !== undefined) issue.section = at.section;
  return issue;
}

/** "file:line: [section] key: message"; parts that do not apply are left out. */
export function formatProblem(p: ConfigIssue): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  const section = p.section !== undefined ? `[${p.section}] ` : '';
  const key = p.key !== '' ? `${p.key}: ` : '';
  return `${where}: ${section}${key}${p.message}`;
}

/**
 * A value inherited by several backends (from [DEFAULT]) is checked once per backend;
 * the operator should see it once. Flags and env (line 0) sort first, then file order.
 */
export function uniqueIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const text = formatProblem(issue);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(issue);
  }
  return out.sort((a, b) => a.line - b.line);
}

export function configError(problems: readonly ConfigIssue[], cause?: unknown): KilnError {
  const list = uniqueIssues(problems);
  const noun = list.length === 1 ? 'problem' : 'problems';
  const lines = [`invalid configuration (${list.length} ${noun}):`, ...list.map((p) => `  ${formatProblem(p)}`)];
  return new KilnError('ERR_CONFIG', lines.join('\n'), { details: { problems: list }, cause });
}
