import test from 'ava';
import { connectClient } from '../../src/api/client.js';
import { KilnError } from '../../src/model/errors.js';
import type { VolumeRecord } from '../../src/model/volume.js';
import { adminClient, exchange, rawSocket } from '../helpers/client.js';
import { startTestNode } from '../helpers/node.js';

const node = await startTestNode();
test.after.always(() => node.cleanup());

test('refuses an upgrade without a token or with a bad token (401)', async (t) => {
  await t.throwsAsync(rawSocket(node.url, undefined), { message: /401/ });
  await t.throwsAsync(rawSocket(node.url, 'not-a-token'), { message: /401/ });
  const err = await t.throwsAsync(connectClient({ url: node.url, token: 'nope' }));
  t.is((err as KilnError).code, 'ERR_UNAUTHORIZED');
});

test('answers malformed JSON with a parse error and keeps the connection', async (t) => {
  const ws = await rawSocket(node.url, node.adminToken);
  t.teardown(() => ws.close());
  const r = await exchange(ws, '{"jsonrpc": "2.0", "id": 1, "method": ');
  t.is(r.error.code, -32700);
  t.is(r.error.data.code, 'ERR_PARSE');
  const ok = await exchange(ws, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'type.list', params: {} }));
  t.true(Array.isArray(ok.result));
});

test('answers an unknown method and a request without jsonrpc with structured errors', async (t) => {
  const ws = await rawSocket(node.url, node.adminToken);
  t.teardown(() => ws.close());
  const unknown = await exchange(ws, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'volume.frobnicate', params: {} }));
  t.is(unknown.error.code, -32601);
  t.is(unknown.error.data.field, 'method');
  const bad = await exchange(ws, JSON.stringify({ id: 2, method: 'type.list' }));
  t.is(bad.error.code, -32600);
});

test('closes the connection with 1009 on a frame over 1 MiB', async (t) => {
  const ws = await rawSocket(node.url, node.adminToken);
  const code = await new Promise<number>((resolve) => {
    ws.on('close', (c) => resolve(c));
    ws.on('error', () => {});
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'type.create', params: { name: 'x'.repeat(2 << 20) } }));
  });
  t.is(code, 1009);
  t.false(Object.values(node.operations.catalog.listTypes({ projectId: 'admin', userId: 'admin', isAdmin: true }, { isPublic: 'all' })).some((ty) => ty.name.startsWith('xxx')));
});

const badSizes: [unknown, string][] = [[0, 'zero'], [-1, 'negative'], [1.5, 'fractional'], ['1', 'a string']];
for (const [size, what] of badSizes) {
  test(`refuses a volume size that is ${what}, naming the field, and creates nothing`, async (t) => {
    const c = await adminClient(node);
    t.teardown(() => c.close());
    const before = node.readModel.size;
    const err = await t.throwsAsync(c.call('volume.create', { size } as never));
    t.is((err as KilnError).code, 'ERR_INVALID_PARAMS');
    t.is((err as KilnError).field, 'size');
    t.is(node.readModel.size, before);
  });
}

test('refuses unknown params, unknown types, duplicate type names and deleting a type in use', async (t) => {
  const c = await adminClient(node);
  t.teardown(() => c.close());
  const extra = await t.throwsAsync(c.call('volume.create', { size: 1, colour: 'red' } as never));
  t.is((extra as KilnError).field, 'colour');
  const unknownType = await t.throwsAsync(c.call('volume.create', { size: 1, volumeType: 'no-such-type' }));
  t.is((unknownType as KilnError).code, 'ERR_NOT_FOUND');
  t.is((unknownType as KilnError).field, 'volumeType');
  await c.call('type.create', { name: 'gold' });
  const dup = await t.throwsAsync(c.call('type.create', { name: 'GOLD' }));
  t.is((dup as KilnError).code, 'ERR_CONFLICT');
  const v = (await c.call('volume.create', { size: 1, volumeType: 'gold', name: 'uses-gold' })) as VolumeRecord;
  const inUse = await t.throwsAsync(c.call('type.delete', { type: 'gold' }));
  t.is((inUse as KilnError).code, 'ERR_INVALID_STATE');
  t.truthy(node.operations.catalog.showType({ projectId: 'admin', userId: 'admin', isAdmin: true }, { type: 'gold' }));
  t.is(node.readModel.get(v.id)?.volumeTypeName, 'gold');
});

test('refuses a shrinking extend and an unknown QoS, leaving the volume unchanged', async (t) => {
  const c = await adminClient(node);
  t.teardown(() => c.close());
  const v = (await c.call('volume.create', { size: 2, name: 'shrinker' })) as VolumeRecord;
  const { waitForStatus } = await import('../../src/api/client.js');
  await waitForStatus(c, v.id, ['available'], { timeoutMs: 10_000 });
  const err = await t.throwsAsync(c.call('volume.extend', { volume: v.id, newSize: 1 }));
  t.is((err as KilnError).field, 'newSize');
  t.is(node.readModel.get(v.id)?.sizeGiB, 2);
  t.is(node.readModel.get(v.id)?.status, 'available');
  const qos = await t.throwsAsync(c.call('qos.associate', { qos: 'nope', type: '__DEFAULT__' }));
  t.is((qos as KilnError).code, 'ERR_NOT_FOUND');
});

