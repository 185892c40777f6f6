/**
 * The single-node goals of Kiln, measured over the WebSocket API from this process against a
 * kilnd child process using the file driver.
 *   1,000 creates with 32 in flight → creates/s to available, p50/p99 latency
 *   volume.list with details of 10,000 volumes → latency
 *   node RSS with 10,000 volumes; restart to serving with 10,000 volumes
 * Run it alone: other work on the 2 cores skews the numbers.
 */
import { SingleBar } from 'cli-progress';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient, type KilnClient } from '../src/api/client.js';
import type { VolumeRecord } from '../src/model/volume.js';
import { startNodeProcess } from './node-process.js';
import { median, percentile, row, type BenchRow } from './stats.js';

const totalVolumes = Number(process.env.KILN_BENCH_VOLUMES ?? 10_000);
const timedCreates = 1_000;
const inFlight = 32;
const port = 18000 + Math.floor(Math.random() * 2000);

export function progress(label: string, total: number): { tick(): void; stop(): void } {
  // On stderr and only on a terminal, so --json output and logs stay clean.
  if (!process.stderr.isTTY) return { tick() {}, stop() {} };
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr });
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

/** Creates `count` volumes with `concurrency` in flight; returns per-volume ms from request to available. */
export async function createMany(c: KilnClient, count: number, concurrency: number, label: string, extra: Record<string, unknown> = {}): Promise<number[]> {
  const waiting = new Map<string, (status: string) => void>();
  const early = new Map<string, string>();
  c.onEvent((e) => {
    if (e.status !== 'available' && e.status !== 'error') return;
    const done = waiting.get(e.id);
    if (done) done(e.status); else early.set(e.id, e.status);
  });
  await c.call('subscribe', {});
  const latencies: number[] = [];
  const bar = progress(label, count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      const v = (await c.call('volume.create', { size: 1, name: `bench-${label}-${i}`, ...extra })) as VolumeRecord;
      const status = early.get(v.id) ?? await new Promise<string>((resolve) => waiting.set(v.id, resolve));
      waiting.delete(v.id);
      early.delete(v.id);
      if (status !== 'available') {
        const shown = (await c.call('volume.show', { volume: v.id })) as VolumeRecord;
        throw new Error(`volume ${v.id} went to ${status}: ${shown.errorReason}`);
      }
      latencies.push(performance.now() - t0);
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  bar.stop();
  return latencies;
}

export async function fileSuite(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-bench-'));
  const conf = join(dir, 'kiln.conf');
  // Sparse 1 GiB volumes: let the thin pool over-subscribe enough to hold 10,000 of them.
  await writeFile(conf, `[DEFAULT]\nenabled_backends = file\n[file]\nvolume_driver = file\nvolumes_dir = ${dir}/volumes\nmax_over_subscription_ratio = 100000\n`);
  const rows: BenchRow[] = [];
  let node = await startNodeProcess(['--config', conf], join(dir, 'data'), port);
  try {
    let c = await connectClient({ url: node.url, token: node.token, timeoutMs: 120_000 });
    const t0 = performance.now();
    const lat = (await createMany(c, timedCreates, inFlight, 'timed')).sort((a, b) => a - b);
    const seconds = (performance.now() - t0) / 1000;
    rows.push(row(`${timedCreates} creates, ${inFlight} in flight, to available`, timedCreates / seconds, 'creates/s', 500, 'higher'));
    rows.push({ metric: 'create → available latency p50 / p99', value: `${percentile(lat, 50).toFixed(1)} / ${percentile(lat, 99).toFixed(1)} ms`, goal: '(Cinder: 700 ms one LVM create)', ratio: '' });
    await createMany(c, totalVolumes - timedCreates, 64, 'fill');
    const listMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const l0 = performance.now();
      const list = (await c.call('volume.list', {})) as unknown[];
      listMs.push(performance.now() - l0);
      if (list.length !== totalVolumes) throw new Error(`listed ${list.length} volumes, expected ${totalVolumes}`);
    }
    rows.push(row(`volume.list with details of ${totalVolumes} volumes (median of 5)`, median(listMs), 'ms', 100, 'lower'));
    rows.push(row(`node RSS with ${totalVolumes} volumes, right after the lists`, (await node.rssBytes()) / 2 ** 20, 'MiB', 150, 'lower'));
    await new Promise((r) => setTimeout(r, 10_000));
    rows.push(row(`node RSS with ${totalVolumes} volumes, after 10 s idle`, (await node.rssBytes()) / 2 ** 20, 'MiB', 150, 'lower'));
    await c.close();
    await node.stop();
    const r0 = performance.now();
    node = await startNodeProcess(['--config', conf], join(dir, 'data'), port);
    c = await connectClient({ url: node.url, token: node.token, timeoutMs: 120_000 });
    const after = (await c.call('volume.list', { limit: 1 })) as unknown[];
    const restartS = (performance.now() - r0) / 1000;
    if (after.length !== 1) throw new Error('restarted node lists no volume');
    rows.push(row(`restart to serving with ${totalVolumes} volumes`, restartS, 's', 3, 'lower'));
    await c.close();
  } finally {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
