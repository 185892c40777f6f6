/** The backend's capacity report from one vgs and one lvs, as pure arithmetic (Cinder lvm.py _update_volume_stats). */
import type { DriverStats } from '../volume-driver.js';
import type { LvRecord, VgRecord } from './lvm-report.js';
import { isVolumeLv } from './lvm-names.js';

const bytesPerGiB = 2 ** 30;

export interface LvmStatsInput {
  vg: VgRecord;
  lvs: readonly LvRecord[];
  lvmType: 'default' | 'thin';
  poolName: string;
  thinPool: string;
  driverVersion: string;
}

export function lvmStats(i: LvmStatsInput): DriverStats {
  const volumes = i.lvs.filter((lv) => isVolumeLv(lv.name) && lv.kind !== 'snapshot');
  const provisionedGiB = round2(volumes.reduce((sum, lv) => sum + lv.sizeBytes, 0) / bytesPerGiB);
  const pool = i.lvs.find((lv) => lv.name === i.thinPool && lv.kind === 'thin-pool');
  const thin = i.lvmType === 'thin';
  const capacity = thin ? thinCapacity(pool) : { total: floor2(i.vg.sizeBytes / bytesPerGiB), free: floor2(i.vg.freeBytes / bytesPerGiB) };
  const capabilities: Record<string, string | number | boolean> = {
    volume_group: i.vg.name,
    lvm_type: i.lvmType,
    total_volumes: volumes.length,
  };
  if (thin) {
    capabilities.thin_pool_name = i.thinPool;
    if (pool?.dataPercent !== undefined) capabilities.thin_pool_data_percent = pool.dataPercent;
  }
  return {
    driver: 'lvm',
    driverVersion: i.driverVersion,
    storageProtocol: 'iSCSI',
    pools: [{
      pool: i.poolName,
      totalCapacityGiB: capacity.total,
      freeCapacityGiB: capacity.free,
      provisionedCapacityGiB: provisionedGiB,
      thinProvisioningSupport: thin,
      thickProvisioningSupport: !thin,
      qosSupport: false,
      multiattach: true,
      capabilities,
    }],
  };
}

/** An inactive pool reports no data_percent: its free space is then unknown, not full. */
function thinCapacity(pool: LvRecord | undefined): { total: number | undefined; free: number | undefined } {
  if (!pool) return { total: undefined, free: undefined };
  const total = pool.sizeBytes / bytesPerGiB;
  const free = pool.dataPercent === undefined ? undefined : floor2(total * (1 - pool.dataPercent / 100));
  return { total: floor2(total), free };
}

const floor2 = (n: number): number => Math.floor(n * 100) / 100;
const round2 = (n: number): number => Math.round(n * 100) / 100;
