/**
 * The data path of a backend (Cinder's target drivers: tgt, lio, and a local one): makes a
 * volume's device reachable by a consumer. The volume actor persists the ExportRecord that
 * createExport returns and hands it back to every later call; nothing else is remembered.
 */
import { invalidParams } from '../model/errors.js';
import type { AbortOptions } from './volume-driver.js';

/** Who wants to use the volume (os-brick's connector properties, the parts Kiln reads). */
export interface Connector {
  host: string;
  /** iSCSI initiator IQN; required for iSCSI targets. */
  initiator?: string;
  ip?: string;
  multipath?: boolean;
}

export interface IscsiExportRecord {
  protocol: 'iscsi';
  helper: 'tgtadm' | 'lioadm';
  volumeId: string;
  iqn: string;
  /** "ip:port" ("[v6]:port"); the first is target_portal. */
  portals: string[];
  lun: number;
  /** Generated per volume; only in this record and in the target, never in logs. */
  auth: { method: 'CHAP'; username: string; password: string };
}

export interface LocalExportRecord {
  protocol: 'local';
  helper: 'local';
  volumeId: string;
  devicePath: string;
}

/** Plain JSON: persisted as part of the volume's state. */
export type ExportRecord = IscsiExportRecord | LocalExportRecord;

/** Cinder's connection_info for iSCSI, snake_case as os-brick and Nova read it. */
export interface IscsiConnectionInfo {
  driver_volume_type: 'iscsi';
  data: {
    target_discovered: boolean;
    target_iqn: string;
    target_portal: string;
    target_portals: string[];
    target_iqns: string[];
    target_lun: number;
    target_luns: number[];
    auth_method: 'CHAP';
    auth_username: string;
    auth_password: string;
    volume_id: string;
    discard: boolean;
    access_mode: 'rw';
  };
}

/** For host tooling on the node that owns the volume (os-brick's LocalConnector). */
export interface LocalConnectionInfo {
  driver_volume_type: 'local';
  data: { device_path: string; volume_id: string; discard: boolean; access_mode: 'rw' };
}

export type ConnectionInfo = IscsiConnectionInfo | LocalConnectionInfo;

/** What a target helper reports about one export, for reconciliation. */
export interface ExportInfo {
  volumeId: string;
  iqn: string | undefined;
  luns: { lun: number; backingStore: string }[];
  /** Initiator names and addresses in the ACL. */
  acl: string[];
  /** CHAP accounts bound to the export (user names only). */
  accounts: string[];
  sessions: { initiator: string; address: string | undefined }[];
}

export interface TargetDriver {
  readonly helper: 'tgtadm' | 'lioadm' | 'local';
  readonly protocol: 'iscsi' | 'local';
  /** Checks the target tool and its daemon answer; throws KilnError('ERR_DRIVER') naming what is wrong. */
  setup(opts?: AbortOptions): Promise<void>;
  /**
   * Exports devicePath. Idempotent by volume id: an existing export is reused, but gets new
   * CHAP credentials, so the record returned last is the one to persist.
   */
  createExport(volumeId: string, devicePath: string, opts?: AbortOptions): Promise<ExportRecord>;
  /**
   * Re-creates whatever is missing of a persisted export (after the target daemon or the host
   * restarted), with the same name and credentials, backed by devicePath. Returns the record
   * to persist: the same one unless something in it had to change (Cinder's model update).
   * ACLs are not part of the record: call initializeConnection again for every attachment
   * that is still live.
   */
  ensureExport(record: ExportRecord, devicePath: string, opts?: AbortOptions): Promise<ExportRecord>;
  /** Idempotent; closes open sessions. */
  removeExport(record: ExportRecord, opts?: AbortOptions): Promise<void>;
  /** Lets this connector in (initiator ACL) and says how to connect. Idempotent. */
  initializeConnection(record: ExportRecord, connector: Connector, opts?: AbortOptions): Promise<ConnectionInfo>;
  /** Takes this connector's access away again and drops its sessions. Idempotent. */
  terminateConnection(record: ExportRecord, connector: Connector, opts?: AbortOptions): Promise<void>;
  /** Exports this helper manages (those named with its prefix). */
  listExports(opts?: AbortOptions): Promise<ExportInfo[]>;
  /** After the volume grew: tgt and LIO read a LUN's size when it is created. */
  extendExport?(record: ExportRecord, devicePath: string, opts?: AbortOptions): Promise<void>;
}

/** iSCSI needs the initiator's IQN for its ACL. */
export function requireInitiator(connector: Connector): string {
  const iqn = connector?.initiator;
  if (typeof iqn !== 'string' || !/^(iqn|eui|naa)\.\S+$/.test(iqn)) {
    throw invalidParams('connector.initiator', `an iSCSI connection needs the connector's initiator IQN, got ${JSON.stringify(iqn)}`);
  }
  return iqn;
}

/** "ip:port", with brackets around an IPv6 address. */
export function formatPortal(ip: string, port: number): string {
  return ip.includes(':') && !ip.startsWith('[') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export function iscsiConnectionInfo(record: IscsiExportRecord, discard: boolean): IscsiConnectionInfo {
  const [portal = ''] = record.portals;
  return {
    driver_volume_type: 'iscsi',
    data: {
      target_discovered: false,
      target_iqn: record.iqn,
      target_portal: portal,
      target_portals: [...record.portals],
      target_iqns: record.portals.map(() => record.iqn),
      target_lun: record.lun,
      target_luns: record.portals.map(() => record.lun),
      auth_method: 'CHAP',
      auth_username: record.auth.username,
      auth_password: record.auth.password,
      volume_id: record.volumeId,
      discard,
      access_mode: 'rw',
    },
  };
}
