/**
 * A tgtadm that hangs (a stand-in script that sleeps) is killed by the executor's
 * process-group timeout, and the caller gets a clear error instead of waiting forever.
 */
import test from 'ava';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createExecutor } from '../../src/drivers/executor.js';
import { tgtadmTarget } from '../../src/drivers/targets/tgtadm.js';
import { KilnError } from '../../src/model/errors.js';
import { missingPrograms } from '../helpers/lvm-loop.js';

const missing = await missingPrograms(['sh', 'sleep']);
const run = missing.length > 0 ? test.skip : test;

run(`a hung tgtadm times out with an error naming tgtd's control port${missing.length ? ` (skipped: missing ${missing.join(', ')})` : ''}`, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-hung-tgtadm-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const script = join(dir, 'tgtadm');
  // The sleep is a grandchild: only a process-group kill ends it.
  await writeFile(script, '#!/bin/sh\nsleep 30\necho never\n');
  await chmod(script, 0o755);
  const target = tgtadmTarget({ executor: createExecutor(), command: script, portals: ['127.0.0.1:3260'], controlPort: 4242, timeoutMs: 1_000 });
  const started = performance.now();
  const err = await t.throwsAsync(target.createExport('3f2504e0-4f89-11d3-9a0c-0305e82c3301', '/dev/null'), { instanceOf: KilnError });
  const tookMs = performance.now() - started;
  t.is(err?.code, 'ERR_DRIVER');
  t.is(err?.message, `cannot list tgt targets: ${script} timed out after 1000 ms; is tgtd on control port 4242 hung?`);
  t.like(err?.details, { reason: 'timeout', controlPort: 4242 });
  t.true(tookMs < 5_000, `took ${tookMs} ms`);
});
