/**
 * Runs lvm2 commands the same way everywhere: C locale (the executor's default), lvm2's fd
 * warnings off, LVM_SYSTEM_DIR when the backend names an lvm.conf, and the optional
 * `--config` text on every command. Failures come back as lvmError()s.
 */
import type { AbortOptions } from '../volume-driver.js';
import type { Executor } from '../executor.js';
import { type Argv, withLvmConfig } from './lvm-args.js';
import { lvmError } from './lvm-failure.js';

export interface LvmCommandInit {
  executor: Executor;
  /** Directory holding the lvm.conf to use (Cinder's lvm_conf_file's directory). */
  lvmConfDir?: string;
  /** Passed as `--config` to every command, e.g. a devices filter in tests. */
  extraLvmConfig?: string;
  /** Per command; default 60 s. lvm2 waits for a held VG lock, and this bounds the wait. */
  timeoutMs?: number;
}

export interface LvmRunner {
  /** stdout of the command; throws lvmError(err, doing) on failure. */
  run(argv: Argv, doing: string, opts?: AbortOptions): Promise<string>;
}

const defaultTimeoutMs = 60_000;

export function lvmEnv(lvmConfDir: string | undefined): Record<string, string> {
  const env: Record<string, string> = { LC_ALL: 'C', LVM_SUPPRESS_FD_WARNINGS: '1' };
  if (lvmConfDir !== undefined) env.LVM_SYSTEM_DIR = lvmConfDir;
  return env;
}

export function lvmRunner(init: LvmCommandInit): LvmRunner {
  const env = lvmEnv(init.lvmConfDir);
  const timeoutMs = init.timeoutMs ?? defaultTimeoutMs;
  return {
    async run(argv, doing, opts) {
      try {
        const r = await init.executor.run({ argv: withLvmConfig(argv, init.extraLvmConfig), env, timeoutMs }, opts);
        return r.stdout;
      } catch (err) {
        throw lvmError(err, doing);
      }
    },
  };
}
