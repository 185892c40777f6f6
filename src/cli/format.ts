/**
 * Text output shaped like python-cinderclient's prettytable output, so operators' eyes and their
 * `awk -F'|'` scripts carry over: ASCII borders, one rule under the header, no colours.
 */
import Table from 'cli-table3';

export type Cell = string | number | boolean | null | undefined;

const asciiChars = {
  top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+',
  bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+',
  left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', 'right-mid': '+',
  right: '|', middle: '|',
};

/** A list table; null and undefined cells print as '-' like cinder's print_list. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const table = new Table({ head: [...headers], style: { head: [], border: [] }, chars: asciiChars });
  for (const row of rows) table.push(row.map((c) => (c === null || c === undefined ? '-' : cellText(c))));
  return withoutRowRules(table.toString()) + '\n';
}

/**
 * cli-table3 rules off every row; prettytable rules only the header. All rules are the same line
 * with these chars, so keep the border and the header and drop every other rule.
 */
function withoutRowRules(text: string): string {
  const lines = text.split('\n');
  const rule = lines[0] ?? '';
  const header = lines[1] ?? '';
  const body = lines.slice(2).filter((l) => l !== rule);
  return [rule, header, rule, ...body, rule].join('\n');
}

/** Cinder's print_dict: a `Property | Value` table sorted by property, None for nulls. */
export function formatProperties(props: Record<string, unknown>, headers: readonly [string, string] = ['Property', 'Value']): string {
  const rows = Object.keys(props)
    .sort()
    .map((k) => [k, propertyText(props[k])]);
  return formatTable(headers, rows);
}

function propertyText(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'object') return pyRepr(v);
  return cellText(v as string | number | boolean);
}

function cellText(c: Exclude<Cell, null | undefined>): string {
  if (typeof c === 'boolean') return c ? 'True' : 'False';
  // prettytable strips carriage returns; so do we, lest they wreck the borders.
  return String(c).replace(/\r/g, '');
}

/** What Python's str() prints for a dict or list, which is how cinder shows extra_specs, specs and metadata. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return pyString(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyString(k)}: ${pyRepr(x)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(v);
}

function pyString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

/** `--json` output: the node's result as it came, pretty-printed. */
export const formatJson = (value: unknown): string => JSON.stringify(value ?? null, null, 2) + '\n';
