/**
 * Cinder REST compatibility, timed: the seed command sequence run with the real `cinder`
 * client against a kilnd child process (wall time per command, and the same less the client's own
 * start-up, measured as `cinder --version`), and GET /volumes/detail requests/s with 1,000 volumes.
 */
import { execa } from 'execa';
import { request, Agent } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient, type KilnClient } from '../src/api/client.js';
import { findBinary } from '../test/rest/cli.js';
import { createMany } from './file-suite.js';
import { startNodeProcess } from './node-process.js';
import { median, type BenchRow } from './stats.js';

const project = '7b1e8d3fa0c94e6b8f2d5c4a3b2e1f00';
const listVolumes = 1_000;
const loadSeconds = 5;
const loadConcurrency = 8;

export const restSuiteUnavailable = async (): Promise<string | undefined> =>
  ((await findBinary('cinder')) ? undefined : 'the cinder client is missing (apt-get install python3-cinderclient)');

async function timed(args: string[], env: Record<string, string>): Promise<{ ms: number; stdout: string }> {
  const t0 = performance.now();
  const r = await execa('cinder', args, { env, extendEnv: true, stdin: 'ignore' });
  return { ms: performance.now() - t0, stdout: String(r.stdout) };
}

const idFrom = (out: string) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(out)?.[0] ?? '';

async function seedSequence(env: Record<string, string>): Promise<{ name: string; ms: number }[]> {
  const steps: { name: string; ms: number }[] = [];
  const step = async (name: string, args: string[]) => { const r = await timed(args, env); steps.push({ name, ms: r.ms }); return r.stdout; };
  const typeId = idFrom(await step('type-create', ['type-create', 'lvm-self']));
  await step('type-list', ['type-list']);
  await step('type-key', ['type-key', 'lvm-self', 'set', 'volume_backend_name=file']);
  await step('extra-specs-list', ['extra-specs-list']);
  await step('create', ['create', '1', '--volume-type=lvm-self', '--name', 'volume3']);
  const qosId = idFrom(await step('qos-create', ['qos-create', 'read_qos', 'consumer=front-end', 'read_iops_sec=1000']));
  await step('qos-associate', ['qos-associate', qosId, typeId]);
  await step('list', ['list']);
  await step('show', ['show', 'volume3']);
  await step('extend', ['extend', 'volume3', '2']);
  for (let i = 0; i < 100 && !(await timed(['show', 'volume3'], env)).stdout.match(/\|\s*status\s*\|\s*available/); i++) await new Promise((r) => setTimeout(r, 50));
  await step('delete', ['delete', 'volume3']);
  await step('get-pools --detail', ['get-pools', '--detail']);
  await step('service-list', ['service-list']);
  return steps;
}

/** `cinder create` started → the node pushes `available` (watched over the WebSocket API). */
async function createToAvailable(c: KilnClient, env: Record<string, string>): Promise<BenchRow> {
  const runs: number[] = [];
  await c.call('subscribe', {});
  for (let i = 0; i < 5; i++) {
    const name = `rest-timed-${i}`;
    const available = new Promise<number>((resolve) => {
      const off = c.onEvent((e) => {
        if ((e.record as { name?: string } | undefined)?.name === name && e.status === 'available') { off(); resolve(performance.now()); }
      });
    });
    const t0 = performance.now();
    await timed(['create', '1', '--name', name], env);
    runs.push((await available) - t0);
  }
  return { metric: 'cinder create → available through REST (median of 5, client start-up included)', value: `${median(runs).toFixed(0)} ms`, goal: '(Cinder: 700 ms)', ratio: `${(700 / median(runs)).toFixed(1)}× faster` };
}

/** Keep-alive GETs from `concurrency` loops for `seconds`; returns requests/s. */
async function loadGet(url: string, headers: Record<string, string>, seconds: number, concurrency: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const one = () => new Promise<void>((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
  const loop = async () => { while (performance.now() < until) { await one(); done++; } };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  agent.destroy();
  return done / ((performance.now() - t0) / 1000);
}

export async function restSuite(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-bench-rest-'));
  const port = 22000 + Math.floor(Math.random() * 2000);
  const { writeFile } = await import('node:fs/promises');
  const conf = join(dir, 'kiln.conf');
  await writeFile(conf, `[DEFAULT]\nauth_strategy = noauth\nenabled_backends = file\n[file]\nvolume_driver = file\nvolumes_dir = ${dir}/volumes\nmax_over_subscription_ratio = 1000\n`);
  const node = await startNodeProcess(['--config', conf], join(dir, 'data'), port);
  const rows: BenchRow[] = [];
  try {
    const env = { OS_AUTH_TYPE: 'noauth', OS_USER_ID: 'admin', OS_PROJECT_ID: project, CINDER_ENDPOINT: `http://127.0.0.1:${port}/v3/${project}`, HOME: dir };
    const startups: number[] = [];
    for (let i = 0; i < 3; i++) startups.push((await timed(['--version'], env)).ms);
    const startupMs = median(startups);
    const steps = await seedSequence(env);
    const wallMs = steps.reduce((a, s) => a + s.ms, 0);
    rows.push({ metric: `cinder seed sequence, ${steps.length} commands (wall)`, value: `${(wallMs / 1000).toFixed(1)} s`, goal: '(reported)', ratio: '' });
    rows.push({ metric: 'cinder client start-up alone (cinder --version, median of 3)', value: `${startupMs.toFixed(0)} ms`, goal: '(reported)', ratio: '' });
    for (const s of steps) {
      rows.push({ metric: `  cinder ${s.name}`, value: `${s.ms.toFixed(0)} ms wall, ${Math.max(0, s.ms - startupMs).toFixed(0)} ms past start-up`, goal: '', ratio: '' });
    }
    const c = await connectClient({ url: node.url, token: node.token, timeoutMs: 120_000 });
    rows.splice(2, 0, await createToAvailable(c, env));
    await createMany(c, listVolumes, 32, 'rest', { projectId: project });
    await c.close();
    const rps = await loadGet(`http://127.0.0.1:${port}/v3/${project}/volumes/detail?limit=${listVolumes}`,
      { 'x-auth-token': `admin:${project}`, accept: 'application/json' }, loadSeconds, loadConcurrency);
    rows.push({ metric: `REST GET /volumes/detail of ${listVolumes} volumes, ${loadConcurrency} keep-alive clients`, value: `${rps.toFixed(0)} requests/s`, goal: '(reported)', ratio: '' });
  } finally {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
