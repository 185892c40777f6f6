/** An Executor that runs nothing: it answers from a table and remembers what it was asked. */
import { ExecError, defaultOkExitCodes, redactArgv } from './exec-error.js';
import type { ExecOptions, ExecRequest, ExecResult, Executor } from './executor.js';

export interface CannedResponse {
  /** Answers calls whose argv starts with these words; the longest matching prefix wins. */
  prefix: readonly string[];
  stdout?: string;
  stderr?: string;
  /** Default 0. Judged against the request's okExitCodes, as the real executor does. */
  exitCode?: number;
  /** Fail as a binary missing from PATH. */
  notFound?: boolean;
  /** Fail as a call that ran past its timeout. */
  timedOut?: boolean;
}

export interface RecordingExecutor extends Executor {
  /** Every request, in order, including those that failed. */
  readonly calls: ExecRequest[];
  /** Just the argv of each call: what most argv-builder tests assert on. */
  argvs(): string[][];
}

/** Calls that match no response succeed with empty output, so a test lists only what matters. */
export function recordingExecutor(responses: readonly CannedResponse[] = []): RecordingExecutor {
  const calls: ExecRequest[] = [];
  return {
    calls,
    argvs: () => calls.map((c) => [...c.argv]),
    async run(req: ExecRequest, opts: ExecOptions = {}): Promise<ExecResult> {
      calls.push(req);
      // Redacted like the real executor, so tests can check that secrets stay out of errors.
      const base = { argv: redactArgv(req.argv, req.redact), stdout: '', stderr: '', durationMs: 0 };
      if (opts.signal?.aborted) {
        throw new ExecError({ ...base, exitCode: undefined, aborted: true, cause: opts.signal.reason });
      }
      const canned = bestMatch(responses, req.argv);
      const stdout = canned?.stdout ?? '';
      const stderr = canned?.stderr ?? '';
      const exitCode = canned?.exitCode ?? 0;
      if (canned?.notFound) throw new ExecError({ ...base, exitCode: undefined, notFound: true });
      if (canned?.timedOut) {
        throw new ExecError({ ...base, stdout, stderr, exitCode: undefined, timedOut: true, timeoutMs: req.timeoutMs, signal: 'SIGTERM' });
      }
      if (!(req.okExitCodes ?? defaultOkExitCodes).includes(exitCode)) {
        throw new ExecError({ ...base, stdout, stderr, exitCode });
      }
      return { stdout, stderr, exitCode, durationMs: 0 };
    },
  };
}

function bestMatch(responses: readonly CannedResponse[], argv: readonly string[]): CannedResponse | undefined {
  let best: CannedResponse | undefined;
  for (const r of responses) {
    const matches = r.prefix.length <= argv.length && r.prefix.every((word, i) => argv[i] === word);
    if (matches && (!best || r.prefix.length > best.prefix.length)) best = r;
  }
  return best;
}
