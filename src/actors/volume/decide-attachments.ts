/** Cinder's v3 attachment rules: reserve, connect (update), complete, delete; one connect/disconnect at a time. */
import { invalidState, notFound, type KilnError } from '../../model/errors.js';
import type { AttachmentSummary, VolumeRecord } from '../../model/volume.js';
import type { Decision } from '../entity.js';
import type { VolumeCommand, VolumeEvent, VolumeState } from './state.js';

const none: Decision<VolumeEvent> = { events: [] };
const ok = (...events: VolumeEvent[]): Decision<VolumeEvent> => ({ events });
const fail = (error: KilnError): Decision<VolumeEvent> => ({ error });

export type AttachmentCommand = Extract<VolumeCommand, { type: 'CreateAttachment' | 'UpdateAttachment' | 'CompleteAttachment' | 'DeleteAttachment' }>;
export type AttachmentReport = Extract<VolumeCommand, { type: 'Connected' | 'ConnectFailed' | 'Disconnected' | 'DisconnectFailed' | 'ExportReconciled' }>;

const attachmentCommandTypes = new Set(['CreateAttachment', 'UpdateAttachment', 'CompleteAttachment', 'DeleteAttachment']);
const attachmentReportTypes = new Set(['Connected', 'ConnectFailed', 'Disconnected', 'DisconnectFailed', 'ExportReconciled']);
export const isAttachmentCommand = (c: VolumeCommand): c is AttachmentCommand => attachmentCommandTypes.has(c.type);
export const isAttachmentReport = (c: VolumeCommand): c is AttachmentReport => attachmentReportTypes.has(c.type);

function canReserve(rec: VolumeRecord): KilnError | undefined {
  const others = rec.attachments.length;
  if (!rec.multiattach && (rec.status !== 'available' || others > 0)) {
    return invalidState(`Invalid volume: Volume ${rec.id} status must be available to reserve, but the status is ${rec.status}` +
      (others > 0 ? ' and it is already attached; its volume type does not allow multiattach (multiattach="<is> True").' : '.'),
    { status: rec.status, attachments: others });
  }
  if (rec.multiattach && !['available', 'reserved', 'attaching', 'in-use'].includes(rec.status)) {
    return invalidState(`Invalid volume: Volume ${rec.id} status must be available or in-use to reserve, but current status is: ${rec.status}.`);
  }
  return undefined;
}

const find = (rec: VolumeRecord, id: string): AttachmentSummary | undefined => rec.attachments.find((a) => a.id === id);

export function decideAttachment(s: VolumeState, rec: VolumeRecord, cmd: AttachmentCommand, at: string): Decision<VolumeEvent> {
  if (s.intent) {
    return fail(invalidState(`Volume ${rec.id} is busy: ${s.intent.kind} in progress; try again.`, { intent: s.intent.kind }));
  }
  if (cmd.type === 'CreateAttachment') {
    const refusal = canReserve(rec);
    if (refusal) return fail(refusal);
    const attachment: AttachmentSummary = {
      id: cmd.attachmentId, volumeId: rec.id, instanceUuid: cmd.instanceUuid, status: 'reserved', mode: cmd.mode,
      connector: null, attachedAt: null, createdAt: at, errorReason: null,
    };
    const reserved: VolumeEvent = { type: 'AttachmentReserved', at, attachment };
    return cmd.connector ? ok(reserved, { type: 'ConnectRequested', at, attachmentId: cmd.attachmentId, connector: cmd.connector }) : ok(reserved);
  }
  const a = find(rec, cmd.attachmentId);
  if (!a) return fail(notFound('Attachment', cmd.attachmentId));
  switch (cmd.type) {
    case 'UpdateAttachment':
      if (a.status !== 'reserved' && a.status !== 'error_attaching') {
        return fail(invalidState(`Attachment ${a.id} is ${a.status}; only a reserved attachment can be given a connector.`));
      }
      return ok({ type: 'ConnectRequested', at, attachmentId: a.id, connector: cmd.connector });
    case 'CompleteAttachment':
      if (a.status === 'attached') return none;
      if (a.status !== 'attaching' || !s.connections[a.id]) {
        return fail(invalidState(`Attachment ${a.id} is ${a.status}; it must be connected (attachment update with a connector) before it completes.`));
      }
      return ok({ type: 'AttachmentCompleted', at, attachmentId: a.id });
    case 'DeleteAttachment': {
      const lastWithExport = s.exportRecord !== null && rec.attachments.length === 1;
      if (!s.connections[a.id] && !lastWithExport) return ok({ type: 'AttachmentRemoved', at, attachmentId: a.id, exportRemoved: false });
      return ok({ type: 'DisconnectRequested', at, attachmentId: a.id });
    }
  }
}

/** Reports apply only to the connect/disconnect they belong to. */
export function decideAttachmentReport(s: VolumeState, cmd: AttachmentReport, at: string): Decision<VolumeEvent> {
  const intent = s.intent;
  switch (cmd.type) {
    case 'Connected':
      return intent?.kind === 'connect' && intent.attachmentId === cmd.attachmentId
        ? ok({ type: 'AttachmentConnected', at, attachmentId: cmd.attachmentId, exportRecord: cmd.exportRecord, connectionInfo: cmd.connectionInfo }) : none;
    case 'ConnectFailed':
      return intent?.kind === 'connect' && intent.attachmentId === cmd.attachmentId
        ? ok({ type: 'AttachmentFailed', at, attachmentId: cmd.attachmentId, reason: cmd.reason, exportRecord: cmd.exportRecord }) : none;
    case 'Disconnected':
      return intent?.kind === 'disconnect' && intent.attachmentId === cmd.attachmentId
        ? ok({ type: 'AttachmentRemoved', at, attachmentId: cmd.attachmentId, exportRemoved: cmd.exportRemoved }) : none;
    case 'DisconnectFailed':
      return intent?.kind === 'disconnect' && intent.attachmentId === cmd.attachmentId
        ? ok({ type: 'DetachFailed', at, attachmentId: cmd.attachmentId, reason: cmd.reason }) : none;
    case 'ExportReconciled':
      return cmd.exportRecord === s.exportRecord ? none : ok({ type: 'ExportChanged', at, exportRecord: cmd.exportRecord });
  }
}
