/** VolumeRecord → Cinder's volume JSON, field by field as cinder/api/v3/views/volumes.py builds it per microversion. */
import type { VolumeRecord } from '../../../model/volume.js';
import type { ViewContext } from '../context.js';
import { boolString, cinderTime, derivedUuid } from '../format.js';
import { versionAtLeast } from '../microversion.js';

export interface Link { rel: string; href: string }

export function resourceLinks(v: ViewContext, collection: string, id: string): Link[] {
  return [
    { rel: 'self', href: `${v.baseUrl}/v3/${v.projectId}/${collection}/${id}` },
    { rel: 'bookmark', href: `${v.baseUrl}/${v.projectId}/${collection}/${id}` },
  ];
}

/** The volume service a volume lives on, as a stable UUID (Cinder's services have one). */
export function serviceUuid(host: string | null): string | null {
  const service = host?.split('#')[0];
  return service ? derivedUuid('kiln-service', service) : null;
}

/** Attached attachments as Cinder lists them in a volume; the host name is for admins only. */
export function volumeAttachments(v: ViewContext, r: VolumeRecord): Record<string, unknown>[] {
  return (r.attachments ?? []).filter((a) => a.status === 'attached').map((a) => ({
    id: r.id,
    attachment_id: a.id,
    volume_id: r.id,
    server_id: a.instanceUuid,
    host_name: v.isAdmin ? a.connector?.host ?? null : null,
    device: a.connector?.mountpoint ?? null,
    attached_at: cinderTime(a.attachedAt),
  }));
}

/** Cinder shows the admin `readonly` flag inside the metadata once it has been set. */
function visibleMetadata(r: VolumeRecord): Record<string, string> {
  return r.readonly ? { ...r.metadata, readonly: 'True' } : { ...r.metadata };
}

export function volumeSummary(v: ViewContext, r: VolumeRecord) {
  return { id: r.id, name: r.name, links: resourceLinks(v, 'volumes', r.id) };
}

/** The detail view; `withExtensions` adds the os-vol-* attributes Cinder's show/list (not create) carry. */
export function volumeDetail(v: ViewContext, r: VolumeRecord, withExtensions = true): Record<string, unknown> {
  const at = (min: string) => versionAtLeast(v.version, min);
  const out: Record<string, unknown> = {
    id: r.id,
    status: r.status,
    size: r.sizeGiB,
    availability_zone: r.availabilityZone,
    created_at: cinderTime(r.createdAt),
    updated_at: cinderTime(r.updatedAt),
    name: r.name,
    description: r.description,
    volume_type: at('3.63') ? r.volumeTypeName : r.volumeTypeName || r.volumeTypeId,
    snapshot_id: null,
    source_volid: null,
    metadata: visibleMetadata(r),
    links: resourceLinks(v, 'volumes', r.id),
    user_id: r.userId,
    bootable: boolString(r.bootable),
    encrypted: false,
    replication_status: null,
    consistencygroup_id: null,
    multiattach: r.multiattach,
    attachments: volumeAttachments(v, r),
  };
  if (v.isAdmin) out.migration_status = null;
  if (at('3.13')) out.group_id = null;
  if (v.isAdmin && at('3.21')) out.provider_id = null;
  if (at('3.48')) {
    // Every Kiln volume gets its own target, so targets are never shared.
    out.shared_targets = false;
    out.service_uuid = serviceUuid(r.host);
  }
  if (v.isAdmin && at('3.61')) out.cluster_name = null;
  if (at('3.63')) out.volume_type_id = r.volumeTypeId;
  if (at('3.65')) out.consumes_quota = true;
  if (withExtensions) {
    out['os-vol-tenant-attr:tenant_id'] = r.projectId;
    if (v.isAdmin) {
      out['os-vol-mig-status-attr:migstat'] = null;
      out['os-vol-mig-status-attr:name_id'] = null;
      out['os-vol-host-attr:host'] = r.host;
    }
  }
  return out;
}

/** A list page; `next` is the marker of a following page when the page came back full. */
export function volumeList(v: ViewContext, rows: VolumeRecord[], opts: { detail: boolean; nextHref?: string | undefined; count?: number | undefined }) {
  const out: Record<string, unknown> = { volumes: rows.map((r) => (opts.detail ? volumeDetail(v, r) : volumeSummary(v, r))) };
  if (opts.nextHref) out.volumes_links = [{ rel: 'next', href: opts.nextHref }];
  if (opts.count !== undefined && versionAtLeast(v.version, '3.45')) out.count = opts.count;
  return out;
}
