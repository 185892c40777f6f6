/**
 * iSCSI exports through LIO with targetcli (Cinder's LioAdm does the same through
 * rtslib): a block or fileio backstore named volume-<id>, one target per volume with LUN 0,
 * CHAP required, and one ACL per initiator carrying the volume's CHAP credentials. Each
 * change is saved (saveconfig) so the target service restores it at boot.
 *
 * Not exercised against a real LIO: the kernels this project tests on have no TARGET_CORE
 * (see research/datapath.md); the tests check argv and parsing of constructed output only.
 */
import type { Executor } from '../executor.js';
import type { AbortOptions } from '../volume-driver.js';
import { invalidParams } from '../../model/errors.js';
import { keyedSerialQueue } from '../serial-queue.js';
import type { Argv } from '../argv.js';
import {
  iscsiConnectionInfo, requireInitiator, type ExportRecord, type IscsiExportRecord, type TargetDriver,
} from '../target-driver.js';
import { defaultTargetPrefix, generateChap, iqnFor, volumeIdOfIqn, type ChapCredentials } from './iscsi-naming.js';
import {
  aclAuthArgs, aclCreateArgs, aclDeleteArgs, backstoreCreateArgs, backstoreDeleteArgs, backstoreKindOf, lioTargets,
  lsArgs, lunCreateArgs, parseTargetcliTree, portalCreateArgs, portalDeleteArgs, saveConfigArgs, targetCreateArgs,
  targetDeleteArgs, targetcliError, tpgSecureArgs, type BackstoreKind, type LioTarget,
} from './targetcli.js';

export interface LioadmInit {
  executor: Executor;
  portals: string[];
  targetPrefix?: string;
  /** Default targetcli. */
  command?: string;
  /** Per call; default 30 s (targetcli is a Python program that starts slowly). */
  timeoutMs?: number;
  discard?: boolean;
  generateChap?: () => ChapCredentials;
}

const lunId = 0;
const lioQueue = keyedSerialQueue();

