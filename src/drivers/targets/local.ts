/**
 * "Export" for host tooling on the node that owns the volume: the connection info is just the
 * device path (os-brick's LocalConnector). Nothing is set up, so there is nothing to list.
 */
import { invalidParams } from '../../model/errors.js';
import type { ExportRecord, LocalExportRecord, TargetDriver } from '../target-driver.js';
import { checkVolumeId } from './iscsi-naming.js';

export interface LocalTargetInit {
  /** This node's host name: a connector from any other host cannot open a local path. */
  host: string;
  discard?: boolean;
}

export function localTarget(init: LocalTargetInit): TargetDriver {
  const record = (volumeId: string, devicePath: string): LocalExportRecord => ({
    protocol: 'local', helper: 'local', volumeId: checkVolumeId(volumeId), devicePath: checkPath(devicePath),
  });
  return {
    helper: 'local',
    protocol: 'local',
    async setup() {},
    async createExport(volumeId, devicePath) {
      return record(volumeId, devicePath);
    },
    /** The device path may differ after a restart (a new loop device); the new record says so. */
    async ensureExport(rec, devicePath) {
      const r = localRecord(rec);
      return r.devicePath === devicePath ? r : record(r.volumeId, devicePath);
    },
    async removeExport(rec) {
      localRecord(rec);
    },
    async initializeConnection(rec, connector) {
      const r = localRecord(rec);
      if (connector?.host !== init.host) {
        throw invalidParams('connector.host', `volume ${r.volumeId} is local to host ${init.host}; connector host ${JSON.stringify(connector?.host)} cannot open it`);
      }
      return {
        driver_volume_type: 'local',
        data: { device_path: r.devicePath, volume_id: r.volumeId, discard: init.discard === true, access_mode: 'rw' },
      };
    },
    async terminateConnection(rec) {
      localRecord(rec);
    },
    async listExports() {
      return [];
    },
  };
}

function localRecord(rec: ExportRecord): LocalExportRecord {
  if (rec?.protocol !== 'local') throw invalidParams('record', `not a local export record (protocol ${JSON.stringify((rec as { protocol?: unknown })?.protocol)})`);
  return rec;
}

function checkPath(devicePath: string): string {
  if (typeof devicePath !== 'string' || !devicePath.startsWith('/')) {
    throw invalidParams('devicePath', `device path must be absolute, got ${JSON.stringify(devicePath)}`);
  }
  return devicePath;
}
