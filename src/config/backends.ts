import { join, resolve } from 'node:path';
import type { BackendOptions } from '../node/options.js';
import { EXTRA_KEYS, type ExtraKey } from './known-keys.js';
import type { ConfigLocation } from './problems.js';
import type { ConfigReader, Setting } from './reader.js';
import { didYouMean } from './suggest.js';
import {
  address, anyText, choice, float, integer, list, percentage, port, text, type Parsed, type Parser,
} from './values.js';

export interface EnabledBackend {
  /** As listed in enabled_backends. */
  name: string;
  /** The section holding it (may differ in case). */
  section: string;
}

export interface BackendContext {
  cwd: string;
  dataDir: string;
  zone: string;
}

/** Kiln drivers, and the Cinder driver class paths that mean the same thing. */
const DRIVERS: Record<string, 'file' | 'lvm' | 'rbd'> = {
  file: 'file',
  lvm: 'lvm',
  rbd: 'rbd',
  'cinder.volume.drivers.lvm.LVMVolumeDriver': 'lvm',
  'cinder.volume.drivers.lvm.LVMISCSIDriver': 'lvm',
  'cinder.volume.drivers.rbd.RBDDriver': 'rbd',
};

export const volumeDriver: Parser<'file' | 'lvm' | 'rbd'> = (raw) => {
  const s = raw.trim();
  const found = DRIVERS[s] ?? DRIVERS[s.toLowerCase()];
  if (found !== undefined) return { ok: true, value: found };
  return { ok: false, error: `volume driver ${s} is not supported by Kiln (use file, lvm or rbd)` };
};

const ratio: Parser<{ value: number; auto: boolean }> = (raw) => {
  if (raw.trim().toLowerCase() === 'auto') return { ok: true, value: { value: 20, auto: true } };
  const n: Parsed<number> = float(1)(raw);
  return n.ok ? { ok: true, value: { value: n.value, auto: false } } : n;
};

const TARGET_HELPERS = ['tgtadm', 'lioadm', 'scstadmin', 'iscsictl', 'ietadm', 'nvmet', 'spdk-nvmeof', 'fake'] as const;
const TARGET_PROTOCOLS = ['iscsi', 'iser', 'nvmet_rdma', 'nvmet_tcp'] as const;

/** Checked now so a bad value fails at start rather than when the LVM driver arrives. */
const EXTRA_PARSERS: Partial<Record<ExtraKey, Parser<string | number>>> = {
  lvm_type: choice(['default', 'thin', 'auto']),
  volume_clear: choice(['none', 'zero']),
  volume_clear_size: integer(0),
  lvm_mirrors: integer(0),
  iscsi_helper: choice(TARGET_HELPERS),
  target_helper: choice(TARGET_HELPERS),
  iscsi_protocol: choice(TARGET_PROTOCOLS),
  target_protocol: choice(TARGET_PROTOCOLS),
  iscsi_ip_address: address,
  target_ip_address: address,
  iscsi_port: port,
  target_port: port,
  // tgtd -C accepts 0..32767 (0 is the system tgtd's).
  tgt_control_port: integer(0, 32767),
  lvm_data_path: choice(['dm', 'loop']),
};

const RESERVED = new Set(['default', 'backend_defaults']);

