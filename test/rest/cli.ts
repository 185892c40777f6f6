/** Running the real OpenStack clients against a node and reading the tables they print. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

/** The absolute path of an executable on PATH, or undefined. */
export async function findBinary(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      await access(path, constants.X_OK);
      return path;
    } catch { /* keep looking */ }
  }
  return undefined;
}

export interface CliResult { exitCode: number; stdout: string; stderr: string }

/** Runs a client with only the given environment (plus PATH), never through a shell. */
export async function runCli(bin: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const r = await execa(bin, args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...env },
    extendEnv: false, reject: false, timeout: 60_000, stdin: 'ignore',
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export interface Table { headers: string[]; rows: Record<string, string>[] }

const cells = (line: string) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());

/** Every prettytable in the output ("+---+" borders, "| a | b |" rows), first row as headers. */
export function parseTables(out: string): Table[] {
  const tables: Table[] = [];
  let current: Table | undefined;
  let borders = 0;
  for (const line of out.split('\n')) {
    const l = line.trim();
    if (l.startsWith('+-')) {
      borders++;
      // A table has three borders: top, under the header, bottom; a fourth "+-" starts a new one.
      if (!current || borders > 3) { current = { headers: [], rows: [] }; tables.push(current); borders = 1; }
      continue;
    }
    if (!l.startsWith('|') || !current) continue;
    const c = cells(l);
    if (current.headers.length === 0) current.headers = c;
    else current.rows.push(Object.fromEntries(current.headers.map((h, i) => [h, c[i] ?? ''])));
  }
  return tables;
}

export function table(out: string): Table {
  const t = parseTables(out)[0];
  if (!t) throw new Error(`no table in output:\n${out}`);
  return t;
}

/** A two-column "Property | Value" (cinder) or "Field | Value" (openstack) table as a record. */
export function properties(out: string): Record<string, string> {
  const t = table(out);
  const [key = '', value = ''] = t.headers;
  return Object.fromEntries(t.rows.map((r) => [r[key] ?? '', r[value] ?? '']));
}

export interface CinderCaller { user: string; project: string }

/**
 * `cinder <args>` against a node in noauth mode, as a user of a project (Cinder's noauth: the
 * user "admin" is an admin). Getters, because the node and HOME exist only once test.before ran.
 */
export function cinderRunner(bin: string | undefined, o: { port: () => number; home: () => string; defaultCaller: CinderCaller; apiVersion?: string }) {
  const run = (args: string[], who: CinderCaller = o.defaultCaller): Promise<CliResult> =>
    runCli(bin ?? 'cinder', [...(o.apiVersion ? ['--os-volume-api-version', o.apiVersion] : []), ...args], {
      HOME: o.home(), OS_AUTH_TYPE: 'noauth', OS_USER_ID: who.user, OS_PROJECT_ID: who.project,
      CINDER_ENDPOINT: `http://127.0.0.1:${o.port()}/v3/${who.project}`,
    });
  const ok = async (args: string[], who?: CinderCaller): Promise<string> => {
    const r = await run(args, who);
    if (r.exitCode !== 0) throw new Error(`cinder ${args.join(' ')} exited ${r.exitCode}:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  return { run, ok };
}
