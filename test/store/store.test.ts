import test, { type ExecutionContext } from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KilnStore, type JournalEntry, type StoredEvent } from '../../src/store/store.js';

async function tempStore(t: ExecutionContext, opts: { syncWrites?: boolean } = {}): Promise<{ store: KilnStore; location: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-store-'));
  const location = join(dir, 'db');
  const store = await KilnStore.open({ location, syncWrites: opts.syncWrites ?? false });
  t.teardown(async () => {
    await store.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });
  return { store, location };
}

const event = (key: string, sequenceNumber: number, entry: JournalEntry, createdAt = 1000 + sequenceNumber): StoredEvent =>
  ({ key, sequenceNumber, data: entry, tags: [], createdAt, isDeleted: false });

const entry = (n: number): JournalEntry => ({ events: [{ type: 'E', n }] });

async function readAll(store: KilnStore, key: string, after = 0): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readEvents(key, after)) out.push(e);
  return out;
}

async function entries<T>(store: KilnStore, index: string): Promise<[string, T][]> {
  const out: [string, T][] = [];
  for await (const e of store.indexEntries<T>(index)) out.push(e);
  return out;
}

test('appends in the same turn share one batch', async (t) => {
  const { store } = await tempStore(t);
  await Promise.all([1, 2, 3].map((n) => store.appendEvent(event('vol-a', n, entry(n)))));
  t.deepEqual(store.stats, { batchesWritten: 1, opsWritten: 3 });
});

test('appends from different entities in the same turn share one batch', async (t) => {
  const { store } = await tempStore(t);
  await Promise.all(['a', 'b', 'c', 'd'].map((k) => store.appendEvent(event(`vol-${k}`, 1, entry(1)))));
  t.is(store.stats.batchesWritten, 1);
  t.is(await store.journalLength('vol-c'), 1);
});

test('appends in separate turns are separate batches', async (t) => {
  const { store } = await tempStore(t);
  await store.appendEvent(event('vol-a', 1, entry(1)));
  await store.appendEvent(event('vol-a', 2, entry(2)));
  t.is(store.stats.batchesWritten, 2);
});

test('the journal reads back in sequence order with its data, tags and time', async (t) => {
  const { store } = await tempStore(t);
  // Across a hex digit boundary (9 → a, f → 10), appended out of order.
  const seqs = [17, 3, 16, 10, 9, 1, 15, 2];
  for (const n of seqs) await store.appendEvent({ key: 'vol-a', sequenceNumber: n, data: entry(n), tags: ['t'], createdAt: n * 10, isDeleted: false });
  const read = await readAll(store, 'vol-a');
  t.deepEqual(read.map((e) => e.sequenceNumber), [...seqs].sort((a, b) => a - b));
  t.deepEqual(read[0], { key: 'vol-a', sequenceNumber: 1, data: entry(1), tags: ['t'], createdAt: 10, isDeleted: false });
});

test('reading after a sequence number skips the events up to it', async (t) => {
  const { store } = await tempStore(t);
  for (let n = 1; n <= 5; n++) await store.appendEvent(event('vol-a', n, entry(n)));
  t.deepEqual((await readAll(store, 'vol-a', 3)).map((e) => e.sequenceNumber), [4, 5]);
  t.deepEqual(await readAll(store, 'vol-a', 5), []);
});

test('one entity never reads another entity journal, even one whose key extends it', async (t) => {
  const { store } = await tempStore(t);
  await store.appendEvent(event('vol', 1, entry(1)));
  await store.appendEvent(event('vol-1', 1, entry(100)));
  await store.appendEvent(event('vol-1', 2, entry(101)));
  await store.appendEvent(event('vo', 1, entry(200)));
  t.deepEqual((await readAll(store, 'vol')).map((e) => (e.data as JournalEntry).events), [[{ type: 'E', n: 1 }]]);
  t.is(await store.journalLength('vol'), 1);
  t.is(await store.journalLength('vol-1'), 2);
  t.is(await store.journalLength('vo'), 1);
});

