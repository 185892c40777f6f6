import { issueAt, type ConfigIssue } from './problems.js';

/**
 * oslo.config's INI dialect, as oslo_config/iniparser.py reads it: `[section]` headers,
 * `key = value` or `key: value` (whichever separator comes first), `#`/`;` comment lines,
 * indented lines continuing the previous value (joined with "\n"), a blank line ending a
 * value, one pair of matching quotes stripped. Two deliberate differences: an indented
 * comment is skipped rather than glued onto the value, and the parser reports every
 * problem instead of stopping at the first.
 */
export interface IniEntry {
  value: string;
  /** 1-based line of the key (the first line of a continued value). */
  line: number;
}

export type IniSection = Map<string, IniEntry>;

export interface IniDocument {
  file: string;
  sections: Map<string, IniSection>;
  /** Line of each section's first header, to place warnings about a whole section. */
  headers: Map<string, number>;
  problems: ConfigIssue[];
}

interface Pending {
  section: string | undefined;
  key: string;
  parts: string[];
  line: number;
}

class IniParser {
  readonly doc: IniDocument;
  private section: string | undefined;
  /** After a broken header, keys are dropped quietly: one problem is enough. */
  private skipping = false;
  private pending: Pending | undefined;

  constructor(file: string) {
    this.doc = { file, sections: new Map(), headers: new Map(), problems: [] };
  }

  feed(raw: string, line: number): void {
    const text = raw.trimEnd();
    if (text === '') return this.flush();
    if (text.startsWith(' ') || text.startsWith('\t')) return this.continuation(text.trimStart(), line);
    this.flush();
    if (text.startsWith('[')) this.header(text, line);
    else if (!isComment(text)) this.assignment(text, line);
  }

  flush(): void {
    const p = this.pending;
    this.pending = undefined;
    if (p === undefined || p.section === undefined) return;
    this.doc.sections.get(p.section)?.set(p.key, { value: p.parts.join('\n'), line: p.line });
  }

  private continuation(text: string, line: number): void {
    if (isComment(text)) return;
    if (this.pending !== undefined) this.pending.parts.push(text);
    else if (!this.skipping) this.problem(line, '', 'indented line does not continue any value');
  }

  private header(text: string, line: number): void {
    this.section = undefined;
    this.skipping = true;
    if (!text.endsWith(']')) return this.problem(line, '', `section header ${text} is missing its closing ]`);
    const name = text.slice(1, -1).trim();
    if (name === '') return this.problem(line, '', 'section header [] has no name');
    this.section = name;
    this.skipping = false;
    if (!this.doc.sections.has(name)) {
      this.doc.sections.set(name, new Map());
      this.doc.headers.set(name, line);
    }
  }

  private assignment(text: string, line: number): void {
    const split = splitKeyValue(text);
    if (split === undefined) return this.problem(line, '', `expected "key = value", found ${JSON.stringify(text)}`);
    const [key, value] = split;
    if (key === '') return this.problem(line, '', 'a value has no key');
    if (this.section === undefined && !this.skipping) {
      this.problem(line, key, 'key comes before any [section]; put it under [DEFAULT]');
    }
    this.pending = { section: this.section, key, parts: [value], line };
  }

  private problem(line: number, key: string, message: string): void {
    const at = { file: this.doc.file, line, key, ...(this.section !== undefined ? { section: this.section } : {}) };
    this.doc.problems.push(issueAt(at, message));
  }
}

function isComment(text: string): boolean {
  return text.startsWith('#') || text.startsWith(';');
}

function splitKeyValue(text: string): [string, string] | undefined {
  const colon = text.indexOf(':');
  const equal = text.indexOf('=');
  if (colon < 0 && equal < 0) return undefined;
  const at = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
  return [text.slice(0, at).trim(), unquote(text.slice(at + 1).trim())];
}

function unquote(value: string): string {
  const q = value[0];
  const quoted = value.length >= 2 && (q === '"' || q === "'") && value.endsWith(q);
  return quoted ? value.slice(1, -1) : value;
}

export function parseIni(text: string, file: string): IniDocument {
  const parser = new IniParser(file);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => parser.feed(raw, i + 1));
  parser.flush();
  return parser.doc;
}
