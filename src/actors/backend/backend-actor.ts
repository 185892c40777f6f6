/**
 * One per enabled backend: checks its driver at start, then reports its pools to the scheduler on a
 * timer. Driver calls run detached and come back as messages, so the mailbox never blocks.
 */
import type { BackendOptions } from '../../node/options.js';
import type { DriverStats, VolumeDriver } from '../../drivers/volume-driver.js';
import type { PoolState } from '../../model/backend.js';
import { spawnActor, tell, type Ref } from '../runtime.js';
import type { SchedulerMsg } from '../scheduler/scheduler-actor.js';

export type BackendMsg =
  | { type: 'start' }
  | { type: 'tick' }
  | { type: 'setup-done' }
  | { type: 'setup-failed'; reason: string }
  | { type: 'stats'; stats: DriverStats }
  | { type: 'stats-failed'; reason: string }
  | { type: 'stop' };

export interface BackendInit {
  node: string;
  options: BackendOptions;
  driver: VolumeDriver;
  scheduler: Ref<SchedulerMsg>;
  statsIntervalMs: number;
  /** What the read model says is provisioned on this backend. */
  usage(backend: string): { provisionedGiB: number; volumeCount: number };
  nowMs(): number;
  onStatus(backend: string, status: { up: boolean; reason: string | null }): void;
  /** Runs with every stats report: asks volumes whose export the target daemon lost to restore it. */
  auditExports?(): Promise<void>;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
}

interface BackendState { ready: boolean; generation: number; timer: NodeJS.Timeout | undefined; stopped: boolean }

const errMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function poolsFromStats(init: BackendInit, stats: DriverStats, generation: number): PoolState[] {
  const o = init.options;
  const usage = init.usage(o.name);
  return stats.pools.map((p) => ({
    name: `${init.node}@${o.name}#${p.pool}`, node: init.node, backend: o.name, pool: p.pool,
    volumeBackendName: o.volumeBackendName, availabilityZone: o.availabilityZone,
    driver: stats.driver, storageProtocol: stats.storageProtocol,
    totalCapacityGiB: p.totalCapacityGiB, freeCapacityGiB: p.freeCapacityGiB,
    provisionedCapacityGiB: usage.provisionedGiB, reservedPercentage: o.reservedPercentage,
    maxOverSubscriptionRatio: o.maxOverSubscriptionRatio,
    thinProvisioningSupport: p.thinProvisioningSupport, thickProvisioningSupport: p.thickProvisioningSupport,
    qosSupport: p.qosSupport, multiattach: p.multiattach,
    capabilities: { ...p.capabilities, driver_version: stats.driverVersion },
    volumeCount: usage.volumeCount, generation, updatedAtMs: init.nowMs(), enabled: true, up: true,
  }));
}

function handle(s: BackendState, msg: BackendMsg, self: Ref<BackendMsg>, init: BackendInit): BackendState {
  const name = init.options.name;
  switch (msg.type) {
    case 'start':
      init.driver.setup().then(() => tell(self, { type: 'setup-done' }), (e: unknown) => tell(self, { type: 'setup-failed', reason: errMessage(e) }));
      return s;
    case 'setup-done':
      init.log.info({ backend: name, driver: init.driver.kind }, 'backend started');
      s.ready = true;
      tell(self, { type: 'tick' });
      return s;
    case 'setup-failed':
      // The backend is down; the node and its other backends keep running.
      init.log.error({ backend: name, reason: msg.reason }, 'backend failed to start');
      tell(init.scheduler, { type: 'backend-down', backend: name, reason: msg.reason });
      init.onStatus(name, { up: false, reason: msg.reason });
      return s;
    case 'tick':
      if (s.stopped || !s.ready) return s;
      init.driver.stats().then((stats) => tell(self, { type: 'stats', stats }), (e: unknown) => tell(self, { type: 'stats-failed', reason: errMessage(e) }));
      return s;
    case 'stats':
      init.auditExports?.().catch((e: unknown) => init.log.warn({ backend: name, reason: errMessage(e) }, 'export audit failed'));
      s.generation++;
      tell(init.scheduler, { type: 'report', pools: poolsFromStats(init, msg.stats, s.generation) });
      init.onStatus(name, { up: true, reason: null });
      return scheduleTick(s, self, init);
    case 'stats-failed':
      init.log.warn({ backend: name, reason: msg.reason }, 'backend stats failed');
      return scheduleTick(s, self, init);
    case 'stop':
      s.stopped = true;
      clearTimeout(s.timer);
      return s;
  }
}

function scheduleTick(s: BackendState, self: Ref<BackendMsg>, init: BackendInit): BackendState {
  clearTimeout(s.timer);
  if (!s.stopped) {
    s.timer = setTimeout(() => tell(self, { type: 'tick' }), init.statsIntervalMs);
    s.timer.unref();
  }
  return s;
}

export function spawnBackend(parent: Ref<unknown>, init: BackendInit): Ref<BackendMsg> {
  const ref = spawnActor<BackendState, BackendMsg>(parent, `backend-${init.options.name}`,
    { ready: false, generation: 0, timer: undefined, stopped: false },
    (s, msg, ctx) => handle(s, msg, ctx.self, init),
    { onCrash: (err) => { init.log.error({ err, backend: init.options.name }, 'backend actor crashed; resetting it'); return 'reset'; } });
  tell(ref, { type: 'start' });
  return ref;
}