export function lioadmTarget(init: LioadmInit): TargetDriver {
  const cmd = init.command ?? 'targetcli';
  const prefix = init.targetPrefix ?? defaultTargetPrefix;
  const timeoutMs = init.timeoutMs ?? 30_000;
  const newChap = init.generateChap ?? generateChap;
  const serial = <T>(task: () => Promise<T>) => lioQueue.run(cmd, task);
  const portals = init.portals.map(splitPortal);

  async function run(argv: Argv, doing: string, opts?: AbortOptions, redact?: string[]): Promise<string> {
    try {
      return (await init.executor.run({ argv, timeoutMs, ...(redact ? { redact } : {}) }, opts)).stdout;
    } catch (err) {
      throw targetcliError(err, doing);
    }
  }
  async function tolerant(argv: Argv, doing: string, okReason: string, opts?: AbortOptions): Promise<void> {
    try {
      await run(argv, doing, opts);
    } catch (err) {
      if ((err as { details?: { reason?: string } }).details?.reason !== okReason) throw err;
    }
  }
  const targets = async (opts?: AbortOptions) => lioTargets(parseTargetcliTree(await run(lsArgs(cmd, '/iscsi'), 'cannot list LIO targets', opts)));
  const findTarget = async (iqn: string, opts?: AbortOptions) => (await targets(opts)).find((t) => t.iqn === iqn);
  const save = (opts?: AbortOptions) => run(saveConfigArgs(cmd), 'cannot save the LIO configuration', opts);

  /** Backstore, target, portals, LUN: each made only if missing. */
  async function build(volumeId: string, devicePath: string, existing: LioTarget | undefined, opts?: AbortOptions): Promise<void> {
    const iqn = iqnFor(prefix, volumeId);
    const name = `volume-${volumeId}`;
    const kind = backstoreKindOf(devicePath);
    const lun = existing?.luns.find((l) => l.lun === lunId);
    if (lun && lun.backingStore !== devicePath) {
      await tolerant(targetDeleteArgs(cmd, iqn), `cannot replace target ${iqn}`, 'not-found', opts);
      await deleteBackstore(lun.backstore.split('/')[0] as BackstoreKind, name, opts);
      existing = undefined;
    }
    if (!existing?.luns.some((l) => l.lun === lunId)) {
      await tolerant(backstoreCreateArgs(cmd, kind, name, devicePath), `cannot create backstore for ${devicePath}`, 'exists', opts);
    }
    if (!existing) {
      await run(targetCreateArgs(cmd, iqn), `cannot create target ${iqn}`, opts);
      // targetcli adds 0.0.0.0:3260 by default; only the configured portals should listen.
      await tolerant(portalDeleteArgs(cmd, iqn, '0.0.0.0', 3260), `cannot remove the default portal of ${iqn}`, 'not-found', opts);
      for (const p of portals) await tolerant(portalCreateArgs(cmd, iqn, p.ip, p.port), `cannot add portal ${p.ip}:${p.port}`, 'exists', opts);
      await run(tpgSecureArgs(cmd, iqn), `cannot require CHAP on ${iqn}`, opts);
    }
    if (!existing?.luns.some((l) => l.lun === lunId)) await run(lunCreateArgs(cmd, iqn, kind, name, lunId), `cannot add LUN ${lunId} to ${iqn}`, opts);
  }

  async function deleteBackstore(kind: BackstoreKind | undefined, name: string, opts?: AbortOptions): Promise<void> {
    for (const k of kind ? [kind] : (['block', 'fileio'] as const)) {
      await tolerant(backstoreDeleteArgs(cmd, k, name), `cannot delete backstore ${name}`, 'not-found', opts);
    }
  }

  function record(volumeId: string, chap: ChapCredentials): IscsiExportRecord {
    return { protocol: 'iscsi', helper: 'lioadm', volumeId, iqn: iqnFor(prefix, volumeId), portals: [...init.portals], lun: lunId, auth: { method: 'CHAP', ...chap } };
  }

  return {
    helper: 'lioadm',
    protocol: 'iscsi',

    async setup(opts) {
      await run(lsArgs(cmd, '/iscsi'), 'LIO is not usable', opts);
    },

    async createExport(volumeId, devicePath, opts) {
      const iqn = iqnFor(prefix, volumeId);
      return serial(async () => {
        await build(volumeId, devicePath, await findTarget(iqn, opts), opts);
        await save(opts);
        // The credentials are applied to each initiator's ACL in initializeConnection.
        return record(volumeId, newChap());
      });
    },

    async ensureExport(rec, devicePath, opts) {
      const r = lioRecord(rec);
      return serial(async () => {
        await build(r.volumeId, devicePath, await findTarget(r.iqn, opts), opts);
        await save(opts);
        return rec;
      });
    },

    async removeExport(rec, opts) {
      const r = lioRecord(rec);
      return serial(async () => {
        const target = await findTarget(r.iqn, opts);
        if (target) await tolerant(targetDeleteArgs(cmd, r.iqn), `cannot delete target ${r.iqn}`, 'not-found', opts);
        const kind = target?.luns[0]?.backstore.split('/')[0] as BackstoreKind | undefined;
        await deleteBackstore(kind, `volume-${r.volumeId}`, opts);
        await save(opts);
      });
    },

    async initializeConnection(rec, connector, opts) {
      const r = lioRecord(rec);
      const initiator = requireInitiator(connector);
      return serial(async () => {
        const target = await findTarget(r.iqn, opts);
        if (!target) throw invalidParams('record', `the export of volume ${r.volumeId} (${r.iqn}) is missing from LIO; ensure the export first`);
        if (!target.acls.includes(initiator)) await run(aclCreateArgs(cmd, r.iqn, initiator), `cannot let ${initiator} into ${r.iqn}`, opts);
        await run(aclAuthArgs(cmd, r.iqn, initiator, r.auth.username, r.auth.password), `cannot set CHAP for ${initiator}`, opts, [r.auth.password]);
        await save(opts);
        return iscsiConnectionInfo(r, init.discard === true);
      });
    },

    async terminateConnection(rec, connector, opts) {
      const r = lioRecord(rec);
      const initiator = requireInitiator(connector);
      return serial(async () => {
        const target = await findTarget(r.iqn, opts);
        if (!target?.acls.includes(initiator)) return;
        // Deleting the ACL also ends that initiator's session in LIO.
        await tolerant(aclDeleteArgs(cmd, r.iqn, initiator), `cannot remove ${initiator} from ${r.iqn}`, 'not-found', opts);
        await save(opts);
      });
    },

    async listExports(opts) {
      return (await targets(opts)).flatMap((t) => {
        const volumeId = volumeIdOfIqn(prefix, t.iqn);
        if (volumeId === undefined) return [];
        const luns = t.luns.flatMap((l) => (l.backingStore === undefined ? [] : [{ lun: l.lun, backingStore: l.backingStore }]));
        return [{ volumeId, iqn: t.iqn, luns, acl: [...t.acls], accounts: [], sessions: [] }];
      });
    },
  };
}

function lioRecord(rec: ExportRecord): IscsiExportRecord {
  if (rec?.protocol !== 'iscsi' || rec.helper !== 'lioadm') {
    throw invalidParams('record', `not a lioadm export record (helper ${JSON.stringify((rec as { helper?: unknown })?.helper)})`);
  }
  return rec;
}

function splitPortal(portal: string): { ip: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(portal);
  if (!m) throw invalidParams('portals', `portal must be ip:port, got ${JSON.stringify(portal)}`);
  return { ip: m[1]!, port: Number(m[2]) };
}
