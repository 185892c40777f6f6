import { invalidParams, invalidState, notFound, type KilnError } from '../../model/errors.js';
import type { VolumeStatus } from '../../model/statuses.js';
import type { Decision } from '../entity.js';
import type { VolumeCommand, VolumeEvent, VolumeState } from './state.js';
import { decideAttachment, decideAttachmentReport, isAttachmentCommand, isAttachmentReport, type AttachmentCommand, type AttachmentReport } from './decide-attachments.js';
import { allowedStatuses, isAllowed, type UserCommand } from './status-table.js';

const none: Decision<VolumeEvent> = { events: [] };
const ok = (...events: VolumeEvent[]): Decision<VolumeEvent> => ({ events });
const fail = (error: KilnError): Decision<VolumeEvent> => ({ error });

export interface DecideContext { id: string; now: string }

/** Pure: validates a command against the state and returns the events it causes. */
export function decideVolume(s: VolumeState, cmd: VolumeCommand, ctx: DecideContext): Decision<VolumeEvent> {
  const rec = s.record;
  if (cmd.type === 'CreateVolume') {
    if (rec || s.deleted) return fail(invalidState(`Volume ${ctx.id} already exists.`));
    const requested: VolumeEvent = { type: 'VolumeRequested', record: cmd.record, extraSpecs: cmd.extraSpecs, qosConsumer: cmd.qosConsumer };
    const p = cmd.placement;
    if (!p) return ok(requested);
    if ('failed' in p) return ok(requested, { type: 'VolumeErrored', at: ctx.now, status: 'error', reason: p.failed });
    return ok(requested, { type: 'VolumePlaced', at: ctx.now, pool: p.pool, backend: p.backend });
  }
  if (!rec || s.deleted) return isReport(cmd) ? none : fail(notFound('Volume', ctx.id));
  const at = ctx.now;
  if (isAttachmentCommand(cmd)) return decideAttachment(s, rec, cmd, at);
  if (isAttachmentReport(cmd)) return decideAttachmentReport(s, cmd, at);
  if (!isReport(cmd)) {
    const refusal = checkStatus(cmd.type, rec.status, ctx.id);
    if (refusal) return fail(refusal);
  }
  switch (cmd.type) {
    case 'UpdateVolume': {
      const missing = cmd.metadataUnset?.find((k) => !(k in (cmd.metadata ?? rec.metadata)));
      if (missing !== undefined) return fail(notFound('Volume metadata key', missing));
      const flags = { ...(cmd.bootable !== undefined ? { bootable: cmd.bootable } : {}), ...(cmd.readonly !== undefined ? { readonly: cmd.readonly } : {}) };
      return ok({ type: 'VolumeUpdated', at, name: cmd.name, description: cmd.description, metadata: nextMetadata(rec.metadata, cmd), ...flags });
    }
    case 'DeleteVolume':
      return ok({ type: 'DeletionRequested', at });
    case 'ExtendVolume':
      if (cmd.newSizeGiB <= rec.sizeGiB) {
        return fail(invalidParams('newSize', `New size for extend must be greater than current size. (current: ${rec.sizeGiB}, extended: ${cmd.newSizeGiB}).`));
      }
      return ok({ type: 'ExtendRequested', at, fromGiB: rec.sizeGiB, toGiB: cmd.newSizeGiB });
    case 'ResetStatus':
      return ok({ type: 'StatusReset', at, status: cmd.status });
    default:
      return decideReport(s, cmd, ctx);
  }
}

type Report = Exclude<VolumeCommand, { type: 'CreateVolume' | UserCommand } | AttachmentCommand | AttachmentReport>;

function isReport(cmd: VolumeCommand): cmd is Report {
  return !(cmd.type === 'CreateVolume' || cmd.type in allowedStatuses || isAttachmentCommand(cmd) || isAttachmentReport(cmd));
}

function checkStatus(command: UserCommand, status: VolumeStatus, id: string): KilnError | undefined {
  if (isAllowed(command, status)) return undefined;
  const verb = { UpdateVolume: 'update', DeleteVolume: 'delete', ExtendVolume: 'extend', ResetStatus: 'reset' }[command];
  return invalidState(`Invalid volume: Volume ${id} status must be ${allowedStatuses[command].join(' or ')} to ${verb}, but current status is: ${status}.`,
    { status, allowed: allowedStatuses[command] });
}

/** Reports from effects apply only to the intent they belong to; stale ones change nothing. */
function decideReport(s: VolumeState, cmd: Report, ctx: DecideContext): Decision<VolumeEvent> {
  const at = ctx.now;
  const intent = s.intent?.kind;
  switch (cmd.type) {
    case 'Placed':
      return intent === 'create' && s.placement?.pool === null ? ok({ type: 'VolumePlaced', at, pool: cmd.pool, backend: cmd.backend }) : none;
    case 'PlacementFailed': {
      if (intent !== 'create' || s.placement?.pool !== null) return none;
      return ok({ type: 'VolumeErrored', at, status: 'error', reason: s.placement.lastError ? `${cmd.reason} Last create error on ${s.placement.lastError}` : cmd.reason });
    }
    case 'Provisioned':
      return intent === 'create' && s.placement?.pool === cmd.pool ? ok({ type: 'VolumeProvisioned', at }) : none;
    case 'ProvisionFailed': {
      if (intent !== 'create' || s.placement?.pool !== cmd.pool) return none;
      const failed: VolumeEvent = { type: 'ProvisionFailed', at, pool: cmd.pool, reason: cmd.reason };
      const attempts = s.placement.attempted.length + 1;
      if (attempts < cmd.maxAttempts) return ok(failed);
      return ok(failed, { type: 'VolumeErrored', at, status: 'error', reason: `Create failed after ${attempts} attempt(s); last error on ${cmd.pool}: ${cmd.reason}` });
    }
    case 'Deleted':
      return intent === 'delete' ? ok({ type: 'VolumeDeleted', at }) : none;
    case 'DeleteFailed':
      return intent === 'delete' ? ok({ type: 'VolumeErrored', at, status: 'error_deleting', reason: cmd.reason }) : none;
    case 'Extended':
      return intent === 'extend' ? ok({ type: 'VolumeExtended', at, sizeGiB: cmd.newSizeGiB }) : none;
    case 'ExtendFailed':
      return intent === 'extend' ? ok({ type: 'VolumeErrored', at, status: 'error_extending', reason: cmd.reason }) : none;
  }
}

/** The metadata after an update, or undefined when the update leaves it alone. */
function nextMetadata(current: Record<string, string>, cmd: Extract<VolumeCommand, { type: 'UpdateVolume' }>): Record<string, string> | undefined {
  if (cmd.metadata === undefined && cmd.metadataSet === undefined && cmd.metadataUnset === undefined) return undefined;
  const merged: Record<string, string> = { ...(cmd.metadata ?? current), ...cmd.metadataSet };
  for (const key of cmd.metadataUnset ?? []) delete merged[key];
  return merged;
}
