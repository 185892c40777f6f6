import test from 'ava';
import { setTimeout as sleep } from 'node:timers/promises';
import { keyedSerialQueue } from '../../src/drivers/serial-queue.js';

test('tasks on one key run one at a time in order; other keys do not wait', async (t) => {
  const q = keyedSerialQueue();
  const log: string[] = [];
  const task = (name: string, ms: number) => async () => { log.push(`${name}+`); await sleep(ms); log.push(`${name}-`); return name; };
  const all = Promise.all([q.run('a', task('a1', 30)), q.run('a', task('a2', 1)), q.run('b', task('b1', 1))]);
  t.deepEqual(await all, ['a1', 'a2', 'b1']);
  t.deepEqual(log.filter((l) => l.startsWith('a')), ['a1+', 'a1-', 'a2+', 'a2-']);
  t.true(log.indexOf('b1-') < log.indexOf('a1-'));
});

test('a failed task rejects its caller only, and the queue forgets idle keys', async (t) => {
  const q = keyedSerialQueue();
  const failed = q.run('a', async () => { throw new Error('boom'); });
  const next = q.run('a', async () => 'ok');
  await t.throwsAsync(failed, { message: 'boom' });
  t.is(await next, 'ok');
  await sleep(0);
  t.is(q.busyKeys, 0);
});
