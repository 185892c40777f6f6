import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Caller } from '../node/operations/context.js';

export const adminTokenFile = 'admin-token';
export const adminProjectId = 'admin';

/** Reads the node's admin token, generating it (mode 0600) on first start. */
export async function loadOrCreateAdminToken(dataDir: string): Promise<string> {
  const path = join(dataDir, adminTokenFile);
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  await mkdir(dataDir, { recursive: true, mode: 0o750 });
  const token = randomBytes(32).toString('base64url');
  await writeFile(path, `${token}\n`, { mode: 0o600, flag: 'w' });
  return token;
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export interface Authenticator {
  /** The caller a token belongs to, or undefined for a missing or unknown token. */
  authenticate(token: string | undefined): Caller | undefined;
}

export function tokenAuthenticator(adminToken: string): Authenticator {
  return {
    authenticate(token) {
      if (!token) return undefined;
      if (equal(token, adminToken)) return { projectId: adminProjectId, userId: 'admin', isAdmin: true };
      return undefined;
    },
  };
}

/** "Bearer <token>" from an Authorization header, or the X-Auth-Token header. */
export function tokenFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const x = headers['x-auth-token'];
  return typeof x === 'string' ? x.trim() : undefined;
}
