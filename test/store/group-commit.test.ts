import test from 'ava';
import { GroupCommitWriter, type BatchOp } from '../../src/store/group-commit.js';

const put = (key: string): BatchOp => ({ type: 'put', key, value: new Uint8Array([1]), sublevel: 'j' });

/** A flush that records each batch and can be held open or made to fail. */
function recorder() {
  const batches: string[][] = [];
  let failNext: Error | undefined;
  let hold: Promise<void> | undefined;
  const flush = async (ops: BatchOp[]) => {
    if (hold) await hold;
    if (failNext) { const e = failNext; failNext = undefined; throw e; }
    batches.push(ops.map((o) => o.key));
  };
  return {
    batches, flush,
    failOnce(e: Error) { failNext = e; },
    holdUntil(p: Promise<void>) { hold = p; },
  };
}

test('writes issued in the same turn share one batch, in order', async (t) => {
  const r = recorder();
  const w = new GroupCommitWriter(r.flush);
  await Promise.all([w.write([put('a'), put('b')]), w.write([put('c')]), w.write([put('d')])]);
  t.deepEqual(r.batches, [['a', 'b', 'c', 'd']]);
  t.is(w.batchesWritten, 1);
  t.is(w.opsWritten, 4);
});

test('writes issued while a batch is being written go in the next batch together', async (t) => {
  const r = recorder();
  let release!: () => void;
  r.holdUntil(new Promise<void>((res) => { release = res; }));
  const w = new GroupCommitWriter(r.flush);
  const first = w.write([put('a')]);
  await new Promise((res) => setImmediate(res));
  await new Promise((res) => setImmediate(res));
  const later = [w.write([put('b')]), w.write([put('c')])];
  r.holdUntil(Promise.resolve());
  release();
  await Promise.all([first, ...later]);
  t.deepEqual(r.batches, [['a'], ['b', 'c']]);
  t.is(w.batchesWritten, 2);
});

test('writes in separate turns after the first is done are separate batches', async (t) => {
  const r = recorder();
  const w = new GroupCommitWriter(r.flush);
  await w.write([put('a')]);
  await w.write([put('b')]);
  t.deepEqual(r.batches, [['a'], ['b']]);
});

test('a write resolves only after its batch is flushed', async (t) => {
  const r = recorder();
  let release!: () => void;
  r.holdUntil(new Promise<void>((res) => { release = res; }));
  const w = new GroupCommitWriter(r.flush);
  let done = false;
  const p = w.write([put('a')]).then(() => { done = true; });
  await new Promise((res) => setTimeout(res, 10));
  t.false(done);
  t.is(w.batchesWritten, 0);
  release();
  await p;
  t.true(done);
  t.deepEqual(r.batches, [['a']]);
});

test('an empty write resolves without writing a batch', async (t) => {
  const r = recorder();
  const w = new GroupCommitWriter(r.flush);
  await w.write([]);
  t.is(w.batchesWritten, 0);
  t.deepEqual(r.batches, []);
});

test('a failed flush rejects every write of that batch and later writes still succeed', async (t) => {
  const r = recorder();
  r.failOnce(new Error('disk full'));
  const w = new GroupCommitWriter(r.flush);
  const results = await Promise.allSettled([w.write([put('a')]), w.write([put('b')])]);
  t.deepEqual(results.map((x) => x.status), ['rejected', 'rejected']);
  t.is((results[0] as PromiseRejectedResult).reason.message, 'disk full');
  t.is(w.batchesWritten, 0);
  await w.write([put('c')]);
  t.deepEqual(r.batches, [['c']]);
  t.is(w.batchesWritten, 1);
  t.is(w.opsWritten, 1);
});

test('writes after close are refused', async (t) => {
  const r = recorder();
  const w = new GroupCommitWriter(r.flush);
  w.close();
  await t.throwsAsync(w.write([put('a')]), { message: 'store is closed' });
  t.deepEqual(r.batches, []);
});

test('idle waits for everything queued so far', async (t) => {
  const r = recorder();
  const w = new GroupCommitWriter(r.flush);
  void w.write([put('a')]);
  void w.write([put('b')]);
  await w.idle();
  t.deepEqual(r.batches, [['a', 'b']]);
});

test('idle resolves at once when nothing is queued', async (t) => {
  const w = new GroupCommitWriter(recorder().flush);
  await w.idle();
  t.is(w.batchesWritten, 0);
});
