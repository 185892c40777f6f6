import type { ExportPort } from '../../src/actors/volume/attach-effects.js';
import type { Connector } from '../../src/model/volume.js';

/** A target driver that records what it is asked and keeps exports in memory, like tgtd. */
export function recordingTarget(opts: { failConnect?: () => boolean } = {}) {
  const exports = new Map<string, { volumeId: string; devicePath: string; initiators: Set<string> }>();
  const calls: string[] = [];
  let next = 1;
  const port: ExportPort = {
    protocol: 'iscsi',
    async createExport(volumeId, devicePath) {
      calls.push(`create ${volumeId}`);
      const iqn = `iqn.2010-10.org.openstack:volume-${volumeId}`;
      exports.set(iqn, { volumeId, devicePath, initiators: new Set() });
      return { iqn, tid: next++, chap: { username: 'u', password: 'secret' } };
    },
    async ensureExport(record, devicePath) {
      const { iqn } = record as { iqn: string };
      calls.push(`ensure ${iqn}`);
      if (!exports.has(iqn)) exports.set(iqn, { volumeId: iqn.split('volume-')[1] ?? '', devicePath, initiators: new Set() });
      return record;
    },
    async removeExport(record) {
      const { iqn } = record as { iqn: string };
      calls.push(`remove ${iqn}`);
      exports.delete(iqn);
    },
    async initializeConnection(record, connector: Connector) {
      const { iqn } = record as { iqn: string };
      calls.push(`connect ${connector.initiator}`);
      if (opts.failConnect?.()) throw new Error('tgtadm: can\'t find the target');
      exports.get(iqn)?.initiators.add(connector.initiator ?? '');
      return { driver_volume_type: 'iscsi', data: { target_iqn: iqn, target_portal: '127.0.0.1:3260', target_lun: 1, auth_method: 'CHAP', auth_username: 'u', auth_password: 'secret' } };
    },
    async terminateConnection(record, connector: Connector) {
      const { iqn } = record as { iqn: string };
      calls.push(`disconnect ${connector.initiator}`);
      exports.get(iqn)?.initiators.delete(connector.initiator ?? '');
    },
  };
  return { port, exports, calls };
}
