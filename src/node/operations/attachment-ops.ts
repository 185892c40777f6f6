/** Cinder's v3 attachments: reserve, connect, complete, delete; connection info goes only to the caller's project. */
import type { VolumeCommand, VolumeState } from '../../actors/volume/state.js';
import type { Params } from '../../api/protocol.js';
import { invalidParams, KilnError, notFound } from '../../model/errors.js';
import { newId } from '../../model/ids.js';
import type { AttachmentSummary, Connector } from '../../model/volume.js';
import { requireAdmin, type Caller, type NodeParts } from './context.js';

export interface AttachmentView extends AttachmentSummary {
  /** Cinder's connection info (with credentials); null until connected. */
  connectionInfo: Record<string, unknown> | null;
}

const connectTimeoutMs = 120_000;

export function attachmentOps(parts: NodeParts) {
  const stateOf = (volumeId: string) =>
    parts.volumes.ask<VolumeState>(volumeId, (reply) => ({ kind: 'get', reply }), parts.askTimeoutMs);
  const run = (volumeId: string, cmd: VolumeCommand) =>
    parts.volumes.ask<VolumeState>(volumeId, (reply) => ({ kind: 'command', cmd, reply }), parts.askTimeoutMs);

  function locate(c: Caller, attachmentId: string) {
    const found = parts.readModel.findAttachment(attachmentId);
    if (!found || (!c.isAdmin && found.volume.projectId !== c.projectId)) throw Object.assign(notFound('Attachment', attachmentId), { field: 'attachment' });
    return found;
  }

  function checkConnector(backend: string | null, connector: Connector | undefined): void {
    if (!connector) return;
    const protocol = parts.targetProtocol(backend ?? '');
    if (!protocol) throw invalidParams('connector', `Volumes on backend ${backend} cannot be attached: it has no target helper configured.`);
    if (protocol === 'iscsi' && !connector.initiator) {
      throw invalidParams('connector.initiator', 'An iSCSI connection needs the host\'s initiator IQN (connector.initiator).');
    }
  }

  /** Waits until the volume's connect or disconnect of this attachment has an outcome. */
  async function settled(volumeId: string, attachmentId: string): Promise<VolumeState> {
    const busy = (s: VolumeState) => (s.intent?.kind === 'connect' || s.intent?.kind === 'disconnect') && s.intent.attachmentId === attachmentId;
    let wake: () => void = () => {};
    const off = parts.feed.subscribe((e) => { if (e.id === volumeId) wake(); });
    const deadline = Date.now() + connectTimeoutMs;
    try {
      for (;;) {
        const changed = new Promise<void>((r) => { wake = r; });
        const s = await stateOf(volumeId);
        if (!busy(s)) return s;
        const left = deadline - Date.now();
        if (left <= 0) throw new KilnError('ERR_TIMEOUT', `attachment ${attachmentId} did not settle within ${connectTimeoutMs} ms; the outcome is unknown`);
        await Promise.race([changed, new Promise((r) => setTimeout(r, Math.min(left, 1000)))]);
      }
    } finally {
      off();
    }
  }

  function view(s: VolumeState, attachmentId: string): AttachmentView {
    const a = s.record?.attachments.find((x) => x.id === attachmentId);
    if (!a) throw notFound('Attachment', attachmentId);
    return { ...a, connectionInfo: s.connections[attachmentId] ?? null };
  }

  function failIfErrored(v: AttachmentView): AttachmentView {
    if (v.status === 'error_attaching') {
      throw new KilnError('ERR_DRIVER', `Attachment ${v.id} failed to connect: ${v.errorReason}`, { details: { attachment: v } });
    }
    return v;
  }

  return {
    async create(c: Caller, p: Params<'attachment.create'>): Promise<AttachmentView> {
      const volume = parts.readModel.resolve(p.volume, c.isAdmin ? undefined : c.projectId);
      checkConnector(volume.backend, p.connector);
      const attachmentId = newId();
      await run(volume.id, { type: 'CreateAttachment', attachmentId, instanceUuid: p.instanceUuid ?? null, connector: p.connector ?? null, mode: p.mode ?? 'rw' });
      const result = view(await settled(volume.id, attachmentId), attachmentId);
      if (result.status === 'error_attaching') {
        // As Cinder: a create whose connect failed leaves no attachment behind.
        await run(volume.id, { type: 'DeleteAttachment', attachmentId });
        await settled(volume.id, attachmentId);
      }
      return failIfErrored(result);
    },
    async update(c: Caller, p: Params<'attachment.update'>): Promise<AttachmentView> {
      const { volume } = locate(c, p.attachment);
      checkConnector(volume.backend, p.connector);
      await run(volume.id, { type: 'UpdateAttachment', attachmentId: p.attachment, connector: p.connector });
      return failIfErrored(view(await settled(volume.id, p.attachment), p.attachment));
    },
    async complete(c: Caller, p: Params<'attachment.complete'>): Promise<AttachmentView> {
      const { volume } = locate(c, p.attachment);
      return view(await run(volume.id, { type: 'CompleteAttachment', attachmentId: p.attachment }), p.attachment);
    },
    async delete(c: Caller, p: Params<'attachment.delete'>): Promise<{ id: string; volumeId: string; volumeStatus: string }> {
      const { volume } = locate(c, p.attachment);
      await run(volume.id, { type: 'DeleteAttachment', attachmentId: p.attachment });
      const s = await settled(volume.id, p.attachment);
      const left = s.record?.attachments.find((a) => a.id === p.attachment);
      if (left) throw new KilnError('ERR_DRIVER', `Attachment ${p.attachment} could not be removed: ${left.errorReason}`, { details: { status: left.status } });
      return { id: p.attachment, volumeId: volume.id, volumeStatus: s.record?.status ?? 'unknown' };
    },
    list(c: Caller, p: Params<'attachment.list'>): AttachmentSummary[] {
      if (p.allTenants) requireAdmin(c, 'listing attachments of all projects');
      const project = p.allTenants ? undefined : c.projectId;
      const volumes = p.volume !== undefined ? [parts.readModel.resolve(p.volume, c.isAdmin ? undefined : c.projectId)]
        : parts.readModel.list({ projectId: project });
      return volumes.flatMap((v) => v.attachments);
    },
    async show(c: Caller, p: Params<'attachment.show'>): Promise<AttachmentView> {
      const { volume } = locate(c, p.attachment);
      return view(await stateOf(volume.id), p.attachment);
    },
  };
}
