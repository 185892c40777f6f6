/**
 * Bearer tokens. The admin token is random and kept in the data directory (mode 0600); project
 * tokens are issued by an admin and signed with an HMAC keyed by the admin token, so the node
 * stores nothing per token. With auth_strategy = noauth, Cinder's "user:project" tokens are
 * also accepted, as Cinder's noauth middleware does (admin rights for the user "admin").
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Caller } from '../node/operations/context.js';

export const adminTokenFile = 'admin-token';
export const adminProjectId = 'admin';
const tokenPrefix = 'kiln1.';

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

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** A token for one user in one project, verifiable by any node sharing the admin token. */
export function issueToken(secret: string, caller: Caller): string {
  const payload = Buffer.from(JSON.stringify({ p: caller.projectId, u: caller.userId, a: caller.isAdmin })).toString('base64url');
  return `${tokenPrefix}${payload}.${sign(secret, payload)}`;
}

function verifyIssued(secret: string, token: string): Caller | undefined {
  if (!token.startsWith(tokenPrefix)) return undefined;
  const segments = token.slice(tokenPrefix.length).split('.');
  if (segments.length !== 2) return undefined; // one spelling per credential
  const [payload = '', mac = ''] = segments;
  if (!equal(mac, sign(secret, payload))) return undefined;
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p: unknown; u: unknown; a: unknown };
    if (typeof c.p !== 'string' || typeof c.u !== 'string') return undefined;
    return { projectId: c.p, userId: c.u, isAdmin: c.a === true };
  } catch {
    return undefined;
  }
}

/** Cinder noauth: "user:project" (or a bare user, project = user). */
function noauthCaller(token: string): Caller | undefined {
  const [user = '', project = user] = token.split(':');
  if (!/^[\w.@-]{1,64}$/.test(user) || !/^[\w.@-]{1,64}$/.test(project)) return undefined;
  return { projectId: project, userId: user, isAdmin: user === 'admin' };
}

export interface Authenticator {
  /** The caller a token belongs to, or undefined for a missing or unknown token. */
  authenticate(token: string | undefined): Caller | undefined;
  issue(caller: Caller): string;
}

export function tokenAuthenticator(adminToken: string, opts: { noauth?: boolean } = {}): Authenticator {
  return {
    authenticate(token) {
      if (!token) return undefined;
      if (equal(token, adminToken)) return { projectId: adminProjectId, userId: 'admin', isAdmin: true };
      return verifyIssued(adminToken, token) ?? (opts.noauth ? noauthCaller(token) : undefined);
    },
    issue: (caller) => issueToken(adminToken, caller),
  };
}

/** "Bearer <token>" from an Authorization header, or the X-Auth-Token header. */
export function tokenFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const x = headers['x-auth-token'];
  return typeof x === 'string' ? x.trim() : undefined;
}
