/** cinder.conf backend keys (BackendOptions.extra) → lvmDriver settings, with Cinder's defaults. */
import { dirname } from 'node:path';
import type { LvmDriverInit } from './lvm-driver.js';

export type LvmSettings = Omit<LvmDriverInit, 'executor' | 'devicePath'>;

export function lvmSettingsFromExtra(extra: Readonly<Record<string, string>>, backendName: string): LvmSettings {
  const settings: LvmSettings = {
    volumeGroup: extra.volume_group || 'cinder-volumes',
    // 'auto' means "thin when the host can": Kiln does not probe, so it stays thick.
    lvmType: extra.lvm_type === 'thin' ? 'thin' : 'default',
    volumeClear: extra.volume_clear === 'none' ? 'none' : 'zero',
    poolName: backendName,
  };
  const clearSize = Number(extra.volume_clear_size ?? 0);
  if (clearSize > 0) settings.volumeClearSizeMiB = clearSize;
  if (extra.lvm_conf_file) settings.lvmConfDir = dirname(extra.lvm_conf_file);
  return settings;
}
