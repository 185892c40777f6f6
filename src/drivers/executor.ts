/**
 * The one place Kiln starts child processes. Everything else gets an `Executor` injected, so
 * drivers are unit-tested against `recordingExecutor` and never need the real tools.
 */
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { ExecError, defaultOkExitCodes, redactArgv } from './exec-error.js';

export interface ExecRequest {
  /** Program and arguments; never passed through a shell. */
  argv: readonly [string, ...string[]];
  timeoutMs?: number;
  /** Exit codes that count as success; default [0]. */
  okExitCodes?: readonly number[];
  /** Added to { PATH, LC_ALL: 'C' }; nothing else is inherited from the daemon. */
  env?: Record<string, string>;
  /** Written to stdin; without it stdin is /dev/null so a prompting tool fails instead of hanging. */
  input?: string;
  /**
   * Secrets that appear in argv (tgtadm takes CHAP passwords as arguments): replaced by '***'
   * in the debug log and in ExecError.argv, so they never reach logs or error reports.
   */
  redact?: readonly string[];
}

export interface ExecResult {
  /** Final newline stripped (execa's default). */
  stdout: string;
  stderr: string;
  exitCode: number;
  durationMs: number;
}

export interface ExecOptions { signal?: AbortSignal }

export interface Executor {
  /** Resolves when the exit code is in okExitCodes; otherwise throws ExecError. */
  run(req: ExecRequest, opts?: ExecOptions): Promise<ExecResult>;
}

/** The slice of pino the executor uses. */
export interface ExecLogger { debug(obj: object, msg: string): void }

export interface ExecutorInit {
  defaultTimeoutMs?: number;
  logger?: ExecLogger;
}

const fallbackTimeoutMs = 60_000;
/** Time a process group gets between SIGTERM and SIGKILL. */
const killGraceMs = 500;
/** Storage tools print kilobytes; a runaway one should not eat the daemon's memory. */
const maxBufferBytes = 16 * 2 ** 20;

type StopReason = 'timeout' | 'abort';

/** The part of execa's result the executor reads. */
interface ChildOutcome {
  stdout: string;
  stderr: string;
  exitCode?: number | undefined;
  signal?: string | undefined;
  /** spawn's error code, e.g. 'ENOENT'. */
  code?: string | undefined;
  isMaxBuffer: boolean;
  cause?: unknown;
}

export function createExecutor(init: ExecutorInit = {}): Executor {
  const defaultTimeoutMs = init.defaultTimeoutMs ?? fallbackTimeoutMs;
  const logger = init.logger;

  return {
    async run(req, opts = {}) {
      const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
      const { signal } = opts;
      const shownArgv = redactArgv(req.argv, req.redact);
      if (signal?.aborted) {
        throw new ExecError({ argv: shownArgv, exitCode: undefined, stdout: '', stderr: '', durationMs: 0, aborted: true, cause: signal.reason });
      }
      const startedMs = performance.now();
      const { r, stopReason } = await runInOwnGroup(req, timeoutMs, signal);
      const durationMs = Math.round(performance.now() - startedMs);
      const exitCode = r.exitCode;
      logger?.debug({ argv: shownArgv, exitCode, signal: r.signal, durationMs, stopReason }, 'exec');

      const okExitCodes = req.okExitCodes ?? defaultOkExitCodes;
      if (!stopReason && !r.isMaxBuffer && exitCode !== undefined && okExitCodes.includes(exitCode)) {
        return { stdout: r.stdout, stderr: r.stderr, exitCode, durationMs };
      }
      throw new ExecError({
        argv: shownArgv,
        exitCode,
        stdout: r.stdout,
        stderr: r.stderr,
        durationMs,
        timedOut: stopReason === 'timeout',
        timeoutMs,
        aborted: stopReason === 'abort',
        notFound: r.code === 'ENOENT',
        spawnErrorCode: exitCode === undefined && !r.signal ? r.code : undefined,
        signal: r.signal,
        maxBuffer: r.isMaxBuffer,
        cause: stopReason === 'abort' ? signal?.reason : r.cause,
      });
    },
  };
}

/** Runs to completion, or until the deadline or the signal, which kill the child's whole group. */
async function runInOwnGroup(
  req: ExecRequest,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<{ r: ChildOutcome; stopReason: StopReason | undefined }> {
  const [cmd, ...args] = req.argv;
  const sub = execa(cmd, args, {
    env: childEnv(req.env),
    extendEnv: false,
    // Own process group: execa's timeout signals only the direct child, and a grandchild
    // holding stdout open would keep the call pending until it exits on its own.
    detached: true,
    reject: false,
    maxBuffer: maxBufferBytes,
    ...(req.input !== undefined ? { input: req.input } : { stdin: 'ignore' as const }),
  });

  let stopReason: StopReason | undefined;
  const stop = (reason: StopReason) => {
    if (stopReason) return;
    stopReason = reason;
    killProcessGroup(sub.pid);
  };
  const timer = Number.isFinite(timeoutMs) ? setTimeout(() => stop('timeout'), timeoutMs) : undefined;
  const onAbort = () => stop('abort');
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const r = await sub;
    return { r, stopReason };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function childEnv(extra: Record<string, string> | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  // Tools' messages and number formats in English/C, so parsers see one format.
  env.LC_ALL = 'C';
  return { ...env, ...extra };
}

/** SIGTERM the whole group now, SIGKILL it after a grace period in case something ignores TERM. */
function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  setTimeout(() => signalGroup(pid, 'SIGKILL'), killGraceMs).unref();
}

function signalGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    // ESRCH: the group has already gone, which is what we wanted.
  }
}
