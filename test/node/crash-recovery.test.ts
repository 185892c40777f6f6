import test from 'ava';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { settledVolumeStatuses, type VolumeStatus } from '../../src/model/statuses.js';
import { startTestNode, tempDir } from '../helpers/node.js';

/** Starts the crash child, lets it work for `workMs` after it is ready, kills it with SIGKILL. */
function runAndKill(dataDir: string, workMs: number): Promise<{ created: string[]; deleting: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crash-child.ts', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!armed && out.includes('ready\n')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), workMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') { reject(new Error(`child exited without being killed: ${out.slice(-500)}`)); return; }
      const lines = out.split('\n');
      resolve({
        created: lines.filter((l) => l.startsWith('created ')).map((l) => l.slice(8)),
        deleting: lines.filter((l) => l.startsWith('deleting ')).map((l) => l.slice(9)),
      });
    });
  });
}

for (const workMs of [150, 400]) {
  test(`after kill -9 ${workMs} ms into creates and deletes, a restarted node keeps every acknowledged volume and settles all of them`, async (t) => {
    const dir = await tempDir();
    t.teardown(() => dir.remove());
    const { created, deleting } = await runAndKill(dir.path, workMs);
    t.true(created.length > 0, 'the child acknowledged some creates before the kill');

    const node = await startTestNode({}, dir.path);
    t.teardown(() => node.stop());
    const deletingSet = new Set(deleting);
    for (const id of created) {
      if (!deletingSet.has(id)) t.truthy(node.readModel.get(id), `acknowledged volume ${id} survived the crash`);
    }
    // Reconcile runs on activation: every unfinished intent must settle without an operator.
    const deadline = Date.now() + 15_000;
    const unsettled = () => [...node.readModel.all()].filter((v) => !settledVolumeStatuses.has(v.status as VolumeStatus));
    while (unsettled().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    t.deepEqual(unsettled().map((v) => `${v.id}:${v.status}`), []);
    for (const v of node.readModel.all()) t.is(v.status, "available", `volume ${v.name} is available, not ${v.status} (${v.errorReason})`);
    for (const id of deleting) t.is(node.readModel.get(id), undefined, `volume ${id} whose delete was acknowledged is gone`);
    // The backend holds exactly the surviving volumes: nothing half-made, nothing leaked.
    const files = (await readdir(join(dir.path, 'volumes', 'file'))).filter((f) => f.startsWith('volume-')).sort();
    t.deepEqual(files, [...node.readModel.all()].map((v) => `volume-${v.id}`).sort());
  });
}
