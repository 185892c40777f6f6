import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { NodeOptions } from '../node/options.js';
import { auditSections } from './audit.js';
import { buildBackends, enabledBackends } from './backends.js';
import { parseIni, type IniDocument } from './ini.js';
import { ENV_SOURCE, FLAGS_SOURCE, configError, uniqueIssues, type ConfigIssue } from './problems.js';
import { ConfigReader, type Setting } from './reader.js';
import { boolean, choice, hostAndPort, integer, nodeName, port, address, text } from './values.js';

export interface NodeFlags {
  dataDir?: string;
  /** "host" or "host:port"; a separate `port` flag still wins. */
  listen?: string;
  port?: number;
  host?: string;
  logLevel?: string;
}

export type Env = Record<string, string | undefined>;

export interface LoadInput {
  configFile?: string;
  flags: NodeFlags;
  env: Env;
  cwd: string;
  hostname: string;
}

export interface NodeConfig {
  options: NodeOptions;
  /** ConfigProblems that also carry their section; print them with formatProblem. */
  warnings: ConfigIssue[];
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const AUTH_STRATEGIES = ['noauth', 'noauth_include_project_id', 'keystone', 'kiln'] as const;

/** Kiln reports faster than Cinder's 10 s: capacity decisions want fresh stats. */
export const NODE_DEFAULTS = {
  listenAddress: '127.0.0.1',
  port: 8776,
  storageAvailabilityZone: 'nova',
  statsIntervalMs: 5000,
  serviceDownTimeMs: 60_000,
  schedulerMaxAttempts: 3,
  logLevel: 'info',
  authStrategy: 'kiln',
} as const;

/** Reads the file (configFile, else $KILN_CONFIG; none means zero-config) and builds the options. */
export async function loadNodeOptions(input: LoadInput): Promise<NodeConfig> {
  const file = input.configFile ?? nonEmpty(input.env['KILN_CONFIG']);
  const parsed = file === undefined ? undefined : parseIni(await readConfig(resolve(input.cwd, file), file), file);
  return buildNodeOptions(parsed, input.flags, input.env, input.cwd, input.hostname);
}

async function readConfig(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied'
      : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw configError([{ file: shown, line: 0, key: '', message: `cannot read config file: ${reason}` }], err);
  }
}

/**
 * Precedence: flags > env > file > defaults. Pure: throws KilnError('ERR_CONFIG') listing
 * every problem, or returns the options with warnings (options Kiln accepts but ignores).
 */