test('persistence keys containing the separator are refused', async (t) => {
  const { store } = await tempStore(t);
  await t.throwsAsync(store.appendEvent(event('bad\x00key', 1, entry(1))), { message: /invalid persistence key/ });
  await t.throwsAsync(store.appendEvent(event('', 1, entry(1))), { message: /invalid persistence key/ });
  t.is(store.stats.batchesWritten, 0);
});

test('index ops are written in the same batch as the event', async (t) => {
  const { store } = await tempStore(t);
  await store.appendEvent(event('vol-a', 1, { events: [{ type: 'Created' }], indexOps: [{ type: 'put', index: 'volumes', key: 'vol-a', value: { size: 10, name: 'db' } }] }));
  t.deepEqual(store.stats, { batchesWritten: 1, opsWritten: 2 });
  t.deepEqual(await store.indexGet('volumes', 'vol-a'), { size: 10, name: 'db' });
  t.is(await store.journalLength('vol-a'), 1);
});

test('an index del removes the entry in the event batch', async (t) => {
  const { store } = await tempStore(t);
  await store.writeIndex([{ type: 'put', index: 'volumes', key: 'vol-a', value: 1 }, { type: 'put', index: 'volumes', key: 'vol-b', value: 2 }]);
  await store.appendEvent(event('vol-a', 1, { events: [], indexOps: [{ type: 'del', index: 'volumes', key: 'vol-a' }] }));
  t.is(await store.indexGet('volumes', 'vol-a'), undefined);
  t.deepEqual(await entries(store, 'volumes'), [['vol-b', 2]]);
});

test('indexes are separate from each other and from the journal', async (t) => {
  const { store } = await tempStore(t);
  await store.writeIndex([
    { type: 'put', index: 'volumes', key: 'k', value: 'volume' },
    { type: 'put', index: 'types', key: 'k', value: 'type' },
  ]);
  t.is(store.stats.batchesWritten, 1);
  t.is(await store.indexGet('volumes', 'k'), 'volume');
  t.is(await store.indexGet('types', 'k'), 'type');
  t.is(await store.journalLength('k'), 0);
  t.is(await store.indexGet('volumes', 'missing'), undefined);
});

test('index entries iterate in key order', async (t) => {
  const { store } = await tempStore(t);
  await store.writeIndex(['c', 'a', 'b'].map((key) => ({ type: 'put' as const, index: 'volumes', key, value: { key } })));
  t.deepEqual(await entries(store, 'volumes'), [['a', { key: 'a' }], ['b', { key: 'b' }], ['c', { key: 'c' }]]);
});

test('purge removes journal, snapshot and index entry in one batch, and journals nothing', async (t) => {
  const { store } = await tempStore(t);
  for (let n = 1; n <= 3; n++) {
    await store.appendEvent(event('vol-a', n, { events: [n], indexOps: [{ type: 'put', index: 'volumes', key: 'vol-a', value: n }] }));
  }
  await store.appendEvent(event('vol-b', 1, { events: [1], indexOps: [{ type: 'put', index: 'volumes', key: 'vol-b', value: 1 }] }));
  await store.takeSnapshot({ key: 'vol-a', sequenceNumber: 2, data: { s: 2 }, createdAt: 5 });
  const before = store.stats.batchesWritten;
  await store.appendEvent(event('vol-a', 4, { events: ['gone'], indexOps: [{ type: 'del', index: 'volumes', key: 'vol-a' }], purge: true }));
  t.is(store.stats.batchesWritten, before + 1);
  t.is(await store.journalLength('vol-a'), 0);
  t.is(await store.latestSnapshot('vol-a'), undefined);
  t.is(await store.indexGet('volumes', 'vol-a'), undefined);
  t.deepEqual(await readAll(store, 'vol-a'), []);
  // The neighbour is untouched.
  t.is(await store.journalLength('vol-b'), 1);
  t.is(await store.indexGet('volumes', 'vol-b'), 1);
});

