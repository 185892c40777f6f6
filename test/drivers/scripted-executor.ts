/**
 * An Executor whose answers are computed from the argv by the test (state that changes as
 * commands run: an lvs after an lvcreate lists the new LV). Fails exactly as the real one.
 */
import { ExecError, redactArgv } from '../../src/drivers/exec-error.js';
import type { ExecRequest, ExecResult, Executor } from '../../src/drivers/executor.js';

export interface Answer { stdout?: string; stderr?: string; exitCode?: number; notFound?: boolean; timedOut?: boolean }

export interface ScriptedExecutor extends Executor {
  readonly calls: ExecRequest[];
  /** argv of each call, joined by spaces, for compact assertions. */
  lines(): string[];
}

export function scriptedExecutor(answer: (argv: readonly string[], req: ExecRequest) => Answer | undefined): ScriptedExecutor {
  const calls: ExecRequest[] = [];
  return {
    calls,
    lines: () => calls.map((c) => c.argv.join(' ')),
    async run(req): Promise<ExecResult> {
      calls.push(req);
      const a = answer(req.argv, req) ?? {};
      const base = { argv: redactArgv(req.argv, req.redact), stdout: a.stdout ?? '', stderr: a.stderr ?? '', durationMs: 0 };
      if (a.notFound) throw new ExecError({ ...base, exitCode: undefined, notFound: true });
      if (a.timedOut) throw new ExecError({ ...base, exitCode: undefined, timedOut: true, timeoutMs: req.timeoutMs, signal: 'SIGTERM' });
      const exitCode = a.exitCode ?? 0;
      if (!(req.okExitCodes ?? [0]).includes(exitCode)) throw new ExecError({ ...base, exitCode });
      return { stdout: base.stdout, stderr: base.stderr, exitCode, durationMs: 0 };
    },
  };
}
