/**
 * iSCSI exports through tgt (Cinder's TgtAdm): one target per volume, LUN 1 backed by the
 * volume's device, a CHAP account per volume, and initiator ACLs added per connection. Calls
 * to one tgtd run one at a time (tid allocation reads, then acts), and every call is bounded
 * by the executor's timeout, which kills a hung tgtadm's process group.
 *
 * tgt lets a login in when the initiator's name OR its address is in the ACL, so binding
 * both would let every initiator on that address in: the ACL holds names by default, and
 * addresses only with initiatorAcl = 'address'.
 */
import type { Executor } from '../executor.js';
import type { AbortOptions } from '../volume-driver.js';
import { KilnError, invalidParams } from '../../model/errors.js';
import { keyedSerialQueue } from '../serial-queue.js';
import type { Argv } from '../argv.js';
import {
  iscsiConnectionInfo, requireInitiator, type Connector, type ExportInfo, type ExportRecord, type IscsiExportRecord,
  type TargetDriver,
} from '../target-driver.js';
import { defaultTargetPrefix, generateChap, iqnFor, volumeIdOfIqn, type ChapCredentials } from './iscsi-naming.js';
import {
  bindAccountArgs, bindInitiatorArgs, deleteAccountArgs, deleteConnectionArgs, deleteLunArgs, deleteTargetArgs,
  newAccountArgs, newLunArgs, newTargetArgs, nextFreeTid, showAccountsArgs, showSystemArgs, showTargetsArgs,
  unbindInitiatorArgs, type InitiatorRule, type TgtadmCli,
} from './tgtadm-args.js';
import { tgtadmError, tgtadmReason } from './tgtadm-failure.js';
import { parseTgtAccounts, parseTgtTargets, type TgtTarget } from './tgtadm-show.js';

export interface TgtadmInit {
  executor: Executor;
  /** "ip:port" the initiators reach tgtd's portal at; the first is target_portal. */
  portals: string[];
  /** Cinder's target_prefix; default iqn.2010-10.org.openstack: */
  targetPrefix?: string;
  /** tgtd's control port (tgtadm -C); default 0, the system tgtd's. */
  controlPort?: number;
  /** Program to run; default tgtadm. */
  command?: string;
  /** Per tgtadm call; default 15 s. */
  timeoutMs?: number;
  initiatorAcl?: 'name' | 'address';
  /** Reported in connection info (Cinder sets it for thin LVM). */
  discard?: boolean;
  /** Default: random (iscsi-naming generateChap). */
  generateChap?: () => ChapCredentials;
}

const lunId = 1;
const defaultTimeoutMs = 15_000;
/** One queue per tgtd for the whole process. */
const tgtdQueue = keyedSerialQueue();

