import test from 'ava';
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adminProjectId, adminTokenFile, issueToken, loadOrCreateAdminToken, tokenAuthenticator, tokenFromHeaders,
} from '../../src/api/auth.js';
import type { Caller } from '../../src/node/operations/context.js';

const secret = 'admin-secret-0123456789';
const member: Caller = { projectId: 'proj-1', userId: 'alice', isAdmin: false };
const projectAdmin: Caller = { projectId: 'proj-2', userId: 'bob', isAdmin: true };

/** A token signed with the real secret around any payload, to test what verification does with it. */
const signedToken = (payload: string) => {
  const p = Buffer.from(payload).toString('base64url');
  return `kiln1.${p}.${createHmac('sha256', secret).update(p).digest('base64url')}`;
};

const flipLast = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');

test('the admin token authenticates as admin of the admin project', (t) => {
  t.deepEqual(tokenAuthenticator(secret).authenticate(secret), { projectId: adminProjectId, userId: 'admin', isAdmin: true });
});

test('a missing or empty token authenticates nobody', (t) => {
  const auth = tokenAuthenticator(secret, { noauth: true });
  t.is(auth.authenticate(undefined), undefined);
  t.is(auth.authenticate(''), undefined);
});

test('an issued token authenticates as the caller it was issued for', (t) => {
  const auth = tokenAuthenticator(secret);
  t.deepEqual(auth.authenticate(auth.issue(member)), member);
  t.deepEqual(auth.authenticate(auth.issue(projectAdmin)), projectAdmin);
});

test('issue signs with the admin token, as issueToken does', (t) => {
  t.is(tokenAuthenticator(secret).issue(member), issueToken(secret, member));
  t.true(issueToken(secret, member).startsWith('kiln1.'));
});

test('a token with a tampered payload is refused', (t) => {
  const token = issueToken(secret, member);
  const [, , mac] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ p: 'proj-1', u: 'alice', a: true })).toString('base64url');
  t.is(tokenAuthenticator(secret).authenticate(`kiln1.${forged}.${mac}`), undefined);
});

test('a token with a tampered mac is refused', (t) => {
  t.is(tokenAuthenticator(secret).authenticate(flipLast(issueToken(secret, member))), undefined);
});

test('a token without a mac is refused', (t) => {
  const [prefix, payload] = issueToken(secret, member).split('.');
  t.is(tokenAuthenticator(secret).authenticate(`${prefix}.${payload}`), undefined);
});

test('a token issued with another secret is refused', (t) => {
  t.is(tokenAuthenticator(secret).authenticate(issueToken('another-secret', member)), undefined);
});

test('a correctly signed payload that is not JSON is refused', (t) => {
  t.is(tokenAuthenticator(secret).authenticate(signedToken('not json')), undefined);
});

test('a correctly signed payload without string project and user is refused', (t) => {
  const auth = tokenAuthenticator(secret);
  t.is(auth.authenticate(signedToken(JSON.stringify({ p: 1, u: 'x', a: false }))), undefined);
  t.is(auth.authenticate(signedToken(JSON.stringify({ p: 'x', a: false }))), undefined);
});

test('only a literal true admin flag grants admin', (t) => {
  t.deepEqual(tokenAuthenticator(secret).authenticate(signedToken(JSON.stringify({ p: 'x', u: 'y', a: 'true' }))), { projectId: 'x', userId: 'y', isAdmin: false });
});

test('a token that is neither admin nor issued is refused when noauth is off', (t) => {
  const auth = tokenAuthenticator(secret);
  t.is(auth.authenticate('alice:proj-1'), undefined);
  t.is(auth.authenticate('admin'), undefined);
  t.is(auth.authenticate(secret + 'x'), undefined);
});

type NoauthRow = [token: string, expected: Caller | undefined];
const noauthRows: NoauthRow[] = [
  ['alice:proj-1', { projectId: 'proj-1', userId: 'alice', isAdmin: false }],
  ['bob', { projectId: 'bob', userId: 'bob', isAdmin: false }],
  ['admin:ops', { projectId: 'ops', userId: 'admin', isAdmin: true }],
  ['admin', { projectId: 'admin', userId: 'admin', isAdmin: true }],
  ['svc.user@corp:proj_x', { projectId: 'proj_x', userId: 'svc.user@corp', isAdmin: false }],
  ['Admin:ops', { projectId: 'ops', userId: 'Admin', isAdmin: false }],
  ['al ice:proj', undefined],
  ['alice:pro/j', undefined],
  [':proj', undefined],
  ['alice:', undefined],
  ['a'.repeat(65), undefined],
];

for (const [token, expected] of noauthRows) {
  test(`noauth: ${JSON.stringify(token)} → ${expected ? `${expected.userId} in ${expected.projectId}${expected.isAdmin ? ' (admin)' : ''}` : 'refused'}`, (t) => {
    t.deepEqual(tokenAuthenticator(secret, { noauth: true }).authenticate(token), expected);
  });
}

test('noauth still honours issued tokens and the admin token first', (t) => {
  const auth = tokenAuthenticator(secret, { noauth: true });
  t.deepEqual(auth.authenticate(issueToken(secret, member)), member);
  t.deepEqual(auth.authenticate(secret), { projectId: 'admin', userId: 'admin', isAdmin: true });
});

type HeaderRow = [behaviour: string, headers: Record<string, string | string[] | undefined>, token: string | undefined];
const headerRows: HeaderRow[] = [
  ['a bearer Authorization header', { authorization: 'Bearer abc' }, 'abc'],
  ['the Bearer scheme in any case', { authorization: 'bEaReR abc' }, 'abc'],
  ['blanks around the token are trimmed', { authorization: 'Bearer   abc  ' }, 'abc'],
  ['X-Auth-Token, as Cinder clients send it', { 'x-auth-token': ' xyz ' }, 'xyz'],
  ['Authorization wins over X-Auth-Token', { authorization: 'Bearer abc', 'x-auth-token': 'xyz' }, 'abc'],
  ['a non-bearer Authorization falls back to X-Auth-Token', { authorization: 'Basic dXNlcjpwdw==', 'x-auth-token': 'xyz' }, 'xyz'],
  ['a non-bearer Authorization alone gives no token', { authorization: 'Basic dXNlcjpwdw==' }, undefined],
  ['a repeated X-Auth-Token header gives no token', { 'x-auth-token': ['a', 'b'] }, undefined],
  ['no headers give no token', {}, undefined],
];

for (const [behaviour, headers, token] of headerRows) {
  test(`tokenFromHeaders: ${behaviour}`, (t) => {
    t.is(tokenFromHeaders(headers), token);
  });
}

test('loadOrCreateAdminToken creates a private token once and reads it back after', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-auth-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const dataDir = join(dir, 'data');
  const first = await loadOrCreateAdminToken(dataDir);
  t.regex(first, /^[\w-]{43}$/);
  t.is((await stat(join(dataDir, adminTokenFile))).mode & 0o777, 0o600);
  t.is(await loadOrCreateAdminToken(dataDir), first);
  t.is((await readFile(join(dataDir, adminTokenFile), 'utf8')).trim(), first);
});

test('loadOrCreateAdminToken keeps an operator-provided token, trimmed', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-auth-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, adminTokenFile), '  my-token \n');
  t.is(await loadOrCreateAdminToken(dir), 'my-token');
});
