/**
 * npm run bench [-- --json] [-- file|lvm|rest]: Kiln's speed and memory goals, as numbers and as
 * ratios to the goals. Run it on an otherwise idle machine: it is never part of npm test.
 */
import Table from 'cli-table3';
import { fileSuite } from './file-suite.js';
import { lvmSuite, lvmSuiteUnavailable } from './lvm-suite.js';
import { restSuite, restSuiteUnavailable } from './rest-suite.js';
import type { BenchRow } from './stats.js';

const json = process.argv.includes('--json');
const only = process.argv.slice(2).find((a) => a === 'file' || a === 'lvm' || a === 'rest');
const rows: BenchRow[] = [];
if (!only || only === 'file') rows.push(...(await fileSuite()));
if (!only || only === 'lvm') {
  const why = await lvmSuiteUnavailable();
  if (why) rows.push({ metric: 'LVM/iSCSI suite', value: 'skipped', goal: why, ratio: '' });
  else rows.push(...(await lvmSuite()));
}
if (!only || only === 'rest') {
  const why = await restSuiteUnavailable();
  if (why) rows.push({ metric: 'Cinder REST suite', value: 'skipped', goal: why, ratio: '' });
  else rows.push(...(await restSuite()));
}
if (json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const table = new Table({ head: ['metric', 'measured', 'goal', 'ratio to goal'], style: { head: [], border: [] } });
  for (const r of rows) table.push([r.metric, r.value, r.goal, r.ratio]);
  console.log(table.toString());
}
