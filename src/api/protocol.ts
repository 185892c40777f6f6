/**
 * The WebSocket JSON-RPC 2.0 contract: every method's params schema.
 * Results are plain JSON of the records in src/model (VolumeType, QosSpec, VolumeRecord, PoolState, ServiceRecord).
 * Resources may be named by id or by name wherever Cinder accepts either (`type`, `qos`, `volume`).
 */
import { z } from 'zod';

const idOrName = z.string().min(1).max(255);
const text = z.string().max(255);
const specMap = z.record(z.string().min(1).max(255), z.string().max(255));
const metadata = z.record(z.string().min(1).max(255), z.string().max(255));
/** Cinder's connector dict: what the attaching host says about itself. */
const connector = z.object({
  initiator: z.string().min(1).max(255).optional(),
  ip: z.string().min(1).max(64).optional(),
  host: z.string().min(1).max(255).optional(),
  platform: z.string().max(64).optional(),
  os_type: z.string().max(64).optional(),
  multipath: z.boolean().optional(),
  mountpoint: z.string().max(255).optional(),
}); // other os-brick connector keys (wwpns, nqn, …) are accepted and dropped
const sizeGiB = z.number().int('must be an integer').positive('must be a positive integer');

export const methods = {
  'node.info': z.strictObject({}),
  /** Admin only: a bearer token for one user in one project (role member unless admin is asked). */
  'token.create': z.strictObject({ projectId: z.string().regex(/^[\w.@-]{1,64}$/, 'letters, digits, _ . @ - only'), userId: z.string().regex(/^[\w.@-]{1,64}$/, 'letters, digits, _ . @ - only'), admin: z.boolean().optional() }),
  'type.create': z.strictObject({ name: text.min(1), description: text.optional(), isPublic: z.boolean().optional(), extraSpecs: specMap.optional() }),
  'type.list': z.strictObject({ isPublic: z.union([z.boolean(), z.literal('all')]).optional() }),
  'type.show': z.strictObject({ type: idOrName }),
  'type.default': z.strictObject({}),
  'type.update': z.strictObject({ type: idOrName, name: text.min(1).optional(), description: text.optional(), isPublic: z.boolean().optional() }),
  'type.delete': z.strictObject({ type: idOrName }),
  'type.setKeys': z.strictObject({ type: idOrName, specs: specMap }),
  'type.unsetKeys': z.strictObject({ type: idOrName, keys: z.array(z.string().min(1)).min(1) }),
  'type.addAccess': z.strictObject({ type: idOrName, projectId: z.string().min(1).max(64) }),
  'type.removeAccess': z.strictObject({ type: idOrName, projectId: z.string().min(1).max(64) }),
  'type.listAccess': z.strictObject({ type: idOrName }),
  'qos.create': z.strictObject({ name: text.min(1), consumer: z.enum(['front-end', 'back-end', 'both']).optional(), specs: specMap.optional() }),
  'qos.list': z.strictObject({}),
  'qos.show': z.strictObject({ qos: idOrName }),
  'qos.setKeys': z.strictObject({ qos: idOrName, specs: specMap }),
  'qos.unsetKeys': z.strictObject({ qos: idOrName, keys: z.array(z.string().min(1)).min(1) }),
  'qos.associate': z.strictObject({ qos: idOrName, type: idOrName }),
  'qos.disassociate': z.strictObject({ qos: idOrName, type: idOrName }),
  'qos.disassociateAll': z.strictObject({ qos: idOrName }),
  'qos.associations': z.strictObject({ qos: idOrName }),
  'qos.delete': z.strictObject({ qos: idOrName, force: z.boolean().optional() }),
  'volume.create': z.strictObject({
    size: sizeGiB,
    name: text.optional(),
    description: text.optional(),
    volumeType: idOrName.optional(),
    availabilityZone: text.min(1).optional(),
    metadata: metadata.optional(),
    projectId: z.string().min(1).max(64).optional(),
  }),
  'volume.list': z.strictObject({
    name: text.optional(),
    status: text.optional(),
    metadata: metadata.optional(),
    /** Cinder's sort syntax: "key[:asc|desc][,key2…]". */
    sort: z.string().max(255).optional(),
    limit: z.number().int().positive().optional(),
    marker: z.string().min(1).optional(),
    allTenants: z.boolean().optional(),
    projectId: z.string().min(1).max(64).optional(),
  }),
  'volume.show': z.strictObject({ volume: idOrName }),
  'volume.update': z.strictObject({ volume: idOrName, name: text.optional(), description: text.optional(), metadata: metadata.optional() }),
  /** Merges keys into the volume's metadata (Cinder: POST /volumes/{id}/metadata). */
  'volume.setMetadata': z.strictObject({ volume: idOrName, metadata }),
  /** Removes keys; an absent key is ERR_NOT_FOUND. */
  'volume.unsetMetadata': z.strictObject({ volume: idOrName, keys: z.array(z.string().min(1)).min(1) }),
  'volume.delete': z.strictObject({ volume: idOrName }),
  'volume.extend': z.strictObject({ volume: idOrName, newSize: sizeGiB }),
  'volume.resetStatus': z.strictObject({ volume: idOrName, status: z.enum(['available', 'error', 'in-use', 'error_deleting', 'error_extending']) }),
  'attachment.create': z.strictObject({
    volume: idOrName, instanceUuid: z.string().min(1).max(255).optional(), connector: connector.optional(),
    mode: z.enum(['rw', 'ro']).optional(),
  }),
  'attachment.update': z.strictObject({ attachment: z.string().min(1), connector }),
  'attachment.complete': z.strictObject({ attachment: z.string().min(1) }),
  'attachment.delete': z.strictObject({ attachment: z.string().min(1) }),
  'attachment.list': z.strictObject({ volume: idOrName.optional(), allTenants: z.boolean().optional() }),
  'attachment.show': z.strictObject({ attachment: z.string().min(1) }),
  'quota.usage': z.strictObject({ projectId: z.string().min(1).max(64).optional() }),
  'zone.list': z.strictObject({}),
  'message.list': z.strictObject({}),
  'message.show': z.strictObject({ id: z.string().min(1) }),
  'service.list': z.strictObject({ host: z.string().optional(), binary: z.string().optional() }),
  'service.disable': z.strictObject({ host: z.string().min(1), binary: z.string().optional(), reason: text.optional() }),
  'service.enable': z.strictObject({ host: z.string().min(1), binary: z.string().optional() }),
  'pool.list': z.strictObject({ detail: z.boolean().optional() }),
  /** Pushes `event` notifications: { kind: 'volume', id, status, record } for every change. */
  'subscribe': z.strictObject({ kinds: z.array(z.enum(['volume'])).optional() }),
  'unsubscribe': z.strictObject({}),
} as const;

export type MethodName = keyof typeof methods;
export type Params<M extends MethodName> = z.infer<(typeof methods)[M]>;

/** A service row as `cinder service-list` shows it. */
export interface ServiceRecord {
  /** Cinder's binary names, so operators' scripts and the cinder client keep working. */
  binary: 'cinder-scheduler' | 'cinder-volume' | 'cinder-backup';
  host: string;
  zone: string;
  status: 'enabled' | 'disabled';
  state: 'up' | 'down';
  updatedAt: string | null;
  disabledReason: string | null;
}

/** Server → client notification pushed after `subscribe`. */
export interface ChangeEvent {
  kind: 'volume';
  id: string;
  status: string;
  /** The record after the change; undefined once deleted. */
  record: unknown;
  deleted: boolean;
}

export const maxFrameBytes = 1 << 20;
