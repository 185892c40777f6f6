/**
 * What a backend section of the configuration turns into: a volume driver (control path) and
 * a target driver (data path), composed as in Cinder.
 */
import type { ExportPort } from '../actors/volume/attach-effects.js';
import type { Executor } from '../drivers/executor.js';
import { fileDriver } from '../drivers/file-driver.js';
import { loopDevicePath } from '../drivers/lvm/device-path.js';
import { lvmDriver } from '../drivers/lvm/lvm-driver.js';
import { lvmSettingsFromExtra } from '../drivers/lvm/lvm-options.js';
import type { Connector as TargetConnector, ExportRecord, TargetDriver } from '../drivers/target-driver.js';
import { lioadmTarget } from '../drivers/targets/lioadm.js';
import { localTarget } from '../drivers/targets/local.js';
import { targetSettingsFromExtra } from '../drivers/targets/target-settings.js';
import { tgtadmTarget } from '../drivers/targets/tgtadm.js';
import type { VolumeDriver } from '../drivers/volume-driver.js';
import type { BackendOptions } from './options.js';

export function volumeDriverFor(b: BackendOptions, executor: Executor): VolumeDriver {
  if (b.driver === 'file') return fileDriver({ volumesDir: b.volumesDir, backendName: b.name });
  const settings = lvmSettingsFromExtra(b.extra, b.name);
  // Without device-mapper (containers, CI) an LV's data is reached through a loop device at its offset.
  const viaLoop = b.extra.lvm_data_path === 'loop';
  const common = { executor, ...(settings.lvmConfDir ? { lvmConfDir: settings.lvmConfDir } : {}) };
  return lvmDriver({
    ...settings, executor,
    ...(viaLoop ? { devicePath: loopDevicePath(common), contiguous: true } : {}),
  });
}

/**
 * LVM exports over iSCSI by default (Cinder's target_helper = tgtadm); a file backend exports
 * nothing unless a target helper is configured, and then hands out local paths to its own host.
 */
export function targetDriverFor(b: BackendOptions, executor: Executor, node: { host: string; ip: string }): TargetDriver {
  const configured = b.extra.target_helper ?? b.extra.iscsi_helper;
  if (b.driver === 'file' && configured === undefined) return localTarget({ host: node.host });
  const t = targetSettingsFromExtra(b.extra, { helper: 'tgtadm', ip: node.ip });
  if (t.helper === 'lioadm') return lioadmTarget({ executor, portals: t.portals, targetPrefix: t.targetPrefix });
  if (t.helper === 'local') return localTarget({ host: node.host });
  return tgtadmTarget({ executor, portals: t.portals, targetPrefix: t.targetPrefix, controlPort: t.controlPort });
}

/** The volume actor's view of a target driver. */
export function exportPortOf(target: TargetDriver): ExportPort {
  return {
    protocol: target.protocol,
    createExport: (volumeId, devicePath) => target.createExport(volumeId, devicePath),
    ensureExport: (record, devicePath) => target.ensureExport(record as ExportRecord, devicePath),
    removeExport: (record) => target.removeExport(record as ExportRecord),
    initializeConnection: async (record, connector) =>
      ({ ...(await target.initializeConnection(record as ExportRecord, connector as TargetConnector)) }) as Record<string, unknown>,
    terminateConnection: (record, connector) => target.terminateConnection(record as ExportRecord, connector as TargetConnector),
    liveExports: async () => new Set((await target.listExports()).map((e) => e.volumeId)),
  };
}
