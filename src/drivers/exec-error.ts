import { KilnError } from '../model/errors.js';

/** How a child process ended badly; shared by the real executor and the fake so both fail alike. */
export interface ExecFailure {
  argv: readonly string[];
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut?: boolean;
  timeoutMs?: number;
  aborted?: boolean;
  /** The binary was not found on PATH (spawn's ENOENT). */
  notFound?: boolean;
  /** spawn failed for another reason, e.g. 'EACCES' for a file that is not executable. */
  spawnErrorCode?: string | undefined;
  /** e.g. 'SIGKILL' when something outside Kiln killed the child. */
  signal?: string | undefined;
  /** Output exceeded the executor's buffer cap; the child was killed. */
  maxBuffer?: boolean;
  cause?: unknown;
}

/** Longest stderr excerpt put in the message: enough for a tool's last complaint, not a log dump. */
const stderrExcerptChars = 500;

/**
 * A child process failed. Always code 'ERR_DRIVER' so callers have one thing to catch; the
 * fields say why, so nobody needs to parse the message.
 */
export class ExecError extends KilnError {
  readonly argv: readonly string[];
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  readonly notFound: boolean;
  readonly signal: string | undefined;

  constructor(f: ExecFailure) {
    // Only argv[0] goes into message/details: later arguments may carry secrets (CHAP passwords).
    super('ERR_DRIVER', describeFailure(f), {
      details: { command: f.argv[0], exitCode: f.exitCode, timedOut: f.timedOut === true },
      cause: f.cause,
    });
    this.name = 'ExecError';
    this.argv = f.argv;
    this.exitCode = f.exitCode;
    this.stdout = f.stdout;
    this.stderr = f.stderr;
    this.durationMs = f.durationMs;
    this.timedOut = f.timedOut === true;
    this.aborted = f.aborted === true;
    this.notFound = f.notFound === true;
    this.signal = f.signal;
  }
}

function describeFailure(f: ExecFailure): string {
  const cmd = f.argv[0] ?? '<empty argv>';
  if (f.notFound) return `command not found: ${cmd}`;
  if (f.spawnErrorCode) return `${cmd} could not be started: ${f.spawnErrorCode}`;
  if (f.aborted) return `${cmd} was aborted after ${f.durationMs} ms`;
  if (f.timedOut) return `${cmd} timed out after ${f.timeoutMs ?? f.durationMs} ms`;
  if (f.maxBuffer) return `${cmd} produced more output than the executor buffers`;
  const how = f.exitCode !== undefined ? `exited with code ${f.exitCode}` : `was killed by ${f.signal ?? 'a signal'}`;
  const excerpt = f.stderr.trim().slice(-stderrExcerptChars);
  return excerpt ? `${cmd} ${how}: ${excerpt}` : `${cmd} ${how}`;
}

/** argv with every occurrence of a secret (also inside `key=secret` words) replaced by '***'. */
export function redactArgv(argv: readonly string[], secrets: readonly string[] | undefined): string[] {
  const hidden = (secrets ?? []).filter((s) => s.length > 0);
  if (hidden.length === 0) return [...argv];
  return argv.map((word) => hidden.reduce((w, secret) => w.split(secret).join('***'), word));
}

/** Exit codes that count as success when the request names none. */
export const defaultOkExitCodes: readonly number[] = [0];
