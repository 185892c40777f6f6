/** The work a volume's intents cause: scheduling and driver calls, each reporting back as a command. */
import type { VolumeDriver } from '../../drivers/volume-driver.js';
import type { ScheduleRequest, ScheduleResult } from '../../model/backend.js';
import type { Effect, EntityEnv } from '../entity.js';
import { attachmentWork, reconcileExport, type ExportPort } from './attach-effects.js';
import { scheduleRequestOf, type VolumeCommand, type VolumeEvent, type VolumeState } from './state.js';

export interface VolumeEnv extends EntityEnv {
  schedule(req: ScheduleRequest): Promise<ScheduleResult>;
  /** The driver of a backend on this node, undefined when it is not here or not up. */
  driver(backend: string): VolumeDriver | undefined;
  maxAttempts: number;
  /** The target driver of a backend on this node, for attachments. */
  target(backend: string): ExportPort | undefined;
  /** The front-end QoS specs of a volume type, if it has any. */
  frontEndQos(volumeTypeId: string): Record<string, string> | undefined;
  /** Read model and subscribers; record undefined once deleted. */
  publish(id: string, state: VolumeState): void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function scheduleVolume(s: VolumeState, env: VolumeEnv): Effect<VolumeCommand> {
  if (!s.record || !s.placement) return Promise.resolve(undefined);
  return env.schedule(scheduleRequestOf(s.record, s.placement)).then((r): VolumeCommand => r.ok
    ? { type: 'Placed', pool: r.pool.name, backend: r.pool.backend }
    : { type: 'PlacementFailed', reason: r.reason },
  (err: unknown): VolumeCommand => ({ type: 'PlacementFailed', reason: `scheduler unavailable: ${message(err)}` }));
}

async function provision(id: string, s: VolumeState, env: VolumeEnv): Promise<VolumeCommand> {
  const pool = s.placement?.pool ?? '';
  const driver = env.driver(s.record?.backend ?? '');
  if (!driver || !s.record) return { type: 'ProvisionFailed', pool, reason: `backend ${s.record?.backend} is not available on this node`, maxAttempts: env.maxAttempts };
  try {
    await driver.createVolume({ id, sizeGiB: s.record.sizeGiB, pool: pool.split('#')[1] ?? pool });
    return { type: 'Provisioned', pool };
  } catch (err) {
    return { type: 'ProvisionFailed', pool, reason: message(err), maxAttempts: env.maxAttempts };
  }
}

async function remove(id: string, s: VolumeState, env: VolumeEnv): Promise<VolumeCommand> {
  const backend = s.record?.backend;
  if (!backend) return { type: 'Deleted' }; // never placed: nothing exists on any backend
  const driver = env.driver(backend);
  if (!driver) return { type: 'DeleteFailed', reason: `backend ${backend} is not available on this node` };
  try {
    await driver.deleteVolume(id);
    return { type: 'Deleted' };
  } catch (err) {
    return { type: 'DeleteFailed', reason: message(err) };
  }
}

async function extend(id: string, s: VolumeState, toGiB: number, env: VolumeEnv): Promise<VolumeCommand> {
  const driver = env.driver(s.record?.backend ?? '');
  if (!driver) return { type: 'ExtendFailed', reason: `backend ${s.record?.backend} is not available on this node` };
  try {
    await driver.extendVolume(id, toGiB);
    return { type: 'Extended', newSizeGiB: toGiB };
  } catch (err) {
    return { type: 'ExtendFailed', reason: message(err) };
  }
}

/** Runs the work the current intent still needs; the drivers' idempotence makes this safe to repeat. */
export function workFor(id: string, s: VolumeState, env: VolumeEnv): Effect<VolumeCommand>[] {
  switch (s.intent?.kind) {
    case 'create': return [s.placement?.pool ? provision(id, s, env) : scheduleVolume(s, env)];
    case 'delete': return [remove(id, s, env)];
    case 'extend': return [extend(id, s, s.intent.toGiB, env)];
    case 'connect':
    case 'disconnect': return attachmentWork(id, s, env);
    default: return [];
  }
}

/** On activation: finish an unfinished intent. */
export function reconcileVolume(id: string, s: VolumeState, env: VolumeEnv): Effect<VolumeCommand>[] {
  return s.record && !s.deleted && s.intent ? workFor(id, s, env) : [];
}

/** On request (boot, a restarted target daemon): put the volume's export back in order. */
export function repairVolume(id: string, s: VolumeState, env: VolumeEnv): Effect<VolumeCommand>[] {
  return s.record && !s.deleted && !s.intent && s.exportRecord !== null ? [reconcileExport(id, s, env)] : [];
}

/** Only events that start or advance work need an effect; others (update, reset) do not. */
export function volumeEffects(id: string, _before: VolumeState, after: VolumeState, events: VolumeEvent[], env: VolumeEnv): Effect<VolumeCommand>[] {
  const starts = events.some((e) => ['VolumeRequested', 'VolumePlaced', 'ProvisionFailed', 'DeletionRequested', 'ExtendRequested',
    'ConnectRequested', 'DisconnectRequested'].includes(e.type));
  return starts ? workFor(id, after, env) : [];
}