export function buildNodeOptions(
  parsed: IniDocument | undefined, flags: NodeFlags, env: Env, cwd: string, hostname: string,
): NodeConfig {
  const reader = new ConfigReader(parsed);
  const flag = (key: string, value: string | number | undefined) => sourceSetting(FLAGS_SOURCE, key, value);
  const envVar = (key: string) => sourceSetting(ENV_SOURCE, key, nonEmpty(env[key]));
  const def = (key: string) => reader.setting('DEFAULT', key);

  const dataDir = resolve(cwd, reader.first(text, flag('--data-dir', flags.dataDir), envVar('KILN_DATA'), def('state_path')) ?? 'data');
  reader.define('state_path', dataDir);
  const host = reader.first(nodeName, flag('--host', flags.host), envVar('KILN_HOST'), def('host')) ?? hostname;
  reader.define('host', host);
  const listen = readListen(reader, flag('--listen', flags.listen), envVar('KILN_LISTEN'), flag('--port', flags.port), envVar('KILN_PORT'));
  const levelFlag = reader.first(choice(LOG_LEVELS), flag('--log-level', flags.logLevel), envVar('KILN_LOG_LEVEL'));
  const debug = reader.read(def('debug'), boolean);
  reader.read(def('verbose'), boolean);
  const storageAvailabilityZone = reader.read(def('storage_availability_zone'), text) ?? NODE_DEFAULTS.storageAvailabilityZone;

  const enabled = enabledBackends(reader);
  auditSections(reader, new Set(enabled?.map((b) => b.section)));
  const backends = buildBackends(reader, enabled, { cwd, dataDir, zone: storageAvailabilityZone });
  const options: NodeOptions = {
    host, dataDir, ...listen, storageAvailabilityZone, backends,
    defaultVolumeType: reader.read(def('default_volume_type'), text),
    ...readTiming(reader),
    authStrategy: readAuthStrategy(reader),
    logLevel: levelFlag ?? (debug === true ? 'debug' : NODE_DEFAULTS.logLevel),
  };
  if (reader.problems.length > 0) throw configError(reader.problems);
  return { options, warnings: uniqueIssues(reader.warnings) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function sourceSetting(file: string, key: string, value: string | number | undefined): Setting | undefined {
  return value === undefined ? undefined : { file, line: 0, key, value: String(value) };
}

/** Host: --listen, KILN_LISTEN, file. Port: --port, --listen's port, KILN_PORT, KILN_LISTEN's port, file. */
function readListen(
  reader: ConfigReader, flagListen: Setting | undefined, envListen: Setting | undefined,
  flagPort: Setting | undefined, envPort: Setting | undefined,
): { listenAddress: string; port: number } {
  const fromFlag = reader.read(flagListen, hostAndPort);
  const fromEnv = reader.read(envListen, hostAndPort);
  const fileHost = reader.read(reader.setting('DEFAULT', 'osapi_volume_listen'), address);
  const filePort = reader.read(reader.setting('DEFAULT', 'osapi_volume_listen_port'), port);
  const listenAddress = fromFlag?.host ?? fromEnv?.host ?? fileHost ?? NODE_DEFAULTS.listenAddress;
  const ports = [reader.read(flagPort, port), fromFlag?.port, reader.read(envPort, port), fromEnv?.port, filePort];
  return { listenAddress, port: ports.find((p) => p !== undefined) ?? NODE_DEFAULTS.port };
}

/** Cinder raises service_down_time to 2.5 × report_interval when it is not longer; so does Kiln. */
function readTiming(reader: ConfigReader): Pick<NodeOptions, 'statsIntervalMs' | 'serviceDownTimeMs' | 'schedulerMaxAttempts'> {
  const reportAt = reader.setting('DEFAULT', 'report_interval');
  const downAt = reader.setting('DEFAULT', 'service_down_time');
  const seconds = integer(1);
  const statsIntervalMs = (reader.read(reportAt, seconds) ?? NODE_DEFAULTS.statsIntervalMs / 1000) * 1000;
  let serviceDownTimeMs = (reader.read(downAt, seconds) ?? NODE_DEFAULTS.serviceDownTimeMs / 1000) * 1000;
  if (serviceDownTimeMs <= statsIntervalMs) {
    const raised = Math.floor(statsIntervalMs * 2.5);
    const at = downAt ?? reportAt ?? reader.sectionAt('DEFAULT');
    reader.warn(at, `service_down_time (${serviceDownTimeMs / 1000} s) must exceed report_interval (${statsIntervalMs / 1000} s); using ${raised / 1000} s`);
    serviceDownTimeMs = raised;
  }
  const schedulerMaxAttempts = reader.read(reader.setting('DEFAULT', 'scheduler_max_attempts'), integer(1)) ?? NODE_DEFAULTS.schedulerMaxAttempts;
  return { statsIntervalMs, serviceDownTimeMs, schedulerMaxAttempts };
}

/** Cinder's noauth tokens ("user:project") map to Kiln's noauth; keystone is not spoken, Kiln's own tokens stand in. */
function readAuthStrategy(reader: ConfigReader): NodeOptions['authStrategy'] {
  const at = reader.setting('DEFAULT', 'auth_strategy');
  const strategy = reader.read(at, choice(AUTH_STRATEGIES));
  if (strategy === undefined) return NODE_DEFAULTS.authStrategy;
  if (strategy === 'keystone') reader.warn(at!, 'Kiln does not speak keystone; using Kiln tokens (auth_strategy = kiln)');
  return strategy === 'noauth' || strategy === 'noauth_include_project_id' ? 'noauth' : 'kiln';
}
