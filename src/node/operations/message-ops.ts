/**
 * User messages (Cinder's GET /messages): why a volume failed, derived from the volumes that
 * rest in an error status with a reason. A message lives as long as the error does.
 */
import { createHash } from 'node:crypto';
import { notFound } from '../../model/errors.js';
import type { VolumeRecord } from '../../model/volume.js';
import type { Caller, NodeParts } from './context.js';

export interface MessageRecord {
  id: string;
  /** Cinder's VOLUME_<resource>_<action>_<detail>. */
  eventId: string;
  userMessage: string;
  messageLevel: 'ERROR';
  resourceType: 'VOLUME';
  resourceUuid: string;
  projectId: string;
  createdAt: string;
  expiresAt: string;
}

/** Cinder's message TTL (message_ttl = 30 days). */
const ttlMs = 30 * 24 * 3600 * 1000;

/** Cinder's action codes; a deletion has none in Cinder, so it borrows "unknown". */
const actions: Partial<Record<VolumeRecord['status'], { code: string; text: string }>> = {
  error: { code: '001', text: 'schedule allocate volume' },
  error_extending: { code: '007', text: 'extend volume' },
  error_deleting: { code: '000', text: 'delete volume' },
};

function uuidOf(text: string): string {
  const x = createHash('sha1').update(text).digest('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-5${x.slice(13, 16)}-${((parseInt(x.slice(16, 17), 16) & 3) | 8).toString(16)}${x.slice(17, 20)}-${x.slice(20, 32)}`;
}

export function messageOf(v: VolumeRecord): MessageRecord | undefined {
  const action = actions[v.status];
  if (!action || !v.errorReason) return undefined;
  const noBackend = /no valid backend|filter/i.test(v.errorReason);
  return {
    id: uuidOf(`message\0${v.id}\0${v.updatedAt}`),
    eventId: `VOLUME_VOLUME_${action.code}_${noBackend ? '003' : '001'}`,
    userMessage: `${action.text}: ${v.errorReason}`,
    messageLevel: 'ERROR', resourceType: 'VOLUME', resourceUuid: v.id, projectId: v.projectId,
    createdAt: v.updatedAt, expiresAt: new Date(Date.parse(v.updatedAt) + ttlMs).toISOString(),
  };
}

export function messageOps(parts: NodeParts) {
  const visible = (c: Caller): MessageRecord[] => [...parts.readModel.all()]
    .filter((v) => c.isAdmin || v.projectId === c.projectId)
    .flatMap((v) => messageOf(v) ?? [])
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return {
    list: (c: Caller): MessageRecord[] => visible(c),
    show(c: Caller, p: { id: string }): MessageRecord {
      const m = visible(c).find((x) => x.id === p.id);
      if (!m) throw notFound('Message', p.id);
      return m;
    },
  };
}
