import type { IniDocument, IniSection } from './ini.js';
import { issueAt, type ConfigIssue, type ConfigLocation } from './problems.js';
import { substitute, type Parser } from './values.js';

/** One raw value and where it came from (a file line, a flag or an env variable). */
export interface Setting extends ConfigLocation {
  value: string;
}

/**
 * Reads typed values out of a parsed file (or none) and collects every problem and warning
 * on the way, so the operator sees all of them at once. Does no I/O.
 */
export class ConfigReader {
  readonly problems: ConfigIssue[] = [];
  readonly warnings: ConfigIssue[] = [];
  /** Values Kiln settles itself beat the file in `$name` substitution ($state_path is the real data dir). */
  private readonly vars = new Map<string, string>();

  constructor(readonly doc: IniDocument | undefined) {
    if (doc) this.problems.push(...doc.problems);
  }

  sectionNames(): string[] {
    return this.doc ? [...this.doc.sections.keys()] : [];
  }

  section(name: string): IniSection | undefined {
    return this.doc?.sections.get(name);
  }

  /** Exact name first; then ignoring case, as oslo lower-cases group names. */
  findSection(name: string): string | undefined {
    if (this.section(name)) return name;
    return this.sectionNames().find((s) => s.toLowerCase() === name.toLowerCase() && s !== 'DEFAULT');
  }

  /** Where a whole section starts, for warnings about it. */
  sectionAt(name: string): ConfigLocation {
    return { file: this.doc?.file ?? '', line: this.doc?.headers.get(name) ?? 0, section: name, key: '' };
  }

  setting(section: string, key: string): Setting | undefined {
    const entry = this.section(section)?.get(key);
    if (!entry || !this.doc) return undefined;
    return { file: this.doc.file, line: entry.line, section, key, value: entry.value };
  }

  define(name: string, value: string): void {
    this.vars.set(name, value);
  }

  fail(at: ConfigLocation, message: string): void {
    this.problems.push(issueAt(at, message));
  }

  warn(at: ConfigLocation, message: string): void {
    this.warnings.push(issueAt(at, message));
  }

  /** The parsed value, or undefined when absent or invalid (then a problem is recorded). */
  read<T>(s: Setting | undefined, parse: Parser<T>): T | undefined {
    if (s === undefined) return undefined;
    const raw = s.section === undefined ? { ok: true as const, value: s.value } : substitute(s.value, (n) => this.lookup(n));
    const parsed = raw.ok ? parse(raw.value) : raw;
    if (parsed.ok) return parsed.value;
    this.fail(s, parsed.error);
    return undefined;
  }

  /**
   * Candidates in precedence order (flag, env, file); the first present wins. All are
   * checked, so a bad file value is reported even while a flag overrides it.
   */
  first<T>(parse: Parser<T>, ...candidates: (Setting | undefined)[]): T | undefined {
    const values = candidates.map((c) => this.read(c, parse));
    return values.find((v) => v !== undefined);
  }

  private lookup(name: string): string | undefined {
    const own = this.vars.get(name);
    if (own !== undefined) return own;
    const dot = name.indexOf('.');
    if (dot > 0) return this.section(name.slice(0, dot))?.get(name.slice(dot + 1))?.value;
    return this.section('DEFAULT')?.get(name)?.value;
  }
}
