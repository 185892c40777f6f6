/**
 * A private tgtd for a test: its own control port (tgtadm -C) and a loopback portal on a
 * free TCP port. stop() shuts it down tgt's own way (force-delete targets, State offline,
 * delete system; tgtd ignores SIGTERM) and SIGKILLs only the pid started here if that fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createExecutor, type Executor } from '../../src/drivers/executor.js';
import {
  deleteSystemArgs, deleteTargetArgs, offlineSystemArgs, showSystemArgs, showTargetsArgs, type TgtadmCli,
} from '../../src/drivers/targets/tgtadm-args.js';
import { parseTgtTargets } from '../../src/drivers/targets/tgtadm-show.js';
import { ExecError } from '../../src/drivers/exec-error.js';

export interface Tgtd {
  controlPort: number;
  portalPort: number;
  portal: string;
  executor: Executor;
  stop(): Promise<void>;
  /** stop() then start again on the same ports: every target is gone afterwards. */
  restart(): Promise<void>;
}

/** tgt's fixed socket directory (TGT_IPC_DIR); tgtd leaves its sockets there when it exits. */
const tgtIpcDir = '/run/tgtd';

export async function startTgtd(): Promise<Tgtd> {
  const executor = createExecutor({ defaultTimeoutMs: 10_000 });
  const controlPort = await freeControlPort(executor);
  const portalPort = await freeTcpPort();
  const cli: TgtadmCli = { command: 'tgtadm', controlPort };
  let child: ChildProcess | undefined;

  const start = async () => {
    const c = spawn('tgtd', ['-f', '-C', String(controlPort), '--iscsi', `portal=127.0.0.1:${portalPort}`], { stdio: 'ignore' });
    child = c;
    for (let i = 0; i < 100; i++) {
      if (c.exitCode !== null) throw new Error(`tgtd exited with ${c.exitCode} at start`);
      if (await answers(executor, cli)) return;
      await sleep(50);
    }
    throw new Error(`tgtd on control port ${controlPort} did not answer within 5 s`);
  };

  const stop = async () => {
    const c = child;
    if (!c) return;
    child = undefined;
    const quietly = (argv: [string, ...string[]]) => executor.run({ argv, timeoutMs: 5_000 }).catch(() => undefined);
    const shown = await executor.run({ argv: showTargetsArgs(cli), timeoutMs: 5_000 }).catch(() => undefined);
    for (const t of parseTgtTargets(shown?.stdout ?? '')) await quietly(deleteTargetArgs(cli, t.tid));
    await quietly(offlineSystemArgs(cli));
    await quietly(deleteSystemArgs(cli));
    if (!(await exited(c, 3_000))) {
      c.kill('SIGKILL');
      await exited(c, 3_000);
    }
    await rm(`${tgtIpcDir}/socket.${controlPort}`, { force: true });
    await rm(`${tgtIpcDir}/socket.${controlPort}.lock`, { force: true });
  };

  await start();
  return {
    controlPort, portalPort, portal: `127.0.0.1:${portalPort}`, executor, stop,
    async restart() {
      await stop();
      await start();
    },
  };
}

async function answers(executor: Executor, cli: TgtadmCli): Promise<boolean> {
  try {
    await executor.run({ argv: showSystemArgs(cli), timeoutMs: 2_000 });
    return true;
  } catch (err) {
    if (err instanceof ExecError && !err.timedOut) return false;
    throw err;
  }
}

/** A control port no tgtd answers on (tgtadm exits 107 there). */
async function freeControlPort(executor: Executor): Promise<number> {
  for (let i = 0; i < 20; i++) {
    // tgtd accepts control ports 0..32767.
    const port = 10_000 + Math.floor(Math.random() * 22_000);
    if (!(await answers(executor, { command: 'tgtadm', controlPort: port }))) return port;
  }
  throw new Error('no free tgtd control port found');
}

async function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function exited(c: ChildProcess, withinMs: number): Promise<boolean> {
  if (c.exitCode !== null || c.signalCode !== null) return true;
  return Promise.race([
    new Promise<boolean>((resolve) => c.once('exit', () => resolve(true))),
    sleep(withinMs).then(() => false),
  ]);
}

/** How an initiator logs in to one LUN. */
export interface IscsiLogin {
  portal: string;
  iqn: string;
  lun: number;
  initiator: string;
  user?: string;
  password?: string;
}

/** libiscsi's URL form (iscsi-inq, iscsi-readcapacity16). */
export function iscsiUrl(l: IscsiLogin): string {
  const auth = l.user === undefined ? '' : `${encodeURIComponent(l.user)}%${encodeURIComponent(l.password ?? '')}@`;
  return `iscsi://${auth}${l.portal}/${l.iqn}/${l.lun}`;
}

/** Bytes of the LUN as the initiator sees them (iscsi-readcapacity16). */
export async function readCapacityBytes(executor: Executor, l: IscsiLogin): Promise<number> {
  const r = await executor.run({ argv: ['iscsi-readcapacity16', '-i', l.initiator, iscsiUrl(l)], timeoutMs: 15_000, redact: secrets(l) });
  const m = /Total size:(\d+)/.exec(r.stdout);
  if (!m) throw new Error(`no size in iscsi-readcapacity16 output: ${r.stdout}`);
  return Number(m[1]);
}

/** iscsi-inq's failure text, or undefined when the login and inquiry worked. */
export async function loginFailure(executor: Executor, l: IscsiLogin): Promise<string | undefined> {
  try {
    await executor.run({ argv: ['iscsi-inq', '-i', l.initiator, iscsiUrl(l)], timeoutMs: 15_000, redact: secrets(l) });
    return undefined;
  } catch (err) {
    if (err instanceof ExecError && !err.timedOut) return `${err.stdout}\n${err.stderr}`.trim();
    throw err;
  }
}

/** qemu-io commands (e.g. 'write -P 0x5a 1M 1M') over qemu's iSCSI driver, as this initiator name. */
export function qemuIo(executor: Executor, l: IscsiLogin, commands: string[], opts: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const image = [
    'driver=iscsi', 'transport=tcp', `portal=${l.portal}`, `target=${l.iqn}`, `lun=${l.lun}`, `initiator-name=${l.initiator}`,
    ...(l.user === undefined ? [] : [`user=${l.user}`, 'password-secret=sec0']),
  ].join(',');
  const secret = l.password === undefined ? [] : ['--object', `secret,id=sec0,data=${l.password}`];
  return executor.run(
    { argv: ['qemu-io', ...secret, '--image-opts', image, ...commands.flatMap((c) => ['-c', c])], timeoutMs: opts.timeoutMs ?? 30_000, redact: secrets(l) },
    opts.signal ? { signal: opts.signal } : {},
  );
}

const secrets = (l: IscsiLogin): string[] => (l.password ? [l.password] : []);

/** True when qemu has its iSCSI block driver (Debian: qemu-block-extra); probed against a closed port. */
export async function qemuHasIscsi(executor: Executor): Promise<boolean> {
  try {
    await executor.run({ argv: ['qemu-io', '--image-opts', 'driver=iscsi,transport=tcp,portal=127.0.0.1:1,target=iqn.2024-01.org.kiln:probe,lun=0', '-c', 'quit'], timeoutMs: 10_000 });
    return true;
  } catch (err) {
    return !(err instanceof ExecError && (err.notFound || /Unknown driver/.test(err.stderr)));
  }
}
