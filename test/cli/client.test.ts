import test from 'ava';
import { connectClient, rpcError, waitForStatus } from '../../src/api/client.js';
import type { ChangeEvent } from '../../src/api/protocol.js';
import { KilnError, notFound } from '../../src/model/errors.js';
import { closedPort, startFakeNode, volume, volumeEvent } from './fake-node.js';

test('a call sends the method and params and resolves with the result', async (t) => {
  const node = await startFakeNode({ 'type.show': (p: { type: string }) => ({ id: 't1', name: p.type }) });
  const client = await connectClient({ url: node.url, token: node.token });
  t.deepEqual(await client.call('type.show', { type: 'gold' }), { id: 't1', name: 'gold' });
  t.deepEqual(node.calls, [{ method: 'type.show', params: { type: 'gold' } }]);
  await client.close();
  await node.close();
});

test('answers are matched to calls by id, not by arrival order', async (t) => {
  const node = await startFakeNode({
    'volume.show': async (p: { volume: string }) => {
      await new Promise((r) => setTimeout(r, p.volume === 'slow' ? 50 : 0));
      return p.volume;
    },
  });
  const client = await connectClient({ url: node.url, token: node.token });
  const [slow, fast] = await Promise.all([client.call('volume.show', { volume: 'slow' }), client.call('volume.show', { volume: 'fast' })]);
  t.deepEqual([slow, fast], ['slow', 'fast']);
  await client.close();
  await node.close();
});

