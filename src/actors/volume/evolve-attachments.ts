/** Applies attachment events. The volume's status follows from its attachments, as in Cinder. */
import type { VolumeStatus } from '../../model/statuses.js';
import type { AttachmentSummary } from '../../model/volume.js';
import type { VolumeEvent, VolumeState } from './state.js';

export type AttachmentEvent = Extract<VolumeEvent, { type:
  'AttachmentReserved' | 'ConnectRequested' | 'AttachmentConnected' | 'AttachmentFailed' | 'AttachmentCompleted' |
  'DisconnectRequested' | 'AttachmentRemoved' | 'DetachFailed' | 'ExportChanged' }>;

const attachmentEventTypes = new Set<string>([
  'AttachmentReserved', 'ConnectRequested', 'AttachmentConnected', 'AttachmentFailed', 'AttachmentCompleted',
  'DisconnectRequested', 'AttachmentRemoved', 'DetachFailed', 'ExportChanged',
]);

export const isAttachmentEvent = (e: VolumeEvent): e is AttachmentEvent => attachmentEventTypes.has(e.type);

/** in-use while any attachment is attached, attaching while one connects, reserved while one is only reserved. */
export function statusFromAttachments(attachments: readonly AttachmentSummary[], intentKind: string | undefined): VolumeStatus {
  if (intentKind === 'disconnect') return 'detaching';
  if (attachments.some((a) => a.status === 'attached' || a.status === 'error_detaching' || a.status === 'detaching')) return 'in-use';
  if (attachments.some((a) => a.status === 'attaching')) return 'attaching';
  if (attachments.length > 0) return 'reserved';
  return 'available';
}

function patchAttachment(s: VolumeState, id: string, patch: Partial<AttachmentSummary>): AttachmentSummary[] {
  return (s.record?.attachments ?? []).map((a) => (a.id === id ? { ...a, ...patch } : a));
}

function settle(s: VolumeState, attachments: AttachmentSummary[], at: string, patch: Partial<VolumeState> = {}): VolumeState {
  const next = { ...s, ...patch };
  if (!next.record) return next;
  const status = statusFromAttachments(attachments, next.intent?.kind);
  return { ...next, record: { ...next.record, attachments, status, updatedAt: at } };
}

function without<T>(rec: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = rec;
  return rest;
}

export function evolveAttachment(s: VolumeState, e: AttachmentEvent): VolumeState {
  switch (e.type) {
    case 'AttachmentReserved':
      return settle(s, [...(s.record?.attachments ?? []), e.attachment], e.at);
    case 'ConnectRequested':
      return settle(s, patchAttachment(s, e.attachmentId, { status: 'attaching', connector: e.connector, errorReason: null }), e.at,
        { intent: { kind: 'connect', attachmentId: e.attachmentId } });
    case 'AttachmentConnected':
      return settle(s, patchAttachment(s, e.attachmentId, { status: 'attaching' }), e.at,
        { intent: null, exportRecord: e.exportRecord, connections: { ...s.connections, [e.attachmentId]: e.connectionInfo } });
    case 'AttachmentFailed':
      return settle(s, patchAttachment(s, e.attachmentId, { status: 'error_attaching', errorReason: e.reason }), e.at,
        { intent: null, exportRecord: e.exportRecord });
    case 'AttachmentCompleted':
      return settle(s, patchAttachment(s, e.attachmentId, { status: 'attached', attachedAt: e.at }), e.at);
    case 'DisconnectRequested':
      return settle(s, patchAttachment(s, e.attachmentId, { status: 'detaching' }), e.at,
        { intent: { kind: 'disconnect', attachmentId: e.attachmentId } });
    case 'AttachmentRemoved':
      return settle(s, (s.record?.attachments ?? []).filter((a) => a.id !== e.attachmentId), e.at,
        { intent: null, connections: without(s.connections, e.attachmentId), exportRecord: e.exportRemoved ? null : s.exportRecord });
    case 'DetachFailed':
      return settle(s, patchAttachment(s, e.attachmentId, { status: 'error_detaching', errorReason: e.reason }), e.at, { intent: null });
    case 'ExportChanged':
      return { ...s, exportRecord: e.exportRecord };
  }
}
