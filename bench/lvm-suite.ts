/**
 * The LVM/iSCSI goals (issue: LVM volumes exported over iSCSI), on a loop-device volume group and
 * a private tgtd, against a kilnd child process, compared with bare lvcreate measured in the same run:
 *   single create to available vs one bare lvcreate of the same size (goal ≤ 1.3×)
 *   100 concurrent creates all available vs 100 sequential bare lvcreates (goal ≤ 1.3×)
 *   attach (connection info returned) p50
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient, type KilnClient } from '../src/api/client.js';
import type { VolumeRecord } from '../src/model/volume.js';
import { createLoopVg, isRoot, lvmUnavailable, missingPrograms, type LoopVg } from '../test/helpers/lvm-loop.js';
import { startTgtd, type Tgtd } from '../test/helpers/tgtd.js';
import { createMany } from './file-suite.js';
import { startNodeProcess } from './node-process.js';
import { median, percentile, type BenchRow } from './stats.js';

const singleRuns = 7;
const concurrentCount = 100;
const attachRuns = 20;

/** Why the suite cannot run here, or undefined. */
export async function lvmSuiteUnavailable(): Promise<string | undefined> {
  if (!isRoot()) return 'needs root';
  const missing = await missingPrograms(['tgtd', 'tgtadm', 'lvcreate', 'losetup']);
  if (missing.length > 0) return `missing ${missing.join(', ')} (apt-get install lvm2 tgt)`;
  return lvmUnavailable();
}

async function timeMs(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

/** Bare lvcreate of `count` 1 GiB LVs one after the other, each timed; removed again afterwards. */
async function bareLvcreates(vg: LoopVg, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await timeMs(() => vg.lvm(['lvcreate', '--yes', '-n', `bare-${i}`, '-L', '1g', vg.vg])));
  for (let i = 0; i < count; i++) await vg.lvm(['lvremove', '-f', `${vg.vg}/bare-${i}`]);
  return times;
}

async function deleteAll(c: KilnClient): Promise<void> {
  const vols = (await c.call('volume.list', {})) as VolumeRecord[];
  for (const v of vols) await c.call('volume.delete', { volume: v.id });
  for (let i = 0; i < 600 && ((await c.call('volume.list', {})) as VolumeRecord[]).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
}

function ratioRow(metric: string, kilnMs: number, bareMs: number): BenchRow {
  const ratio = kilnMs / bareMs;
  return { metric, value: `${kilnMs.toFixed(0)} ms vs ${bareMs.toFixed(0)} ms bare`, goal: '≤ 1.3× bare lvcreate', ratio: `${ratio.toFixed(2)}× ${ratio <= 1.3 ? 'ok' : 'MISSED'}` };
}

async function measure(c: KilnClient, vg: LoopVg, rows: BenchRow[]): Promise<void> {
  const bareSingle = median(await bareLvcreates(vg, singleRuns));
  const single: number[] = [];
  for (let i = 0; i < singleRuns; i++) {
    single.push(...(await createMany(c, 1, 1, `single${i}`, { volumeType: 'lvm' })));
    await deleteAll(c);
  }
  rows.push(ratioRow('single LVM create to available (median of 7)', median(single), bareSingle));

  const bareSequential = (await bareLvcreates(vg, concurrentCount)).reduce((a, b) => a + b, 0);
  const concurrentMs = await timeMs(() => createMany(c, concurrentCount, concurrentCount, 'burst', { volumeType: 'lvm' }));
  rows.push(ratioRow(`${concurrentCount} concurrent LVM creates all available vs ${concurrentCount} sequential bare lvcreate`, concurrentMs, bareSequential));
  await deleteAll(c);

  const v = (await c.call('volume.create', { size: 1, name: 'attach-bench', volumeType: 'lvm' })) as VolumeRecord;
  for (let i = 0; i < 300 && ((await c.call('volume.show', { volume: v.id })) as VolumeRecord).status !== 'available'; i++) await new Promise((r) => setTimeout(r, 50));
  const attachMs: number[] = [];
  for (let i = 0; i < attachRuns; i++) {
    let id = '';
    attachMs.push(await timeMs(async () => {
      id = ((await c.call('attachment.create', { volume: v.id, connector: { initiator: 'iqn.1993-08.org.debian:01:bench', host: 'bench' } })) as { id: string }).id;
    }));
    await c.call('attachment.delete', { attachment: id });
  }
  attachMs.sort((a, b) => a - b);
  rows.push({ metric: `attach over iSCSI, connection info returned (${attachRuns} runs)`, value: `p50 ${percentile(attachMs, 50).toFixed(0)} ms, p99 ${percentile(attachMs, 99).toFixed(0)} ms`, goal: '(reported)', ratio: '' });
  await deleteAll(c);
}

export async function lvmSuite(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'kiln-bench-lvm-'));
  let vg: LoopVg | undefined;
  let tgtd: Tgtd | undefined;
  let stopNode: (() => Promise<void>) | undefined;
  try {
    // Room for the bare LVs and the node's volumes at once: the PV file is sparse.
    vg = await createLoopVg({ sizeGiB: 250 });
    tgtd = await startTgtd();
    const conf = join(dir, 'cinder.conf');
    await writeFile(conf, `[DEFAULT]\nenabled_backends = lvm\n[lvm]\nvolume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver
volume_backend_name = lvm\nvolume_group = ${vg.vg}\nlvm_conf_file = ${vg.lvmConfDir}/lvm.conf\nlvm_data_path = loop\nvolume_clear = none
iscsi_helper = tgtadm\niscsi_ip_address = 127.0.0.1\niscsi_port = ${tgtd.portal.split(':')[1]}\ntgt_control_port = ${tgtd.controlPort}\n`);
    const node = await startNodeProcess(['--config', conf], join(dir, 'data'), 20000 + Math.floor(Math.random() * 2000));
    stopNode = node.stop;
    const c = await connectClient({ url: node.url, token: node.token, timeoutMs: 120_000 });
    await c.call('type.create', { name: 'lvm', extraSpecs: { volume_backend_name: 'lvm' } });
    await measure(c, vg, rows);
    await c.close();
  } finally {
    await stopNode?.();
    await tgtd?.stop();
    await vg?.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