test('a snapshot compacts exactly the journal it covers', async (t) => {
  const { store } = await tempStore(t);
  for (let n = 1; n <= 5; n++) await store.appendEvent(event('vol-a', n, entry(n)));
  await store.takeSnapshot({ key: 'vol-a', sequenceNumber: 3, data: { upTo: 3 }, createdAt: 77 });
  t.is(await store.journalLength('vol-a'), 2);
  t.deepEqual(await store.latestSnapshot('vol-a'), { key: 'vol-a', sequenceNumber: 3, data: { upTo: 3 }, createdAt: 77 });
  t.deepEqual((await readAll(store, 'vol-a', 3)).map((e) => e.sequenceNumber), [4, 5]);
  t.deepEqual((await readAll(store, 'vol-a')).map((e) => e.sequenceNumber), [4, 5]);
});

test('a later snapshot replaces the earlier one and compacts further', async (t) => {
  const { store } = await tempStore(t);
  for (let n = 1; n <= 4; n++) await store.appendEvent(event('vol-a', n, entry(n)));
  await store.takeSnapshot({ key: 'vol-a', sequenceNumber: 2, data: 'two', createdAt: 1 });
  await store.takeSnapshot({ key: 'vol-a', sequenceNumber: 4, data: 'four', createdAt: 2 });
  t.is(await store.journalLength('vol-a'), 0);
  t.is((await store.latestSnapshot('vol-a'))?.data, 'four');
});

test('a snapshot of one entity leaves another entity journal alone', async (t) => {
  const { store } = await tempStore(t);
  for (let n = 1; n <= 3; n++) {
    await store.appendEvent(event('vol', n, entry(n)));
    await store.appendEvent(event('vol-1', n, entry(n)));
  }
  await store.takeSnapshot({ key: 'vol', sequenceNumber: 3, data: null, createdAt: 1 });
  t.is(await store.journalLength('vol'), 0);
  t.is(await store.journalLength('vol-1'), 3);
});

test('an entity without a snapshot has none', async (t) => {
  const { store } = await tempStore(t);
  t.is(await store.latestSnapshot('nobody'), undefined);
  t.is(await store.journalLength('nobody'), 0);
});

test('data survives close and reopen', async (t) => {
  const { store, location } = await tempStore(t, { syncWrites: true });
  for (let n = 1; n <= 3; n++) await store.appendEvent(event('vol-a', n, { events: [{ n }], indexOps: [{ type: 'put', index: 'volumes', key: 'vol-a', value: { n } }] }));
  await store.takeSnapshot({ key: 'vol-a', sequenceNumber: 1, data: { n: 1 }, createdAt: 9 });
  await store.close();
  const again = await KilnStore.open({ location });
  t.teardown(() => again.close());
  t.deepEqual((await readAll(again, 'vol-a')).map((e) => (e.data as JournalEntry).events), [[{ n: 2 }], [{ n: 3 }]]);
  t.deepEqual(await again.latestSnapshot('vol-a'), { key: 'vol-a', sequenceNumber: 1, data: { n: 1 }, createdAt: 9 });
  t.deepEqual(await again.indexGet('volumes', 'vol-a'), { n: 3 });
  t.deepEqual(again.stats, { batchesWritten: 0, opsWritten: 0 });
});

test('close waits for writes in flight', async (t) => {
  const { store, location } = await tempStore(t);
  const pending = store.appendEvent(event('vol-a', 1, entry(1)));
  await store.close();
  await pending;
  const again = await KilnStore.open({ location });
  t.teardown(() => again.close());
  t.is(await again.journalLength('vol-a'), 1);
});

test('writes after close are refused', async (t) => {
  const { store } = await tempStore(t);
  await store.close();
  await t.throwsAsync(store.appendEvent(event('vol-a', 1, entry(1))));
  await t.throwsAsync(store.writeIndex([{ type: 'put', index: 'volumes', key: 'k', value: 1 }]), { message: 'store is closed' });
});

test('values round-trip through the codec as plain data', async (t) => {
  const { store } = await tempStore(t);
  const value = { s: 'x', n: 1.5, big: 2 ** 40, b: true, nil: null, list: [1, 'a'], nested: { m: { k: 'v' } } };
  await store.writeIndex([{ type: 'put', index: 'volumes', key: 'k', value }]);
  t.deepEqual(await store.indexGet('volumes', 'k'), value);
});
