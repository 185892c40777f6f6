/** Starts and stops a kilnd child process for benchmarks, and reads its RSS. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface NodeProcess { child: ChildProcess; url: string; token: string; stop(): Promise<void>; rssBytes(): Promise<number> }

export async function startNodeProcess(args: string[], dataDir: string, port: number): Promise<NodeProcess> {
  const child = spawn(process.execPath, [join(process.cwd(), 'bin', 'kilnd.js'), ...args, '--data-dir', dataDir, '--port', String(port), '--log-level', 'warn'],
    { stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `ws://127.0.0.1:${port}/ws`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const endpoint = await readFile(join(dataDir, 'endpoint'), 'utf8').catch(() => '');
    if (endpoint.trim() === url && (await portOpen(port))) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('node did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
  return {
    child, url, token,
    stop: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
    rssBytes: async () => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
  };
}

async function portOpen(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}
