/** Attachments → Cinder's attachment JSON, as cinder/api/v3/views/attachments.py builds it. */
import type { AttachmentView } from '../../../node/operations/attachment-ops.js';
import type { AttachmentSummary } from '../../../model/volume.js';
import { cinderTime } from '../format.js';

/** The summary: what `cinder attachment-list` prints (its "Server ID" column is `instance`). */
export function attachmentSummary(a: AttachmentSummary) {
  return { id: a.id, status: a.status, instance: a.instanceUuid, volume_id: a.volumeId };
}

/**
 * The detail. Cinder prints a missing time as '' (its _normalize) and Kiln keeps no detach time:
 * a detached attachment is deleted. Lists have no connection info: credentials stay out of the
 * read model that lists come from, so they are only given by show, create and update.
 */
export function attachmentDetail(a: AttachmentSummary | AttachmentView) {
  return {
    ...attachmentSummary(a),
    attached_at: cinderTime(a.attachedAt) ?? '',
    detached_at: '',
    attach_mode: a.mode,
    connection_info: 'connectionInfo' in a ? a.connectionInfo : null,
  };
}

export function attachmentList(rows: AttachmentSummary[], detail: boolean) {
  return { attachments: rows.map((a) => (detail ? attachmentDetail(a) : attachmentSummary(a))) };
}