/** enabled_backends → the sections to build; undefined means the single built-in backend. */
export function enabledBackends(reader: ConfigReader): EnabledBackend[] | undefined {
  const at = reader.setting('DEFAULT', 'enabled_backends');
  if (at === undefined) return undefined;
  const names = reader.read(at, list) ?? [];
  const unique = new Set(names);
  const out: EnabledBackend[] = [];
  const sections = reader.sectionNames().filter((s) => s !== 'DEFAULT');
  for (const name of unique) {
    const section = reader.findSection(name);
    if (/[@#]/.test(name)) reader.fail(at, `backend name ${name} must not contain @ or #`);
    else if (RESERVED.has(name.toLowerCase())) reader.fail(at, `backend name ${name} is reserved`);
    else if (section === undefined) reader.fail(at, `backend ${name} has no [${name}] section${didYouMean(name, sections, (s) => `[${s}]`)}`);
    else out.push({ name, section });
  }
  if (names.length !== unique.size) reader.fail(at, 'lists a backend more than once');
  return out;
}

/**
 * Lookup order for a backend option: its own section, then [backend_defaults], then
 * [DEFAULT]. Without enabled_backends the one backend is configured in [DEFAULT] itself.
 */
export function buildBackends(reader: ConfigReader, enabled: EnabledBackend[] | undefined, ctx: BackendContext): BackendOptions[] {
  const shared = reader.findSection('backend_defaults') ?? 'backend_defaults';
  if (enabled === undefined) {
    const one = buildBackend(reader, { name: 'file', layers: ['DEFAULT', shared], own: 'DEFAULT', nested: false }, ctx);
    return one ? [one.options] : [];
  }
  if (reader.setting('DEFAULT', 'volume_backend_name')) {
    reader.warn(reader.setting('DEFAULT', 'volume_backend_name')!, 'ignored with enabled_backends: each backend section names itself');
  }
  const built = enabled.map(({ name, section }) =>
    buildBackend(reader, { name, layers: [section, shared, 'DEFAULT'], own: section, nested: true }, ctx));
  // Only file backends keep volumes in volumes_dir; Cinder's LVM backends share it for target files.
  checkSharedDirs(reader, built.filter((b): b is Built => b !== undefined && b.options.driver === 'file'));
  return built.flatMap((b) => (b ? [b.options] : []));
}

interface Layout {
  name: string;
  layers: string[];
  /** The section whose volume_backend_name and volumes_dir are the backend's own. */
  own: string;
  /** Inherited or default volumes_dir gets a per-backend subdirectory. */
  nested: boolean;
}

interface Built {
  options: BackendOptions;
  dirAt: ConfigLocation;
}

function buildBackend(reader: ConfigReader, layout: Layout, ctx: BackendContext): Built | undefined {
  const get = (key: string) => firstIn(reader, layout.layers, key);
  const driverAt = get('volume_driver');
  const driver = reader.read(driverAt, volumeDriver) ?? (driverAt ? undefined : 'file');
  if (driverAt && driver === 'rbd') reader.fail(driverAt, `volume driver ${driver} is not available in this Kiln version`);
  const volumeBackendName = reader.read(reader.setting(layout.own, 'volume_backend_name'), text) ?? layout.name;
  const dir = volumesDir(reader, layout, ctx);
  const reservedPercentage = reader.read(get('reserved_percentage'), percentage) ?? 0;
  const zoneAt = firstIn(reader, layout.layers, 'backend_availability_zone', 'storage_availability_zone');
  const availabilityZone = reader.read(zoneAt, text) ?? ctx.zone;
  const maxOverSubscriptionRatio = overSubscription(reader, get('max_over_subscription_ratio'));
  const extra = extraKeys(reader, layout.layers);
  if (driver !== 'file' && driver !== 'lvm') return undefined;
  const options: BackendOptions = {
    name: layout.name, driver, volumeBackendName, volumesDir: dir.path, reservedPercentage,
    maxOverSubscriptionRatio, availabilityZone, extra,
  };
  return { options, dirAt: dir.at };
}

/** The nearest layer wins; within a layer, the earlier key. */
function firstIn(reader: ConfigReader, layers: string[], ...keys: string[]): Setting | undefined {
  for (const layer of layers) {
    for (const key of keys) {
      const s = reader.setting(layer, key);
      if (s !== undefined) return s;
    }
  }
  return undefined;
}

function volumesDir(reader: ConfigReader, layout: Layout, ctx: BackendContext): { path: string; at: ConfigLocation } {
  const own = reader.setting(layout.own, 'volumes_dir');
  const ownPath = reader.read(own, text);
  if (own && ownPath !== undefined) return { path: resolve(ctx.cwd, ownPath), at: own };
  const inherited = layout.nested ? firstIn(reader, layout.layers.slice(1), 'volumes_dir') : undefined;
  const root = resolve(ctx.cwd, reader.read(inherited, text) ?? join(ctx.dataDir, 'volumes'));
  const at = inherited ?? reader.setting('DEFAULT', 'enabled_backends') ?? reader.sectionAt(layout.own);
  return { path: layout.nested ? join(root, layout.name) : root, at };
}

function overSubscription(reader: ConfigReader, at: Setting | undefined): number {
  const r = reader.read(at, ratio);
  if (at && r?.auto) reader.warn(at, "'auto' is not supported by Kiln yet; using 20");
  return r?.value ?? 20;
}

function extraKeys(reader: ConfigReader, layers: string[]): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const key of EXTRA_KEYS) {
    const value = reader.read(firstIn(reader, layers, key), EXTRA_PARSERS[key] ?? anyText);
    if (value !== undefined) extra[key] = String(value);
  }
  return extra;
}

/** Two file backends in one directory would each report the other's volumes as used space. */
function checkSharedDirs(reader: ConfigReader, built: Built[]): void {
  const owners = new Map<string, string>();
  for (const b of built) {
    const other = owners.get(b.options.volumesDir);
    if (other !== undefined) reader.fail(b.dirAt, `backend ${b.options.name} uses the same volumes_dir as backend ${other} (${b.options.volumesDir})`);
    else owners.set(b.options.volumesDir, b.options.name);
  }
}