export function tgtadmTarget(init: TgtadmInit): TargetDriver {
  const cli: TgtadmCli = { command: init.command ?? 'tgtadm', controlPort: init.controlPort ?? 0 };
  const prefix = init.targetPrefix ?? defaultTargetPrefix;
  const timeoutMs = init.timeoutMs ?? defaultTimeoutMs;
  const newChap = init.generateChap ?? generateChap;
  const byAddress = init.initiatorAcl === 'address';
  const serial = <T>(task: () => Promise<T>) => tgtdQueue.run(`${cli.command}\n${cli.controlPort}`, task);
  if (init.portals.length === 0) throw invalidParams('portals', 'a tgtadm target needs at least one portal');

  async function tgtadm(argv: Argv, doing: string, opts?: AbortOptions, redact?: string[]): Promise<string> {
    try {
      return (await init.executor.run({ argv, timeoutMs, ...(redact ? { redact } : {}) }, opts)).stdout;
    } catch (err) {
      throw tgtadmError(err, doing, cli.controlPort);
    }
  }
  /** Runs a call whose failure of the given kind means the state is already as wanted. */
  async function tolerant(argv: Argv, doing: string, okReason: string, opts?: AbortOptions): Promise<void> {
    try {
      await tgtadm(argv, doing, opts);
    } catch (err) {
      if (tgtadmReason(err) !== okReason) throw err;
    }
  }

  const targets = async (opts?: AbortOptions) => parseTgtTargets(await tgtadm(showTargetsArgs(cli), 'cannot list tgt targets', opts));
  const findTarget = async (iqn: string, opts?: AbortOptions) => (await targets(opts)).find((t) => t.iqn === iqn);

  /** The target named iqn, made with the lowest free tid if missing (retried if another tgtadm user took it). */
  async function ensureTarget(iqn: string, opts?: AbortOptions): Promise<{ target: TgtTarget; created: boolean }> {
    let created = false;
    for (let attempt = 1; ; attempt++) {
      const all = await targets(opts);
      const found = all.find((t) => t.iqn === iqn);
      if (found) return { target: found, created };
      const tid = nextFreeTid(all.map((t) => t.tid));
      try {
        await tgtadm(newTargetArgs(cli, tid, iqn), `cannot create target ${iqn}`, opts);
        created = true;
      } catch (err) {
        if (tgtadmReason(err) !== 'exists' || attempt >= 3) throw err;
      }
    }
  }

  async function ensureLun(target: TgtTarget, devicePath: string, opts?: AbortOptions): Promise<void> {
    const lun = target.luns.find((l) => l.lun === lunId);
    if (lun?.backingStore === devicePath) return;
    if (lun) await tgtadm(deleteLunArgs(cli, target.tid, lunId), `cannot replace LUN ${lunId} of ${target.iqn}`, opts);
    await tgtadm(newLunArgs(cli, target.tid, lunId, devicePath), `cannot export ${devicePath} as LUN ${lunId} of ${target.iqn} (does it exist?)`, opts);
  }

  async function addAccount(chap: ChapCredentials, tid: number, opts?: AbortOptions): Promise<void> {
    await tgtadm(newAccountArgs(cli, chap.username, chap.password), `cannot create CHAP account ${chap.username}`, opts, [chap.password]);
    await tgtadm(bindAccountArgs(cli, tid, chap.username), `cannot bind CHAP account ${chap.username}`, opts);
  }

  function aclRule(connector: Connector): InitiatorRule {
    if (!byAddress) return { name: requireInitiator(connector) };
    requireInitiator(connector);
    if (typeof connector.ip !== 'string' || connector.ip === '') {
      throw invalidParams('connector.ip', 'this backend admits initiators by address, and the connector has no ip');
    }
    return { address: connector.ip };
  }

  function record(volumeId: string, chap: ChapCredentials): IscsiExportRecord {
    return {
      protocol: 'iscsi', helper: 'tgtadm', volumeId, iqn: iqnFor(prefix, volumeId), portals: [...init.portals], lun: lunId,
      auth: { method: 'CHAP', ...chap },
    };
  }

  async function mustFind(r: IscsiExportRecord, opts?: AbortOptions): Promise<TgtTarget> {
    const target = await findTarget(r.iqn, opts);
    if (target) return target;
    throw new KilnError('ERR_DRIVER', `the export of volume ${r.volumeId} (${r.iqn}) is missing from tgtd on control port ${cli.controlPort}; ensure the export first`, {
      details: { reason: 'export-missing', iqn: r.iqn },
    });
  }

  return {
    helper: 'tgtadm',
    protocol: 'iscsi',

    async setup(opts) {
      await tgtadm(showSystemArgs(cli), 'tgt is not usable', opts);
    },

    async createExport(volumeId, devicePath, opts) {
      const iqn = iqnFor(prefix, volumeId);
      checkDevicePath(devicePath);
      return serial(async () => {
        const { target, created } = await ensureTarget(iqn, opts);
        try {
          await ensureLun(target, devicePath, opts);
        } catch (err) {
          // A target without its LUN would only confuse the next look at tgtd.
          if (created) await tolerant(deleteTargetArgs(cli, target.tid), `cannot delete half-made target ${iqn}`, 'not-found').catch(() => undefined);
          throw err;
        }
        // Accounts left by an earlier create whose record was never persisted: nobody holds their secret.
        for (const user of target.accounts) await tolerant(deleteAccountArgs(cli, user), `cannot delete CHAP account ${user}`, 'not-found', opts);
        const chap = newChap();
        await addAccount(chap, target.tid, opts);
        return record(volumeId, chap);
      });
    },

    async ensureExport(rec, devicePath, opts) {
      const r = iscsiRecord(rec);
      checkDevicePath(devicePath);
      return serial(async () => {
        const { target } = await ensureTarget(r.iqn, opts);
        await ensureLun(target, devicePath, opts);
        const accounts = parseTgtAccounts(await tgtadm(showAccountsArgs(cli), 'cannot list CHAP accounts', opts));
        if (!accounts.includes(r.auth.username)) await addAccount(r.auth, target.tid, opts);
        else if (!target.accounts.includes(r.auth.username)) {
          await tgtadm(bindAccountArgs(cli, target.tid, r.auth.username), `cannot bind CHAP account ${r.auth.username}`, opts);
        }
        return rec;
      });
    },

    async removeExport(rec, opts) {
      const r = iscsiRecord(rec);
      return serial(async () => {
        const target = await findTarget(r.iqn, opts);
        if (target) await tolerant(deleteTargetArgs(cli, target.tid), `cannot delete target ${r.iqn}`, 'not-found', opts);
        const users = new Set([...(target?.accounts ?? []), r.auth.username]);
        for (const user of users) await tolerant(deleteAccountArgs(cli, user), `cannot delete CHAP account ${user}`, 'not-found', opts);
      });
    },

    async initializeConnection(rec, connector, opts) {
      const r = iscsiRecord(rec);
      const rule = aclRule(connector);
      return serial(async () => {
        const target = await mustFind(r, opts);
        if (!target.acl.includes(ruleText(rule))) {
          await tolerant(bindInitiatorArgs(cli, target.tid, rule), `cannot let ${ruleText(rule)} into ${r.iqn}`, 'exists', opts);
        }
        return iscsiConnectionInfo(r, init.discard === true);
      });
    },

    async terminateConnection(rec, connector, opts) {
      const r = iscsiRecord(rec);
      const rule = aclRule(connector);
      return serial(async () => {
        const target = await findTarget(r.iqn, opts);
        if (!target) return;
        if (target.acl.includes(ruleText(rule))) {
          await tolerant(unbindInitiatorArgs(cli, target.tid, rule), `cannot remove ${ruleText(rule)} from ${r.iqn}`, 'not-found', opts);
        }
        // Its sessions would otherwise go on until the initiator logs out.
        for (const s of target.sessions) {
          for (const c of s.connections) {
            const matches = 'name' in rule ? s.initiator === rule.name : c.address === rule.address;
            if (matches) await tolerant(deleteConnectionArgs(cli, target.tid, s.sid, c.cid), `cannot drop session ${s.sid} of ${r.iqn}`, 'not-found', opts);
          }
        }
      });
    },

    async listExports(opts) {
      const found: ExportInfo[] = [];
      for (const t of await targets(opts)) {
        const volumeId = volumeIdOfIqn(prefix, t.iqn);
        if (volumeId === undefined) continue;
        found.push({
          volumeId,
          iqn: t.iqn,
          luns: t.luns.flatMap((l) => (l.backingStore === undefined ? [] : [{ lun: l.lun, backingStore: l.backingStore }])),
          acl: [...t.acl],
          accounts: [...t.accounts],
          sessions: t.sessions.flatMap((s) => s.connections.map((c) => ({ initiator: s.initiator, address: c.address }))),
        });
      }
      return found;
    },

    async extendExport(rec, devicePath, opts) {
      const r = iscsiRecord(rec);
      checkDevicePath(devicePath);
      return serial(async () => {
        const target = await mustFind(r, opts);
        // tgt reads the size when the LUN is made: remake it, even over the same path.
        if (target.luns.some((l) => l.lun === lunId)) await tgtadm(deleteLunArgs(cli, target.tid, lunId), `cannot replace LUN ${lunId} of ${r.iqn}`, opts);
        await tgtadm(newLunArgs(cli, target.tid, lunId, devicePath), `cannot export ${devicePath} as LUN ${lunId} of ${r.iqn}`, opts);
      });
    },
  };
}

const ruleText = (rule: InitiatorRule): string => ('name' in rule ? rule.name : rule.address);

function iscsiRecord(rec: ExportRecord): IscsiExportRecord {
  if (rec?.protocol !== 'iscsi' || rec.helper !== 'tgtadm') {
    throw invalidParams('record', `not a tgtadm export record (helper ${JSON.stringify((rec as { helper?: unknown })?.helper)})`);
  }
  return rec;
}

function checkDevicePath(devicePath: string): void {
  if (typeof devicePath !== 'string' || !devicePath.startsWith('/') || /\s/.test(devicePath)) {
    throw invalidParams('devicePath', `device path must be an absolute path without spaces, got ${JSON.stringify(devicePath)}`);
  }
}
