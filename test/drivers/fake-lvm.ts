/**
 * A scripted executor that behaves like lvm2 on one VG: lvs/vgs answer from its state in the
 * recorded JSON shape, lvcreate/lvextend/lvremove change it, and failures use recorded stderr.
 */
import { fixture } from './fixture.js';
import { scriptedExecutor, type Answer, type ScriptedExecutor } from './scripted-executor.js';

const GiB = 2 ** 30;
export interface FakeLv { name: string; sizeBytes: number; attr?: string; pool?: string }
export interface FakeLvm {
  exec: ScriptedExecutor;
  lvs: Map<string, FakeLv>;
  /** Answers for argv starting with a word list, checked before the model (failures, dd). */
  override: (argv: readonly string[]) => Answer | undefined;
}

export function fakeLvm(vg: string, opts: { vgExists?: boolean; freeBytes?: number } = {}): FakeLvm {
  const lvs = new Map<string, FakeLv>();
  const fake: FakeLvm = { exec: undefined as unknown as ScriptedExecutor, lvs, override: () => undefined };
  const free = () => (opts.freeBytes ?? 100 * GiB) - [...lvs.values()].reduce((s, l) => s + (l.attr?.startsWith('V') ? 0 : l.sizeBytes), 0);
  const notFoundVg = { exitCode: 5, stderr: fixture('lvm', 'vgs-vg-not-found.stderr.txt').replaceAll('kiln-no-such-vg', vg) };
  fake.exec = scriptedExecutor((argv) => {
    const o = fake.override(argv);
    if (o) return o;
    const cmd = argv[0];
    const target = argv.at(-1) ?? '';
    if (opts.vgExists === false && ['lvs', 'vgs', 'lvcreate', 'lvextend', 'lvremove'].includes(cmd ?? '')) return notFoundVg;
    if (cmd === 'vgs') return { stdout: report('vg', [{ vg_name: vg, vg_size: `${100 * GiB}B`, vg_free: `${free()}B`, vg_extent_size: '4194304B', vg_extent_count: '25600', vg_free_count: String(free() / 4194304), lv_count: String(lvs.size), vg_attr: 'wz--n-' }]) };
    if (cmd === 'lvs') return { stdout: report('lv', [...lvs.values()].map((l) => lvRow(vg, l))) };
    if (cmd === 'lvcreate') {
      const after = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
      const name = after('-n') ?? target.split('/')[1]!;
      const size = sizeOf(after('-V') ?? after('-L'));
      if (lvs.has(name)) return { exitCode: 5, stderr: fixture('lvm', 'lvcreate-exists.stderr.txt') };
      if (!argv.includes('-V') && size > free()) return { exitCode: 5, stderr: fixture('lvm', 'lvcreate-no-space.stderr.txt') };
      const pool = argv.includes('-V') ? target.split('/')[1] : undefined;
      lvs.set(name, { name, sizeBytes: size || free(), attr: argv.includes('-T') && !pool ? 'twi-a-tz--' : pool ? 'Vwi-a-tz--' : '-wi-a-----', ...(pool ? { pool } : {}) });
      return {};
    }
    if (cmd === 'lvextend') {
      const lv = lvs.get(target.split('/')[1]!);
      if (!lv) return { exitCode: 5, stderr: fixture('lvm', 'lvextend-lv-not-found.stderr.txt') };
      lv.sizeBytes = sizeOf(argv[argv.indexOf('-L') + 1]);
      return {};
    }
    if (cmd === 'lvremove') {
      if (!lvs.delete(target.split('/')[1]!)) return { exitCode: 5, stderr: fixture('lvm', 'lvremove-lv-not-found.stderr.txt') };
      return {};
    }
    return {};
  });
  return fake;
}

const sizeOf = (s: string | undefined): number => (s?.endsWith('g') ? Number(s.slice(0, -1)) * GiB : 0);

function lvRow(vg: string, l: FakeLv): Record<string, string> {
  const attr = l.attr ?? '-wi-a-----';
  return {
    lv_name: l.name, vg_name: vg, lv_size: `${l.sizeBytes}B`, lv_attr: attr, lv_tags: '', pool_lv: l.pool ?? '', origin: '',
    data_percent: attr.startsWith('t') ? '25.00' : '', metadata_percent: '', lv_path: attr.startsWith('t') ? '' : `/dev/${vg}/${l.name}`,
  };
}

const report = (key: string, rows: unknown[]) => JSON.stringify({ report: [{ [key]: rows }] });
