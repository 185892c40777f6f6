/**
 * What every command shares during one `kiln` run: the I/O it was given, the global options, and one
 * lazily opened connection (so usage errors and --help never need a node).
 */
import type { Command } from 'commander';
import { connectClient, waitForStatus } from '../api/client.js';
import type { KilnClient, WaitResult } from '../api/client.js';
import type { MethodName, Params } from '../api/protocol.js';
import { toKilnError } from '../model/errors.js';
import { resolveConnection } from './connection.js';
import { formatJson } from './format.js';
import { startProgress } from './progress.js';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Where `--wait` draws its spinner; only used when it is a TTY. */
  progress?: NodeJS.WritableStream | undefined;
}

export interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
  dataDir?: string;
  timeout?: number;
}

/** How long `--wait` waits before giving up; the volume keeps going on the node regardless. */
export const waitLimitMs = 10 * 60_000;

export class Session {
  exitCode = 0;
  private client: Promise<KilnClient> | undefined;

  constructor(readonly io: CliIo) {}

  globals(cmd: Command): GlobalOptions {
    return cmd.optsWithGlobals<GlobalOptions>();
  }

  connect(cmd: Command): Promise<KilnClient> {
    this.client ??= this.open(this.globals(cmd));
    return this.client;
  }

  private async open(g: GlobalOptions): Promise<KilnClient> {
    const c = await resolveConnection(g, this.io.env, this.io.cwd);
    return connectClient({ url: c.url, token: c.token, ...(g.timeout ? { timeoutMs: g.timeout * 1000 } : {}) });
  }

  async call<M extends MethodName>(cmd: Command, method: M, params: Params<M>): Promise<unknown> {
    return (await this.connect(cmd)).call(method, params);
  }

  /** Prints the result as JSON under --json, else as `render` draws it (nothing when it returns ''). */
  print(cmd: Command, result: unknown, render: () => string): void {
    const text = this.globals(cmd).json ? formatJson(result) : render();
    if (text) this.io.stdout(text);
  }

  /** Reports one failed target of a multi-target command and carries on, like cinder's delete. */
  report(cmd: Command, err: unknown, context?: string): void {
    this.exitCode = 1;
    const e = toKilnError(err);
    if (this.globals(cmd).json) {
      this.io.stderr(formatJson({ error: e.toWire() }));
      return;
    }
    const field = e.field ? ` (field: ${e.field})` : '';
    this.io.stderr(`ERROR: ${context ? `${context}: ` : ''}${e.message}${field}\n`);
  }

  /** `--wait`: follows the volume's events to one of `statuses`, with a spinner on a terminal. */
  async wait(cmd: Command, volume: string, statuses: string[]): Promise<WaitResult> {
    const client = await this.connect(cmd);
    const progress = startProgress(this.io.progress, `volume ${volume}`);
    try {
      return await waitForStatus(client, volume, statuses, { timeoutMs: waitLimitMs, onStatus: (s) => progress.update(s) });
    } finally {
      progress.stop();
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // A connection that never opened has nothing to close.
    await client.then((c) => c.close(), () => undefined);
  }
}
