import test from 'ava';
import { recordingExecutor } from '../../src/drivers/fake-executor.js';
import { ExecError } from '../../src/drivers/exec-error.js';

test('records every call in order', async (t) => {
  const exec = recordingExecutor();
  await exec.run({ argv: ['lvs', '--reportformat', 'json'] });
  await exec.run({ argv: ['vgs'] });
  t.deepEqual(exec.argvs(), [['lvs', '--reportformat', 'json'], ['vgs']]);
});

test('answers with the longest matching prefix', async (t) => {
  const exec = recordingExecutor([
    { prefix: ['lvs'], stdout: 'short' },
    { prefix: ['lvs', '--reportformat', 'json'], stdout: '{"report":[]}' },
  ]);
  t.is((await exec.run({ argv: ['lvs', '--reportformat', 'json', 'vg0'] })).stdout, '{"report":[]}');
  t.is((await exec.run({ argv: ['lvs', 'vg0'] })).stdout, 'short');
});

test('a canned nonzero exit throws ExecError unless the request allows it', async (t) => {
  const exec = recordingExecutor([{ prefix: ['lvcreate'], exitCode: 5, stderr: 'Volume group "vg0" not found' }]);
  const err = await t.throwsAsync(exec.run({ argv: ['lvcreate', '-n', 'v'] }), { instanceOf: ExecError });
  t.is(err?.exitCode, 5);
  t.regex(err?.message ?? '', /exited with code 5: Volume group "vg0" not found/);
  t.is((await exec.run({ argv: ['lvcreate', '-n', 'v'], okExitCodes: [5] })).exitCode, 5);
  t.is(exec.calls.length, 2);
});

test('can fail as a missing binary or a timeout', async (t) => {
  const exec = recordingExecutor([{ prefix: ['tgtadm'], notFound: true }, { prefix: ['dd'], timedOut: true }]);
  const missing = await t.throwsAsync(exec.run({ argv: ['tgtadm'] }), { instanceOf: ExecError });
  t.is(missing?.message, 'command not found: tgtadm');
  const slow = await t.throwsAsync(exec.run({ argv: ['dd', 'if=x'], timeoutMs: 1_000 }), { instanceOf: ExecError });
  t.true(slow?.timedOut);
  t.regex(slow?.message ?? '', /timed out after 1000 ms/);
});

test('an aborted signal fails the call', async (t) => {
  const exec = recordingExecutor();
  const err = await t.throwsAsync(exec.run({ argv: ['vgs'] }, { signal: AbortSignal.abort() }), { instanceOf: ExecError });
  t.true(err?.aborted);
});
