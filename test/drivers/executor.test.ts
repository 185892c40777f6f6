import test from 'ava';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createExecutor } from '../../src/drivers/executor.js';
import { ExecError } from '../../src/drivers/exec-error.js';
import { KilnError } from '../../src/model/errors.js';

const node = process.execPath;
const exec = createExecutor({ defaultTimeoutMs: 10_000 });

/**
 * True once the process is dead. A killed grandchild is reparented to init, which may take a
 * while to reap it, so a zombie counts as dead.
 */
async function pidGone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (!(await isRunning(pid))) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // /proc/<pid>/stat is "pid (comm) state ..."; state Z is a zombie.
  const procStat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return !/\) Z /.test(procStat);
}

async function execError(t: { fail(msg: string): void }, p: Promise<unknown>): Promise<ExecError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ExecError) return err;
    throw err;
  }
  t.fail('expected ExecError');
  throw new Error('unreachable');
}

test('runs a command and returns its output and exit code', async (t) => {
  const r = await exec.run({ argv: [node, '-e', 'console.log("hello"); console.error("warn")'] });
  t.is(r.stdout, 'hello');
  t.is(r.stderr, 'warn');
  t.is(r.exitCode, 0);
  t.true(r.durationMs >= 0);
});

test('child sees only PATH, LC_ALL=C and the requested env', async (t) => {
  const r = await exec.run({ argv: [node, '-e', 'console.log(JSON.stringify(process.env))'], env: { KILN_X: '1' } });
  const env = JSON.parse(r.stdout) as Record<string, string>;
  t.is(env.LC_ALL, 'C');
  t.is(env.KILN_X, '1');
  t.deepEqual(Object.keys(env).filter((k) => !['PATH', 'LC_ALL', 'KILN_X'].includes(k)), []);
});

test('input is written to stdin', async (t) => {
  const r = await exec.run({ argv: [node, '-e', 'process.stdin.pipe(process.stdout)'], input: 'piped text' });
  t.is(r.stdout, 'piped text');
});

test('stdin is empty when no input is given, so a prompting tool does not hang', async (t) => {
  const r = await exec.run({ argv: [node, '-e', 'let n=0; process.stdin.on("data",d=>n+=d.length).on("end",()=>console.log(n))'] });
  t.is(r.stdout, '0');
});

test('nonzero exit throws ExecError carrying exit code and stderr', async (t) => {
  const err = await execError(t, exec.run({ argv: [node, '-e', 'console.error("Volume group \\"vg0\\" not found"); process.exit(5)'] }));
  t.true(err instanceof KilnError);
  t.is(err.code, 'ERR_DRIVER');
  t.is(err.exitCode, 5);
  t.regex(err.stderr, /vg0/);
  t.regex(err.message, /exited with code 5: Volume group "vg0" not found/);
  t.false(err.timedOut);
  t.deepEqual(err.argv[0], node);
});

test('exit codes listed in okExitCodes count as success', async (t) => {
  const r = await exec.run({ argv: [node, '-e', 'process.exit(3)'], okExitCodes: [0, 3] });
  t.is(r.exitCode, 3);
});

test('a missing binary says command not found', async (t) => {
  const err = await execError(t, exec.run({ argv: ['kiln-no-such-binary-7f3a', '--version'] }));
  t.is(err.message, 'command not found: kiln-no-such-binary-7f3a');
  t.true(err.notFound);
  t.is(err.exitCode, undefined);
});

test('timeout kills the whole process group, even a grandchild holding the pipes', async (t) => {
  const startedMs = Date.now();
  const err = await execError(t, exec.run({ argv: ['sh', '-c', 'sleep 30 & echo $!; sleep 30'], timeoutMs: 300 }));
  t.true(Date.now() - startedMs < 2_000, `settled after ${Date.now() - startedMs} ms`);
  t.true(err.timedOut);
  t.regex(err.message, /timed out after 300 ms/);
  const grandchildPid = Number(err.stdout.trim());
  t.true(grandchildPid > 0, `stdout was ${JSON.stringify(err.stdout)}`);
  t.true(await pidGone(grandchildPid, 1_000), `grandchild ${grandchildPid} still alive`);
});

test('a group that ignores SIGTERM is SIGKILLed after the grace period', async (t) => {
  const startedMs = Date.now();
  const err = await execError(t, exec.run({ argv: ['sh', '-c', 'trap "" TERM; sleep 30 & echo $!; sleep 30'], timeoutMs: 200 }));
  t.true(Date.now() - startedMs < 2_000, `settled after ${Date.now() - startedMs} ms`);
  t.true(err.timedOut);
  t.true(await pidGone(Number(err.stdout.trim()), 1_000));
});

test('AbortSignal kills the process group and throws an aborted ExecError', async (t) => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 200);
  const startedMs = Date.now();
  const err = await execError(t, exec.run({ argv: ['sh', '-c', 'sleep 30 & echo $!; sleep 30'] }, { signal: ac.signal }));
  t.true(Date.now() - startedMs < 2_000);
  t.true(err.aborted);
  t.false(err.timedOut);
  t.true(await pidGone(Number(err.stdout.trim()), 1_000));
});

test('an already-aborted signal fails without starting the command', async (t) => {
  const err = await execError(t, exec.run({ argv: ['kiln-no-such-binary-7f3a'] }, { signal: AbortSignal.abort() }));
  t.true(err.aborted);
  t.false(err.notFound);
});

test('each run is logged at debug with argv and exit code', async (t) => {
  const lines: Array<{ obj: object; msg: string }> = [];
  const logged = createExecutor({ logger: { debug: (obj, msg) => lines.push({ obj, msg }) } });
  await logged.run({ argv: [node, '-e', ''] });
  t.is(lines.length, 1);
  t.like(lines[0], { msg: 'exec', obj: { argv: [node, '-e', ''], exitCode: 0 } });
});
