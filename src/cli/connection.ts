/**
 * Where the CLI connects and with which token. Flags beat the environment, which beats the files the
 * node writes into its data directory, so `kiln` on the node's own host works with no setup.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { KilnError } from '../model/errors.js';

export interface ConnectionFlags {
  url?: string | undefined;
  token?: string | undefined;
  dataDir?: string | undefined;
}

export interface ResolvedConnection {
  url: string;
  token: string;
  /** Where each value came from, for error messages. */
  urlSource: 'flag' | 'env' | 'file' | 'default';
  tokenSource: 'flag' | 'env' | 'file';
}

export const defaultUrl = 'ws://127.0.0.1:8776/ws';

export function dataDirOf(flags: ConnectionFlags, env: Record<string, string | undefined>, cwd: string): string {
  const dir = nonEmpty(flags.dataDir) ?? nonEmpty(env['KILN_DATA']) ?? 'data';
  return isAbsolute(dir) ? dir : resolve(cwd, dir);
}

export async function resolveConnection(
  flags: ConnectionFlags,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<ResolvedConnection> {
  const dir = dataDirOf(flags, env, cwd);
  const url = await pick(flags.url, env['KILN_URL'], join(dir, 'endpoint'));
  const token = await pick(flags.token, env['KILN_TOKEN'], join(dir, 'admin-token'));
  if (!token) {
    throw new KilnError(
      'ERR_CONFIG',
      `no token: pass --token, set KILN_TOKEN, or run kiln on the node's host (looked in ${join(dir, 'admin-token')})`,
    );
  }
  return {
    url: url?.value ?? defaultUrl,
    token: token.value,
    urlSource: url?.source ?? 'default',
    tokenSource: token.source,
  };
}

async function pick(
  flag: string | undefined,
  env: string | undefined,
  file: string,
): Promise<{ value: string; source: 'flag' | 'env' | 'file' } | undefined> {
  const fromFlag = nonEmpty(flag);
  if (fromFlag) return { value: fromFlag, source: 'flag' };
  const fromEnv = nonEmpty(env);
  if (fromEnv) return { value: fromEnv, source: 'env' };
  const fromFile = nonEmpty(await readIfPresent(file));
  return fromFile ? { value: fromFile, source: 'file' } : undefined;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    // An unreadable token file (mode 0600, other user) deserves its own message, not "no token".
    throw new KilnError('ERR_CONFIG', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}

const nonEmpty = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};