test('refuses a command the volume status does not allow', async (t) => {
  const c = await adminClient(node);
  t.teardown(() => c.close());
  const v = (await c.call('volume.create', { size: 1, name: 'to-reset' })) as VolumeRecord;
  const { waitForStatus } = await import('../../src/api/client.js');
  await waitForStatus(c, v.id, ['available'], { timeoutMs: 10_000 });
  await c.call('volume.resetStatus', { volume: v.id, status: 'in-use' });
  const err = await t.throwsAsync(c.call('volume.delete', { volume: v.id }));
  t.is((err as KilnError).code, 'ERR_INVALID_STATE');
  t.regex((err as KilnError).message, /status must be available/);
  t.is(node.readModel.get(v.id)?.status, 'in-use');
});

test('pushes every status change of a volume to subscribers', async (t) => {
  const c = await adminClient(node);
  t.teardown(() => c.close());
  const seen: string[] = [];
  let id = '';
  // Matched by name: the first event can arrive before the create's reply tells us the id.
  const done = new Promise<void>((resolve) => c.onEvent((e) => {
    if ((e.record as VolumeRecord | undefined)?.name !== 'watched' && e.id !== id) return;
    seen.push(e.deleted ? 'deleted' : e.status);
    if (e.deleted) resolve();
  }));
  await c.call('subscribe', {});
  id = ((await c.call('volume.create', { size: 1, name: 'watched' })) as VolumeRecord).id;
  await new Promise<void>((resolve) => c.onEvent((e) => { if (e.id === id && e.status === 'available') resolve(); }));
  await c.call('volume.delete', { volume: id });
  await done;
  t.deepEqual(seen.filter((s, i) => s !== seen[i - 1]), ['creating', 'available', 'deleting', 'deleted']);
});

test('a project member sees only its own volumes and may not list all projects', async (t) => {
  const c = await adminClient(node);
  t.teardown(() => c.close());
  const { token } = (await c.call('token.create', { projectId: 'proj-a', userId: 'alice' })) as { token: string };
  const alice = await connectClient({ url: node.url, token });
  t.teardown(() => alice.close());
  const mine = (await alice.call('volume.create', { size: 1, name: 'alices' })) as VolumeRecord;
  t.is(mine.projectId, 'proj-a');
  const list = (await alice.call('volume.list', {})) as VolumeRecord[];
  t.deepEqual(list.map((v) => v.name), ['alices']);
  const forbidden = await t.throwsAsync(alice.call('volume.list', { allTenants: true }));
  t.is((forbidden as KilnError).code, 'ERR_FORBIDDEN');
  const adminOnly = await t.throwsAsync(alice.call('type.create', { name: 'alice-type' }));
  t.is((adminOnly as KilnError).code, 'ERR_FORBIDDEN');
  const notHers = await t.throwsAsync(alice.call('volume.show', { volume: 'watched' }));
  t.is((notHers as KilnError).code, 'ERR_NOT_FOUND');
});

test('metadata set merges keys and unset removes them; unsetting an absent key is refused', async (t) => {
  const c = await adminClient(node);
  t.teardown(() => c.close());
  const v = (await c.call('volume.create', { size: 1, name: 'meta', metadata: { a: '1', b: '2' } })) as VolumeRecord;
  await c.call('volume.setMetadata', { volume: v.id, metadata: { b: '3', c: '4' } });
  await c.call('volume.unsetMetadata', { volume: v.id, keys: ['a'] });
  t.deepEqual(node.readModel.get(v.id)?.metadata, { b: '3', c: '4' });
  const err = await t.throwsAsync(c.call('volume.unsetMetadata', { volume: v.id, keys: ['zzz'] }));
  t.is((err as KilnError).code, 'ERR_NOT_FOUND');
  t.deepEqual(node.readModel.get(v.id)?.metadata, { b: '3', c: '4' });
});

test('a private type is visible and usable only by projects given access', async (t) => {
  const c = await adminClient(node);
  t.teardown(() => c.close());
  await c.call('type.create', { name: 'private-gold', isPublic: false });
  const { token } = (await c.call('token.create', { projectId: 'proj-p', userId: 'pat' })) as { token: string };
  const pat = await connectClient({ url: node.url, token });
  t.teardown(() => pat.close());
  const hidden = await t.throwsAsync(pat.call('volume.create', { size: 1, volumeType: 'private-gold' }));
  t.is((hidden as KilnError).code, 'ERR_NOT_FOUND');
  t.false(((await pat.call('type.list', {})) as { name: string }[]).some((ty) => ty.name === 'private-gold'));
  await c.call('type.addAccess', { type: 'private-gold', projectId: 'proj-p' });
  t.deepEqual(await c.call('type.listAccess', { type: 'private-gold' }), [{ volumeTypeId: (await c.call('type.show', { type: 'private-gold' }) as { id: string }).id, projectId: 'proj-p' }]);
  t.true(((await pat.call('type.list', {})) as { name: string }[]).some((ty) => ty.name === 'private-gold'));
  const v = (await pat.call('volume.create', { size: 1, volumeType: 'private-gold', name: 'pats' })) as VolumeRecord;
  t.is(v.volumeTypeName, 'private-gold');
  const dup = await t.throwsAsync(c.call('type.addAccess', { type: 'private-gold', projectId: 'proj-p' }));
  t.is((dup as KilnError).code, 'ERR_CONFLICT');
  await c.call('type.removeAccess', { type: 'private-gold', projectId: 'proj-p' });
  t.false(((await pat.call('type.list', {})) as { name: string }[]).some((ty) => ty.name === 'private-gold'));
  const publicErr = await t.throwsAsync(c.call('type.addAccess', { type: '__DEFAULT__', projectId: 'proj-p' }));
  t.is((publicErr as KilnError).code, 'ERR_INVALID_STATE');
});
