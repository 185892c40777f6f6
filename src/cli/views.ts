/**
 * Kiln's records shown the way `cinder` shows the same things: its column titles and property names,
 * so output from the two tools can be read (and diffed) side by side.
 */
import type { ServiceRecord } from '../api/protocol.js';
import type { PoolState } from '../model/backend.js';
import type { QosSpec, VolumeType } from '../model/catalog.js';
import type { VolumeRecord } from '../model/volume.js';
import { formatProperties, formatTable, pyRepr } from './format.js';

export const typeListHeaders = ['ID', 'Name', 'Description', 'Is_Public'] as const;

export const formatTypeList = (types: readonly VolumeType[]): string =>
  formatTable(typeListHeaders, types.map((t) => [t.id, t.name, t.description, t.isPublic]));

export function formatTypeShow(t: VolumeType): string {
  return formatProperties({
    description: t.description,
    extra_specs: t.extraSpecs,
    id: t.id,
    is_public: t.isPublic,
    name: t.name,
    'os-volume-type-access:is_public': t.isPublic,
    qos_specs_id: t.qosSpecsId,
  });
}

export const formatExtraSpecsList = (types: readonly VolumeType[]): string =>
  formatTable(['ID', 'Name', 'extra_specs'], types.map((t) => [t.id, t.name, pyRepr(t.extraSpecs)]));

export const formatQosList = (specs: readonly QosSpec[]): string =>
  formatTable(['ID', 'Name', 'Consumer', 'specs'], specs.map((q) => [q.id, q.name, q.consumer, pyRepr(q.specs)]));

export const formatQosShow = (q: QosSpec): string =>
  formatProperties({ consumer: q.consumer, id: q.id, name: q.name, specs: q.specs });

/** One association of a QoS spec; the node names the kind the way cinder does ('volume_type'). */
export interface QosAssociation {
  id: string;
  name: string;
  associationType?: string;
}

export const formatQosAssociations = (rows: readonly QosAssociation[]): string =>
  formatTable(['Association_Type', 'Name', 'ID'], rows.map((a) => [a.associationType ?? 'volume_type', a.name, a.id]));

/** cinder list's "Attached to": the servers (instances) the volume is attached to. */
const attachedTo = (v: VolumeRecord): string =>
  (v.attachments ?? []).map((a) => a.instanceUuid ?? '').filter(Boolean).join(', ');

export function formatVolumeList(volumes: readonly VolumeRecord[], allTenants = false): string {
  const headers = ['ID', ...(allTenants ? ['Tenant ID'] : []), 'Status', 'Name', 'Size', 'Volume Type', 'Bootable', 'Attached to'];
  const rows = volumes.map((v) => [
    v.id, ...(allTenants ? [v.projectId] : []), v.status, v.name, v.sizeGiB, v.volumeTypeName, String(v.bootable), attachedTo(v),
  ]);
  return formatTable(headers, rows);
}

/** Cinder's volume properties; `error_reason` is Kiln's addition, shown only when set so a failure is visible. */
export function volumeProperties(v: VolumeRecord): Record<string, unknown> {
  const props: Record<string, unknown> = {
    attachments: (v.attachments ?? []).map((a) => ({ id: a.id, attachment_id: a.id, server_id: a.instanceUuid, host_name: a.connector?.host ?? null, attached_at: a.attachedAt, device: a.connector?.mountpoint ?? null })),
    availability_zone: v.availabilityZone,
    // Cinder's API gives bootable as the string 'true'/'false' but multiattach as a bool.
    bootable: String(v.bootable),
    created_at: v.createdAt,
    description: v.description,
    id: v.id,
    metadata: v.metadata,
    multiattach: v.multiattach,
    name: v.name,
    'os-vol-host-attr:host': v.host,
    'os-vol-tenant-attr:tenant_id': v.projectId,
    size: v.sizeGiB,
    status: v.status,
    updated_at: v.updatedAt,
    user_id: v.userId,
    volume_type: v.volumeTypeName,
  };
  if (v.errorReason) props['error_reason'] = v.errorReason;
  return props;
}

export const formatVolumeShow = (v: VolumeRecord): string => formatProperties(volumeProperties(v));

export const formatMetadata = (metadata: Record<string, string>): string => formatProperties(metadata);

export const serviceListHeaders = ['Binary', 'Host', 'Zone', 'Status', 'State', 'Updated_at', 'Disabled Reason'] as const;

export const formatServiceList = (services: readonly ServiceRecord[]): string =>
  formatTable(serviceListHeaders, services.map((s) => [s.binary, s.host, s.zone, s.status, s.state, s.updatedAt, s.disabledReason]));

/** What `cinder service-disable|enable` prints: the service as it now is. */
export function formatServiceChange(s: { host: string; binary?: string | undefined; status: string; disabledReason?: string | null }): string {
  const withReason = s.disabledReason !== undefined && s.disabledReason !== null;
  const headers = ['Host', 'Binary', 'Status', ...(withReason ? ['Disabled Reason'] : [])];
  return formatTable(headers, [[s.host, s.binary, s.status, ...(withReason ? [s.disabledReason] : [])]]);
}

/** `get-pools` without --detail: one table per pool with only its name, as cinder does. */
export const formatPoolNames = (pools: readonly Pick<PoolState, 'name'>[]): string =>
  pools.map((p) => formatProperties({ name: p.name })).join('');

/** Extra fields a driver may report that PoolState does not name. */
type PoolExtras = PoolState & { driverVersion?: string; vendorName?: string };

/** A pool's capabilities under the names Cinder drivers report them. */
export function poolCapabilities(p: PoolState): Record<string, unknown> {
  const x = p as PoolExtras;
  return {
    name: p.name,
    volume_backend_name: p.volumeBackendName,
    // Cinder prints 'unknown' where the driver cannot tell; Kiln keeps that out of the numbers until here.
    total_capacity_gb: p.totalCapacityGiB ?? 'unknown',
    free_capacity_gb: p.freeCapacityGiB ?? 'unknown',
    provisioned_capacity_gb: p.provisionedCapacityGiB,
    reserved_percentage: p.reservedPercentage,
    max_over_subscription_ratio: p.maxOverSubscriptionRatio,
    thin_provisioning_support: p.thinProvisioningSupport,
    thick_provisioning_support: p.thickProvisioningSupport,
    QoS_support: p.qosSupport,
    multiattach: p.multiattach,
    driver_version: x.driverVersion ?? p.capabilities['driver_version'] ?? 'unknown',
    storage_protocol: p.storageProtocol,
    vendor_name: x.vendorName ?? p.capabilities['vendor_name'] ?? 'Kiln',
    timestamp: new Date(p.updatedAtMs).toISOString(),
    total_volumes: p.volumeCount,
    ...p.capabilities,
  };
}

export const formatPoolDetails = (pools: readonly PoolState[]): string =>
  pools.map((p) => formatProperties(poolCapabilities(p))).join('');
