/** cinder.conf backend keys (BackendOptions.extra) → iSCSI target settings, with Cinder's defaults. */
import { KilnError } from '../../model/errors.js';
import { defaultTargetPrefix } from './iscsi-naming.js';
import { formatPortal } from '../target-driver.js';

export type TargetHelper = 'tgtadm' | 'lioadm' | 'local';

export interface TargetSettings {
  helper: TargetHelper;
  /** "ip:port" of target_ip_address / target_port (3260 by default). */
  portals: string[];
  targetPrefix: string;
  /** tgtd's control port (tgtadm -C); 0, the system tgtd's, when tgt_control_port is unset. */
  controlPort: number;
}

/**
 * target_* keys win over their deprecated iscsi_* spellings. Without target_helper the
 * caller's default helper is used (Cinder's is tgtadm; 'local' suits file backends), without
 * target_ip_address the caller's ip (Cinder uses the host's my_ip). A helper Kiln has no
 * driver for is a KilnError('ERR_DRIVER'), which shows the backend down.
 */
export function targetSettingsFromExtra(
  extra: Readonly<Record<string, string>>,
  defaults: { helper: TargetHelper; ip: string },
): TargetSettings {
  const helperName = extra.target_helper ?? extra.iscsi_helper;
  if (helperName !== undefined && helperName !== 'tgtadm' && helperName !== 'lioadm') {
    throw new KilnError('ERR_DRIVER', `target_helper ${helperName} is not supported by Kiln (use tgtadm or lioadm)`);
  }
  const helper: TargetHelper = helperName ?? defaults.helper;
  const ip = extra.target_ip_address || extra.iscsi_ip_address || defaults.ip;
  const port = Number(extra.target_port ?? extra.iscsi_port ?? 3260);
  return {
    helper,
    portals: [formatPortal(ip, port)],
    targetPrefix: extra.target_prefix || defaultTargetPrefix,
    controlPort: Number(extra.tgt_control_port ?? 0),
  };
}