test('a JSON-RPC error rejects with the KilnError its data describes', async (t) => {
  const node = await startFakeNode({ 'volume.show': () => { throw notFound('Volume', 'nope'); } });
  const client = await connectClient({ url: node.url, token: node.token });
  const err = await t.throwsAsync(client.call('volume.show', { volume: 'nope' }), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_NOT_FOUND');
  t.is(err?.message, 'Volume nope could not be found.');
  await client.close();
  await node.close();
});

test('a JSON-RPC error without data still becomes a KilnError by its numeric code', (t) => {
  t.is(rpcError({ code: -32601, message: 'Method not found' }).code, 'ERR_METHOD_NOT_FOUND');
  t.is(rpcError({ code: -32099, message: 'odd' }).code, 'ERR_INTERNAL');
  t.is(rpcError('garbage').message, 'the node answered with a malformed error');
});

test('a bad token is ERR_UNAUTHORIZED from the 401 on the upgrade', async (t) => {
  const node = await startFakeNode();
  const err = await t.throwsAsync(connectClient({ url: node.url, token: 'wrong' }), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_UNAUTHORIZED');
  t.regex(err?.message ?? '', /HTTP 401/);
  await node.close();
});

test('a refused connection is ERR_UNAVAILABLE naming the url', async (t) => {
  const url = `ws://127.0.0.1:${await closedPort()}/ws`;
  const err = await t.throwsAsync(connectClient({ url, token: 'x' }), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_UNAVAILABLE');
  t.true(err?.message.startsWith(`cannot reach Kiln node at ${url}: `));
  t.regex(err?.message ?? '', /ECONNREFUSED/);
});

test('a call with no answer times out as ERR_TIMEOUT and says the outcome is unknown', async (t) => {
  const node = await startFakeNode({ 'volume.delete': () => new Promise(() => {}) });
  const client = await connectClient({ url: node.url, token: node.token, timeoutMs: 100 });
  const err = await t.throwsAsync(client.call('volume.delete', { volume: 'v' }), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_TIMEOUT');
  t.regex(err?.message ?? '', /no answer within 100 ms; the outcome is unknown/);
  await client.close();
  await node.close();
});

test('pending calls reject when the connection drops, and close handlers hear of it', async (t) => {
  const node = await startFakeNode({ 'volume.delete': () => new Promise(() => {}) });
  const client = await connectClient({ url: node.url, token: node.token });
  const closed = new Promise<KilnError>((resolve) => client.onClose(resolve));
  const pending = client.call('volume.delete', { volume: 'v' });
  setTimeout(() => node.dropConnections(), 20);
  const err = await t.throwsAsync(pending, { instanceOf: KilnError });
  t.is(err?.code, 'ERR_UNAVAILABLE');
  t.regex(err?.message ?? '', /outcome of volume\.delete is unknown/);
  t.is((await closed).code, 'ERR_UNAVAILABLE');
  await t.throwsAsync(client.call('volume.show', { volume: 'v' }), { message: /is closed/ });
  await node.close();
});

test('a request over the node frame limit fails alone instead of closing the connection', async (t) => {
  const node = await startFakeNode({ 'volume.show': () => 'ok' });
  const client = await connectClient({ url: node.url, token: node.token });
  const huge = 'x'.repeat(2 << 20);
  await t.throwsAsync(client.call('volume.show', { volume: huge }), { message: /accepts at most 1048576/ });
  t.is(await client.call('volume.show', { volume: 'v' }), 'ok');
  await client.close();
  await node.close();
});

test('events reach handlers until they unsubscribe', async (t) => {
  const v = volume();
  const node = await startFakeNode({
    'volume.show': (_p, conn) => { conn.push(volumeEvent(v)); conn.push(volumeEvent(v)); return v; },
  });
  const client = await connectClient({ url: node.url, token: node.token });
  const seen: ChangeEvent[] = [];
  const off = client.onEvent((e) => { seen.push(e); off(); });
  await client.call('volume.show', { volume: v.id });
  t.is(seen.length, 1);
  t.is(seen[0]?.id, v.id);
  await client.close();
  await node.close();
});

test('waitForStatus subscribes before reading the volume, then follows its events', async (t) => {
  const creating = volume({ status: 'creating' });
  const node = await startFakeNode({
    'volume.show': (_p, conn) => {
      setTimeout(() => conn.push(volumeEvent(volume({ id: 'other', status: 'available' }))), 5);
      setTimeout(() => conn.push(volumeEvent(volume({ status: 'available', sizeGiB: 1 }))), 10);
      return creating;
    },
  });
  const client = await connectClient({ url: node.url, token: node.token });
  const seen: string[] = [];
  const done = await waitForStatus(client, 'vol1', ['available', 'error'], { onStatus: (s) => seen.push(s) });
  t.is(done.status, 'available');
  t.is(done.record?.id, creating.id);
  t.deepEqual(node.methods(), ['subscribe', 'volume.show']);
  t.deepEqual(seen, ['creating', 'available']);
  await client.close();
  await node.close();
});

test('waitForStatus returns at once when the volume is already there, and treats not-found as deleted', async (t) => {
  const node = await startFakeNode({ 'volume.show': (p: { volume: string }) => {
    if (p.volume === 'gone') throw notFound('Volume', 'gone');
    return volume();
  } });
  const client = await connectClient({ url: node.url, token: node.token });
  t.is((await waitForStatus(client, 'vol1', ['available'])).status, 'available');
  t.deepEqual(await waitForStatus(client, 'gone', ['deleted']), { status: 'deleted', record: undefined });
  await t.throwsAsync(waitForStatus(client, 'gone', ['available']), { message: /was deleted/ });
  await client.close();
  await node.close();
});

test('waitForStatus gives up after its timeout', async (t) => {
  const node = await startFakeNode({ 'volume.show': () => volume({ status: 'creating' }) });
  const client = await connectClient({ url: node.url, token: node.token });
  const err = await t.throwsAsync(waitForStatus(client, 'vol1', ['available'], { timeoutMs: 50 }), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_TIMEOUT');
  await client.close();
  await node.close();
});

test('waitForStatus does not lose a change pushed before the answer to its read', async (t) => {
  const creating = volume({ status: 'creating' });
  const node = await startFakeNode({
    // The node read 'creating', then the create finished and its event overtook the answer.
    'volume.show': (_p, conn) => { conn.push(volumeEvent(volume({ status: 'available' }))); return creating; },
  });
  const client = await connectClient({ url: node.url, token: node.token });
  const done = await waitForStatus(client, creating.id, ['available'], { timeoutMs: 2000 });
  t.is(done.status, 'available');
  await client.close();
  await node.close();
});

test('waitForStatus fails when the connection drops', async (t) => {
  const node = await startFakeNode({ 'volume.show': () => volume({ status: 'creating' }) });
  const client = await connectClient({ url: node.url, token: node.token });
  const waiting = waitForStatus(client, 'vol1', ['available']);
  setTimeout(() => node.dropConnections(), 30);
  await t.throwsAsync(waiting, { instanceOf: KilnError, message: /closed/ });
  await node.close();
});
