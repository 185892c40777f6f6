import type { PoolState } from '../../model/backend.js';
import type { Params, ServiceRecord } from '../../api/protocol.js';
import { ask } from '../../actors/runtime.js';
import type { SchedulerMsg } from '../../actors/scheduler/scheduler-actor.js';
import { invalidParams, notFound } from '../../model/errors.js';
import { requireAdmin, type Caller, type NodeParts } from './context.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function serviceOps(parts: NodeParts) {
  const pools = () => ask<SchedulerMsg, PoolState[]>(parts.scheduler, (reply) => ({ type: 'pools', reply }), parts.askTimeoutMs);

  async function services(): Promise<ServiceRecord[]> {
    const { options } = parts;
    const catalog = parts.catalogView();
    const reported = await pools();
    const rows: ServiceRecord[] = [{
      binary: 'cinder-scheduler', host: options.host, zone: options.storageAvailabilityZone,
      status: catalog.services[options.host]?.disabled ? 'disabled' : 'enabled', state: 'up',
      updatedAt: iso(Date.now()), disabledReason: catalog.services[options.host]?.reason ?? null,
    }];
    for (const b of options.backends) {
      const host = `${options.host}@${b.name}`;
      const pool = reported.find((p) => p.backend === b.name);
      const status = parts.backendStatus.get(b.name);
      const svc = catalog.services[host];
      rows.push({
        binary: 'cinder-volume', host, zone: b.availabilityZone,
        status: svc?.disabled ? 'disabled' : 'enabled',
        state: pool?.up && status?.up !== false ? 'up' : 'down',
        updatedAt: pool ? iso(pool.updatedAtMs) : null,
        disabledReason: svc?.reason ?? (status?.up === false ? status.reason : null),
      });
    }
    return rows;
  }

  async function setStatus(c: Caller, host: string, binary: string | undefined, disabled: boolean, reason: string | null): Promise<ServiceRecord> {
    requireAdmin(c, 'volume_extension:services:update');
    const row = (await services()).find((s) => s.host === host && (binary === undefined || s.binary === binary));
    if (!row) throw Object.assign(notFound('Service', binary ? `${binary} on ${host}` : host), { field: 'host' });
    if (row.binary !== 'cinder-volume' && disabled) throw invalidParams('binary', 'Only cinder-volume services can be disabled on this node.');
    await parts.catalog.ask('catalog', (reply) => ({ kind: 'command', cmd: { type: 'SetServiceStatus', host, disabled, reason }, reply }), parts.askTimeoutMs);
    return { ...row, status: disabled ? 'disabled' : 'enabled', disabledReason: reason };
  }

  return {
    async list(c: Caller, p: Params<'service.list'>): Promise<ServiceRecord[]> {
      requireAdmin(c, 'volume_extension:services:index');
      return (await services()).filter((s) => (p.host === undefined || s.host === p.host) && (p.binary === undefined || s.binary === p.binary));
    },
    disable: (c: Caller, p: Params<'service.disable'>) => setStatus(c, p.host, p.binary, true, p.reason ?? null),
    enable: (c: Caller, p: Params<'service.enable'>) => setStatus(c, p.host, p.binary, false, null),
    async pools(c: Caller, _p: Params<'pool.list'>): Promise<PoolState[]> {
      requireAdmin(c, 'scheduler_extension:scheduler_stats:get_pools');
      return (await pools()).sort((a, b) => a.name.localeCompare(b.name));
    },
    info: () => ({
      host: parts.options.host, version: '0.1.0', backends: parts.options.backends.map((b) => b.name),
      uptimeSeconds: Math.round((Date.now() - parts.startedAtMs) / 1000), volumes: parts.readModel.size,
    }),
  };
}
