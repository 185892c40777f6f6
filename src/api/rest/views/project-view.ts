/** Per-project documents: quota sets, absolute limits, user messages. */
import type { MessageRecord } from '../../../node/operations/message-ops.js';
import { unlimited, type ProjectUsage } from '../../../node/operations/quota-ops.js';
import type { ViewContext } from '../context.js';
import { cinderTime } from '../format.js';
import { resourceLinks } from './volume-view.js';

type QuotaValue = number | { limit: number; in_use: number; reserved: number };

/** GET /os-quota-sets/{project}[?usage=True]: every limit is unlimited; usage is counted. */
export function quotaSet(u: ProjectUsage, withUsage: boolean): { quota_set: Record<string, string | QuotaValue> } {
  const value = (inUse: number): QuotaValue => (withUsage ? { limit: unlimited, in_use: inUse, reserved: 0 } : unlimited);
  const set: Record<string, string | QuotaValue> = { id: u.projectId };
  set.volumes = value(u.volumes);
  set.snapshots = value(0);
  set.gigabytes = value(u.gigabytes);
  set.backups = value(0);
  set.backup_gigabytes = value(0);
  set.groups = value(0);
  set.per_volume_gigabytes = value(0);
  for (const [name, t] of Object.entries(u.byType).sort(([a], [b]) => a.localeCompare(b))) {
    set[`volumes_${name}`] = value(t.volumes);
    set[`gigabytes_${name}`] = value(t.gigabytes);
    set[`snapshots_${name}`] = value(0);
  }
  return { quota_set: set };
}

/** GET /limits: no rate limits; absolute limits unlimited with real usage. */
export function limitsView(u: ProjectUsage) {
  return {
    limits: {
      rate: [],
      absolute: {
        totalSnapshotsUsed: 0,
        maxTotalBackups: unlimited,
        maxTotalVolumeGigabytes: unlimited,
        maxTotalSnapshots: unlimited,
        maxTotalBackupGigabytes: unlimited,
        totalBackupGigabytesUsed: 0,
        maxTotalVolumes: unlimited,
        totalVolumesUsed: u.volumes,
        totalBackupsUsed: 0,
        totalGigabytesUsed: u.gigabytes,
      },
    },
  };
}

export function messageView(v: ViewContext, m: MessageRecord): Record<string, unknown> {
  return {
    id: m.id,
    event_id: m.eventId,
    user_message: m.userMessage,
    message_level: m.messageLevel,
    resource_type: m.resourceType,
    resource_uuid: m.resourceUuid,
    created_at: cinderTime(m.createdAt),
    guaranteed_until: cinderTime(m.expiresAt),
    request_id: null,
    links: resourceLinks(v, 'messages', m.id),
  };
}
