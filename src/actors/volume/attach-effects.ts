/**
 * The data-path work of attachments: export the volume, give each host its connection, take
 * both away again. A failed connect removes an export it created, so nothing half-made stays.
 */
import { scaledQosSpecs } from '../catalog/qos-keys.js';
import type { Connector } from '../../model/volume.js';
import type { Effect } from '../entity.js';
import type { VolumeEnv } from './effects.js';
import type { VolumeCommand, VolumeState } from './state.js';

/** What the volume actor needs of a backend's target driver (Cinder's export/connection calls). */
export interface ExportPort {
  readonly protocol: string;
  createExport(volumeId: string, devicePath: string): Promise<unknown>;
  /** Re-creates what is missing; returns the record to keep (the same unless something had to change). */
  ensureExport(record: unknown, devicePath: string): Promise<unknown>;
  removeExport(record: unknown): Promise<void>;
  initializeConnection(record: unknown, connector: Connector): Promise<Record<string, unknown>>;
  terminateConnection(record: unknown, connector: Connector): Promise<void>;
  /** Ids of the volumes the target daemon exports right now (to notice a daemon that lost them). */
  liveExports?(): Promise<Set<string>>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function devicePathOf(id: string, s: VolumeState, env: VolumeEnv): Promise<string> {
  const driver = env.driver(s.record?.backend ?? '');
  if (!driver) throw new Error(`backend ${s.record?.backend} is not available on this node`);
  const found = await driver.inspect(id);
  if (!found) throw new Error(`volume ${id} has no data on backend ${s.record?.backend}`);
  return found.devicePath;
}

/** Cinder's connection info plus what the volume adds: access mode and front-end QoS scaled by size. */
function withVolumeFacts(info: Record<string, unknown>, s: VolumeState, mode: 'rw' | 'ro', env: VolumeEnv): Record<string, unknown> {
  const rec = s.record;
  const data = { ...(info.data as Record<string, unknown> | undefined), access_mode: mode, encrypted: false } as Record<string, unknown>;
  const qos = rec ? env.frontEndQos(rec.volumeTypeId) : undefined;
  if (qos && rec) data.qos_specs = scaledQosSpecs(qos, rec.sizeGiB);
  return { ...info, data };
}

export async function connect(id: string, s: VolumeState, attachmentId: string, env: VolumeEnv): Promise<VolumeCommand> {
  const attachment = s.record?.attachments.find((a) => a.id === attachmentId);
  const target = env.target(s.record?.backend ?? '');
  let exportRecord = s.exportRecord;
  if (!attachment?.connector || !target) {
    return { type: 'ConnectFailed', attachmentId, reason: `backend ${s.record?.backend} has no target for attachments`, exportRecord };
  }
  let created = false;
  try {
    const devicePath = await devicePathOf(id, s, env);
    if (exportRecord === null) {
      exportRecord = await target.createExport(id, devicePath);
      created = true;
    }
    const info = await target.initializeConnection(exportRecord, attachment.connector);
    return { type: 'Connected', attachmentId, exportRecord, connectionInfo: withVolumeFacts(info, s, attachment.mode, env) };
  } catch (err) {
    if (created) {
      await target.removeExport(exportRecord).catch((e: unknown) => env.log.warn({ err: e, volume: id }, 'could not remove the export of a failed connect'));
      exportRecord = null;
    }
    return { type: 'ConnectFailed', attachmentId, reason: message(err), exportRecord };
  }
}

export async function disconnect(s: VolumeState, attachmentId: string, env: VolumeEnv): Promise<VolumeCommand> {
  const attachment = s.record?.attachments.find((a) => a.id === attachmentId);
  const target = env.target(s.record?.backend ?? '');
  if (!target) return { type: 'DisconnectFailed', attachmentId, reason: `backend ${s.record?.backend} is not available on this node` };
  const last = (s.record?.attachments.length ?? 0) <= 1;
  try {
    if (s.exportRecord !== null && attachment?.connector && s.connections[attachmentId]) {
      await target.terminateConnection(s.exportRecord, attachment.connector);
    }
    if (last && s.exportRecord !== null) await target.removeExport(s.exportRecord);
    return { type: 'Disconnected', attachmentId, exportRemoved: last };
  } catch (err) {
    return { type: 'DisconnectFailed', attachmentId, reason: message(err) };
  }
}

/**
 * After a restart (of the node or of the target daemon): an export no attachment uses is removed;
 * an export that connected attachments rely on is re-created, with each host's access.
 */
export async function reconcileExport(id: string, s: VolumeState, env: VolumeEnv): Promise<VolumeCommand | undefined> {
  const target = env.target(s.record?.backend ?? '');
  if (s.exportRecord === null || !target || !s.record) return undefined;
  const connected = s.record.attachments.filter((a) => a.connector && s.connections[a.id]);
  try {
    if (connected.length === 0) {
      await target.removeExport(s.exportRecord);
      return { type: 'ExportReconciled', exportRecord: null };
    }
    const record = await target.ensureExport(s.exportRecord, await devicePathOf(id, s, env));
    for (const a of connected) if (a.connector) await target.initializeConnection(record, a.connector);
    return JSON.stringify(record) === JSON.stringify(s.exportRecord) ? undefined : { type: 'ExportReconciled', exportRecord: record };
  } catch (err) {
    env.log.error({ err, volume: id }, 'could not reconcile the export of a volume');
    return undefined;
  }
}

export function attachmentWork(id: string, s: VolumeState, env: VolumeEnv): Effect<VolumeCommand>[] {
  const intent = s.intent;
  if (intent?.kind === 'connect') return [connect(id, s, intent.attachmentId, env)];
  if (intent?.kind === 'disconnect') return [disconnect(s, intent.attachmentId, env)];
  return [];
}
