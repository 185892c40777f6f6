/**
 * kilnd: one Kiln node. Parses flags, loads a cinder.conf-style file, starts the node and stops
 * it gracefully on SIGTERM/SIGINT. Returns an exit code; only bin/kilnd.js touches process.exit.
 */
import { Command, InvalidArgumentError } from 'commander';
import { hostname } from 'node:os';
import { loadNodeOptions } from '../config/node-config.js';
import { formatProblem } from '../config/problems.js';
import { KilnError } from '../model/errors.js';
import { createLogger } from './logger.js';
import { createNode } from './node.js';

interface Io { stderr(s: string): void; env: Record<string, string | undefined>; cwd: string; onSignal(handler: (signal: string) => void): void }

const parsePort = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0-65535');
  return n;
};

export async function kilnd(argv: string[], io: Io): Promise<number> {
  const program = new Command('kilnd')
    .description('Run one Kiln node (API, scheduler and volume roles). With no configuration it starts an embedded single node.')
    .option('-c, --config <file>', 'cinder.conf-style configuration file (also KILN_CONFIG)')
    .option('--data-dir <dir>', 'data directory (also KILN_DATA; Cinder: state_path)')
    .option('--listen <address>', 'API listen address, host or host:port (Cinder: osapi_volume_listen)')
    .option('--port <port>', 'API port (Cinder: osapi_volume_listen_port)', parsePort)
    .option('--host <name>', 'node name (Cinder: host)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent')
    .exitOverride()
    .configureOutput({ writeErr: io.stderr, writeOut: io.stderr });
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    return (err as { exitCode?: number }).exitCode ?? 2;
  }
  const flags = program.opts<{ config?: string; dataDir?: string; listen?: string; port?: number; host?: string; logLevel?: string }>();
  let config;
  try {
    config = await loadNodeOptions({
      ...(flags.config ?? io.env.KILN_CONFIG ? { configFile: flags.config ?? io.env.KILN_CONFIG } : {}),
      flags: { ...(flags.dataDir ? { dataDir: flags.dataDir } : {}), ...(flags.listen ? { listen: flags.listen } : {}),
        ...(flags.port !== undefined ? { port: flags.port } : {}), ...(flags.host ? { host: flags.host } : {}),
        ...(flags.logLevel ? { logLevel: flags.logLevel } : {}) },
      env: io.env, cwd: io.cwd, hostname: hostname(),
    });
  } catch (err) {
    io.stderr(`kilnd: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const log = createLogger(config.options.logLevel);
  for (const w of config.warnings) log.warn({ file: w.file, line: w.line, key: w.key }, formatProblem(w));
  let node;
  try {
    node = await createNode(config.options, { log });
  } catch (err) {
    const e = err instanceof KilnError ? err : (err as Error);
    log.fatal({ err: e }, 'kilnd could not start');
    io.stderr(`kilnd: could not start: ${e.message}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => io.onSignal((signal) => { log.info({ signal }, 'stopping'); resolve(); }));
  await node.stop();
  return 0;
}
