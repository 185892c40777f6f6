import test from 'ava';
import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { connectClient } from '../../src/api/client.js';
import { tempDir } from '../helpers/node.js';

const kilndPath = join(process.cwd(), 'bin', 'kilnd.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function runKilnd(args: string[], cwd: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [kilndPath, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = async (timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!stdout.includes('kiln node ready')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`kilnd not ready: ${stdout}${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, ready, out: () => stdout, err: () => stderr };
}

test('kilnd with no configuration starts an embedded node in ./data and stops on SIGTERM', async (t) => {
  const dir = await tempDir();
  t.teardown(() => dir.remove());
  const port = await freePort();
  const k = runKilnd(['--port', String(port)], dir.path);
  t.teardown(() => { if (k.child.exitCode === null) k.child.kill('SIGKILL'); });
  await k.ready();
  const tokenFile = join(dir.path, 'data', 'admin-token');
  t.is((await stat(tokenFile)).mode & 0o777, 0o600);
  const token = (await readFile(tokenFile, 'utf8')).trim();
  t.is((await readFile(join(dir.path, 'data', 'endpoint'), 'utf8')).trim(), `ws://127.0.0.1:${port}/ws`);
  const c = await connectClient({ url: `ws://127.0.0.1:${port}/ws`, token });
  const services = (await c.call('service.list', {})) as { host: string; state: string }[];
  t.true(services.some((s) => s.host.endsWith('@file') && s.state === 'up'));
  await c.close();
  k.child.kill('SIGTERM');
  t.is(await k.exited, 0);
  t.regex(k.out(), /kiln node stopped/);
});

test('kilnd refuses a config file with an unknown key or an impossible value, naming file and line', async (t) => {
  const dir = await tempDir();
  t.teardown(() => dir.remove());
  const conf = join(dir.path, 'cinder.conf');
  await writeFile(conf, '[DEFAULT]\nenabled_backends = lvm\n[lvm]\nvolum_driver = file\nreserved_percentage = 150\n');
  const k = runKilnd(['--config', conf, '--data-dir', join(dir.path, 'data')], dir.path);
  t.is(await k.exited, 2);
  t.regex(k.err(), /cinder\.conf:4: \[lvm\] volum_driver: .*did you mean volume_driver/);
  t.regex(k.err(), /cinder\.conf:5: \[lvm\] reserved_percentage/);
  await t.throwsAsync(stat(join(dir.path, 'data', 'db')), undefined, 'nothing was written');
});

test('kilnd reports a port already in use and exits non-zero', async (t) => {
  const dir = await tempDir();
  t.teardown(() => dir.remove());
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const k = runKilnd(['--port', String(port), '--data-dir', join(dir.path, 'data')], dir.path);
  t.is(await k.exited, 1);
  t.regex(k.err(), /EADDRINUSE/);
});

test('a second kilnd on the same data directory says the directory is in use and exits non-zero', async (t) => {
  const dir = await tempDir();
  t.teardown(() => dir.remove());
  const first = runKilnd(['--port', String(await freePort())], dir.path);
  t.teardown(() => { if (first.child.exitCode === null) first.child.kill('SIGKILL'); });
  await first.ready();
  const second = runKilnd(['--port', String(await freePort())], dir.path);
  t.is(await second.exited, 1);
  t.regex(second.err(), /in use by another Kiln node/);
  first.child.kill('SIGTERM');
  t.is(await first.exited, 0);
});
