import test from 'ava';
import { join } from 'node:path';
import { createDirectory } from '../../src/actors/directory.js';
import type { EntityDef, EntityEnv } from '../../src/actors/entity.js';
import { startSystem, stopActor } from '../../src/actors/runtime.js';
import { invalidParams } from '../../src/model/errors.js';
import { nactEngine } from '../../src/store/nact-engine.js';
import { KilnStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/node.js';

type Cmd = { type: 'Add'; n: number } | { type: 'Work' } | { type: 'WorkDone' };
type Ev = { type: 'Added'; n: number } | { type: 'WorkStarted' } | { type: 'WorkFinished' };
interface S { total: number; working: boolean; done: number }

const env: EntityEnv = { now: () => 'now', log: { warn() {}, error() {}, debug() {} } };

const counter = (passivateAfterMs: number, workMs = 0): EntityDef<S, Cmd, Ev, EntityEnv> => ({
  kind: 'counter',
  initial: () => ({ total: 0, working: false, done: 0 }),
  decide: (s, c) => {
    if (c.type === 'Add') return c.n < 0 ? { error: invalidParams('n', 'must not be negative') } : { events: [{ type: 'Added', n: c.n }] };
    if (c.type === 'Work') return { events: [{ type: 'WorkStarted' }] };
    return s.working ? { events: [{ type: 'WorkFinished' }] } : { events: [] };
  },
  evolve: (s, e) => (e.type === 'Added' ? { ...s, total: s.total + e.n } : e.type === 'WorkStarted' ? { ...s, working: true } : { ...s, working: false, done: s.done + 1 }),
  effects: (_id, _b, _a, events) => (events.some((e) => e.type === 'WorkStarted')
    ? [new Promise<Cmd>((r) => setTimeout(() => r({ type: 'WorkDone' }), workMs))] : []),
  passivateAfterMs,
});

async function setup(t: { teardown(f: () => Promise<void> | void): void }, def: EntityDef<S, Cmd, Ev, EntityEnv>) {
  const dir = await tempDir();
  const store = await KilnStore.open({ location: join(dir.path, 'db') });
  const system = startSystem(nactEngine(store));
  const d = createDirectory(system, 'counters', def, env, 4);
  t.teardown(async () => { stopActor(system); await store.close(); await dir.remove(); });
  const add = (id: string, n: number) => d.ask<S>(id, (reply) => ({ kind: 'command', cmd: { type: 'Add', n }, reply }), 5000);
  const get = (id: string) => d.ask<S>(id, (reply) => ({ kind: 'get', reply }), 5000);
  return { d, add, get, store };
}

test('loses no message sent while an entity is being passivated', async (t) => {
  const { d, add, get } = await setup(t, counter(5));
  let expected = 0;
  for (let round = 0; round < 30; round++) {
    // Messages land just before, at and after the passivation deadline.
    await new Promise((r) => setTimeout(r, 3 + (round % 4)));
    await Promise.all([1, 2, 3].map((n) => add('a', n)));
    expected += 6;
  }
  t.is((await get('a')).total, expected);
  await new Promise((r) => setTimeout(r, 50));
  t.is(await d.activeCount(), 0, 'the idle entity was passivated');
});

test('a passivated entity comes back with its state from the journal', async (t) => {
  const { d, add, get } = await setup(t, counter(10));
  await add('b', 5);
  await add('b', 7);
  await new Promise((r) => setTimeout(r, 60));
  t.is(await d.activeCount(), 0);
  t.is((await get('b')).total, 12);
});

test('an entity with detached work in progress is not passivated until the work reports back', async (t) => {
  const { d, get } = await setup(t, counter(5, 120));
  await d.ask('c', (reply) => ({ kind: 'command', cmd: { type: 'Work' }, reply }), 5000);
  await new Promise((r) => setTimeout(r, 60));
  t.is(await d.activeCount(), 1, 'still alive while its effect runs');
  await new Promise((r) => setTimeout(r, 150));
  t.is(await d.activeCount(), 0);
  t.deepEqual(await get('c'), { total: 0, working: false, done: 1 });
});

test('a refused command is answered with its error and journals nothing', async (t) => {
  const { add, store, get } = await setup(t, counter(1000));
  await add('d', 1);
  const err = await t.throwsAsync(add('d', -1));
  t.is((err as { field?: string }).field, 'n');
  t.is((await get('d')).total, 1);
  t.is(await store.journalLength('counter:d'), 1);
});

test('spreads entities over the shards and answers many entities at once', async (t) => {
  const { d, add } = await setup(t, counter(10_000));
  await Promise.all(Array.from({ length: 200 }, (_, i) => add(`e${i}`, i)));
  t.is(await d.activeCount(), 200);
});
