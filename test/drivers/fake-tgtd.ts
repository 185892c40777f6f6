/** A scripted executor that behaves like tgtadm against one tgtd, printing `show` as tgt 1.0.85 does. */
import { fixture } from './fixture.js';
import { scriptedExecutor, type Answer, type ScriptedExecutor } from './scripted-executor.js';

interface Target { tid: number; iqn: string; luns: Map<number, string>; accounts: string[]; acl: string[]; sessions: { sid: number; initiator: string; ip: string }[] }
export interface FakeTgtd {
  exec: ScriptedExecutor;
  targets: Map<number, Target>;
  accounts: Map<string, string>;
  override: (argv: readonly string[]) => Answer | undefined;
}

const err = (name: string): Answer => ({ exitCode: 22, stderr: fixture('tgt', `${name}.stderr.txt`) });

export function fakeTgtd(): FakeTgtd {
  const targets = new Map<number, Target>();
  const accounts = new Map<string, string>();
  const fake: FakeTgtd = { exec: undefined as unknown as ScriptedExecutor, targets, accounts, override: () => undefined };
  fake.exec = scriptedExecutor((argv) => {
    const o = fake.override(argv);
    if (o) return o;
    const opt = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
    const mode = opt('--mode');
    const op = opt('--op');
    const tid = Number(opt('--tid'));
    const t = targets.get(tid);
    if (mode === 'sys') return { stdout: 'System:\n    State: ready' };
    if (mode === 'target' && op === 'show') return { stdout: show([...targets.values()]) };
    if (mode === 'account' && op === 'show') return { stdout: ['Account list:', ...[...accounts.keys()].map((a) => `    ${a}`)].join('\n') };
    if (mode === 'target' && op === 'new') {
      if (t || [...targets.values()].some((x) => x.iqn === opt('--targetname'))) return err('target-exists');
      targets.set(tid, { tid, iqn: opt('--targetname')!, luns: new Map(), accounts: [], acl: [], sessions: [] });
      return {};
    }
    if (!t && mode !== 'account') return err('target-not-found');
    if (mode === 'target' && op === 'delete') {
      if (t!.sessions.length > 0 && !argv.includes('--force')) return err('target-active');
      targets.delete(tid);
      return {};
    }
    if (mode === 'logicalunit' && op === 'new') {
      if (t!.luns.has(Number(opt('--lun')))) return err('lun-exists');
      t!.luns.set(Number(opt('--lun')), opt('--backing-store')!);
      return {};
    }
    if (mode === 'logicalunit' && op === 'delete') return t!.luns.delete(Number(opt('--lun'))) ? {} : err('target-not-found');
    const rule = opt('--initiator-name') ?? opt('--initiator-address');
    if (mode === 'target' && op === 'bind') {
      if (t!.acl.includes(rule!)) return err('acl-exists');
      t!.acl.push(rule!);
      return {};
    }
    if (mode === 'target' && op === 'unbind') {
      if (!t!.acl.includes(rule!)) return err('acl-not-found');
      t!.acl = t!.acl.filter((r) => r !== rule);
      return {};
    }
    if (mode === 'conn' && op === 'delete') {
      t!.sessions = t!.sessions.filter((s) => s.sid !== Number(opt('--sid')));
      return {};
    }
    const user = opt('--user')!;
    if (mode === 'account' && op === 'new') {
      if (accounts.has(user)) return err('account-exists');
      accounts.set(user, opt('--password')!);
      return {};
    }
    if (mode === 'account' && op === 'delete') {
      if (!accounts.delete(user)) return err('account-not-found');
      for (const x of targets.values()) x.accounts = x.accounts.filter((a) => a !== user);
      return {};
    }
    if (mode === 'account' && op === 'bind') {
      if (!accounts.has(user)) return err('account-not-found');
      if (t!.accounts.includes(user)) return err('account-exists');
      t!.accounts.push(user);
      return {};
    }
    return { exitCode: 22, stderr: 'tgtadm: invalid request' };
  });
  return fake;
}

function show(targets: Target[]): string {
  const out: string[] = [];
  for (const t of [...targets].sort((a, b) => a.tid - b.tid)) {
    out.push(`Target ${t.tid}: ${t.iqn}`, '    System information:', '        Driver: iscsi', '        State: ready', '    I_T nexus information:');
    for (const s of t.sessions) out.push(`        I_T nexus: ${s.sid}`, `            Initiator: ${s.initiator} alias: none`, '            Connection: 0', `                IP Address: ${s.ip}`);
    out.push('    LUN information:', '        LUN: 0', '            Type: controller', '            Backing store path: None');
    for (const [lun, path] of t.luns) out.push(`        LUN: ${lun}`, '            Type: disk', '            Size: 1074 MB, Block size: 512', `            Backing store path: ${path}`, '            Backing store flags: ');
    out.push('    Account information:', ...t.accounts.map((a) => `        ${a}`), '    ACL information:', ...t.acl.map((a) => `        ${a}`));
  }
  return out.join('\n');
}
