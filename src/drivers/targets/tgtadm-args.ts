/**
 * argv for tgt's tgtadm, one builder per operation (Cinder's privsep/targets/tgt.py). Every
 * command names its tgtd with -C: the control socket directory is global, and a bare
 * tgtadm talks to control port 0, which may be another tgtd on the host.
 */
import type { Argv } from '../argv.js';

export interface TgtadmCli {
  command: string;
  controlPort: number;
}

/** An ACL entry: an initiator IQN, or an initiator address ("ALL" for any). */
export type InitiatorRule = { name: string } | { address: string };

const base = (c: TgtadmCli): Argv => [c.command, '-C', String(c.controlPort), '--lld', 'iscsi'];

export const showSystemArgs = (c: TgtadmCli): Argv => [...base(c), '--mode', 'sys', '--op', 'show'];
export const showTargetsArgs = (c: TgtadmCli): Argv => [...base(c), '--mode', 'target', '--op', 'show'];
export const showAccountsArgs = (c: TgtadmCli): Argv => [...base(c), '--mode', 'account', '--op', 'show'];

export const newTargetArgs = (c: TgtadmCli, tid: number, iqn: string): Argv =>
  [...base(c), '--mode', 'target', '--op', 'new', '--tid', String(tid), '--targetname', iqn];

/** --force: deletes a target that still has sessions (they are dropped). */
export const deleteTargetArgs = (c: TgtadmCli, tid: number): Argv =>
  [...base(c), '--mode', 'target', '--op', 'delete', '--force', '--tid', String(tid)];

export const newLunArgs = (c: TgtadmCli, tid: number, lun: number, backingStore: string): Argv =>
  [...base(c), '--mode', 'logicalunit', '--op', 'new', '--tid', String(tid), '--lun', String(lun), '--backing-store', backingStore, '--bstype', 'rdwr'];

export const deleteLunArgs = (c: TgtadmCli, tid: number, lun: number): Argv =>
  [...base(c), '--mode', 'logicalunit', '--op', 'delete', '--tid', String(tid), '--lun', String(lun)];

/** tgtadm has no other way to take the secret: the executor redacts it from logs and errors. */
export const newAccountArgs = (c: TgtadmCli, user: string, password: string): Argv =>
  [...base(c), '--mode', 'account', '--op', 'new', '--user', user, '--password', password];

/** Also unbinds the account from its targets. */
export const deleteAccountArgs = (c: TgtadmCli, user: string): Argv =>
  [...base(c), '--mode', 'account', '--op', 'delete', '--user', user];

export const bindAccountArgs = (c: TgtadmCli, tid: number, user: string): Argv =>
  [...base(c), '--mode', 'account', '--op', 'bind', '--tid', String(tid), '--user', user];

export const bindInitiatorArgs = (c: TgtadmCli, tid: number, rule: InitiatorRule): Argv =>
  [...base(c), '--mode', 'target', '--op', 'bind', '--tid', String(tid), ...ruleArgs(rule)];

export const unbindInitiatorArgs = (c: TgtadmCli, tid: number, rule: InitiatorRule): Argv =>
  [...base(c), '--mode', 'target', '--op', 'unbind', '--tid', String(tid), ...ruleArgs(rule)];

/** Drops one connection; libiscsi initiators reconnect, so unbind their ACL first. */
export const deleteConnectionArgs = (c: TgtadmCli, tid: number, sid: number, cid: number): Argv =>
  [...base(c), '--mode', 'conn', '--op', 'delete', '--tid', String(tid), '--sid', String(sid), '--cid', String(cid)];

/** tgtd's own shutdown (it ignores SIGTERM): offline, then delete the system once no target is left. */
export const offlineSystemArgs = (c: TgtadmCli): Argv => [...base(c), '--mode', 'sys', '--op', 'update', '--name', 'State', '-v', 'offline'];
export const deleteSystemArgs = (c: TgtadmCli): Argv => [...base(c), '--mode', 'system', '--op', 'delete'];

function ruleArgs(rule: InitiatorRule): string[] {
  return 'name' in rule ? ['--initiator-name', rule.name] : ['--initiator-address', rule.address];
}

/** The lowest tid not in use (tgt's tids are small positive integers). */
export function nextFreeTid(usedTids: readonly number[]): number {
  const used = new Set(usedTids);
  let tid = 1;
  while (used.has(tid)) tid++;
  return tid;
}
