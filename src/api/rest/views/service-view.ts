/** Services, pools and availability zones → Cinder's JSON. */
import type { ServiceRecord } from '../../protocol.js';
import type { PoolState } from '../../../model/backend.js';
import type { ViewContext } from '../context.js';
import { cinderTime, cinderTimeMs } from '../format.js';
import { versionAtLeast } from '../microversion.js';

/** One row of GET /os-services; volume services carry the replication fields, as in Cinder. */
export function serviceView(v: ViewContext, s: ServiceRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    binary: s.binary, host: s.host, zone: s.zone, status: s.status, state: s.state, updated_at: cinderTime(s.updatedAt),
  };
  const volumeService = s.binary === 'cinder-volume';
  if (volumeService && versionAtLeast(v.version, '3.49')) out.backend_state = s.state;
  if (versionAtLeast(v.version, '3.7')) out.cluster = null;
  out.disabled_reason = s.disabledReason;
  if (volumeService) {
    out.replication_status = 'disabled';
    out.active_backend_id = null;
    out.frozen = false;
  }
  return out;
}

export const serviceList = (v: ViewContext, rows: ServiceRecord[]) => ({ services: rows.map((s) => serviceView(v, s)) });

/** PUT /os-services/{enable,disable,disable-log-reason} echoes what changed. */
export function serviceUpdate(s: ServiceRecord, requested: { service: string; binary: string }, withReason: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (withReason) out.disabled_reason = s.disabledReason;
  return { ...out, disabled: s.status === 'disabled', host: s.host, service: requested.service, binary: requested.binary, status: s.status };
}

/** Capabilities as the LVM driver reports them; Kiln's "unknown" capacity stays Cinder's 'unknown'. */
export function poolCapabilities(p: PoolState): Record<string, unknown> {
  return {
    pool_name: p.pool,
    total_capacity_gb: p.totalCapacityGiB ?? 'unknown',
    free_capacity_gb: p.freeCapacityGiB ?? 'unknown',
    reserved_percentage: p.reservedPercentage,
    location_info: `kiln:${p.driver}:${p.node}:${p.backend}:${p.pool}`,
    QoS_support: p.qosSupport,
    provisioned_capacity_gb: p.provisionedCapacityGiB,
    max_over_subscription_ratio: p.maxOverSubscriptionRatio.toFixed(1),
    thin_provisioning_support: p.thinProvisioningSupport,
    thick_provisioning_support: p.thickProvisioningSupport,
    total_volumes: p.volumeCount,
    filter_function: null,
    goodness_function: null,
    multiattach: p.multiattach,
    backend_state: p.up ? 'up' : 'down',
    allocated_capacity_gb: p.provisionedCapacityGiB,
    volume_backend_name: p.volumeBackendName,
    storage_protocol: p.storageProtocol,
    vendor_name: 'Kiln',
    driver_version: '1.0',
    ...p.capabilities,
    timestamp: cinderTimeMs(p.updatedAtMs),
  };
}

export function poolList(pools: PoolState[], detail: boolean) {
  return { pools: pools.map((p) => (detail ? { name: p.name, capabilities: poolCapabilities(p) } : { name: p.name })) };
}

export function zoneList(zones: { name: string; available: boolean }[]) {
  return { availabilityZoneInfo: zones.map((z) => ({ zoneName: z.name, zoneState: { available: z.available } })) };
}
