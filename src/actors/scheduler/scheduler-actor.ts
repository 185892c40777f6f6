/**
 * Holds the pools the backends report and places volumes on them. Never awaits anything:
 * scheduling is a pure function over its state, and a placement consumes capacity virtually
 * until the pool's next report.
 */
import type { PoolState, ScheduleRequest, ScheduleResult } from '../../model/backend.js';
import { consume, schedule } from '../../scheduler/schedule.js';
import { spawnActor, type Ref, type Reply } from '../runtime.js';

export type SchedulerMsg =
  | { type: 'report'; pools: PoolState[] }
  | { type: 'backend-down'; backend: string; reason: string }
  | { type: 'services'; disabled: Record<string, boolean> }
  | { type: 'schedule'; req: ScheduleRequest; reply: Reply<ScheduleResult> }
  | { type: 'pools'; reply: Reply<PoolState[]> };

interface SchedulerState {
  pools: Map<string, PoolState>;
  disabled: Record<string, boolean>;
  downReasons: Map<string, string>;
}

export interface SchedulerInit { serviceDownTimeMs: number; nowMs(): number; capacityWeightMultiplier?: number }

/** "node@backend" is the service host that service-disable names. */
const serviceHost = (p: PoolState) => `${p.node}@${p.backend}`;

export function livePools(s: SchedulerState, init: SchedulerInit): PoolState[] {
  const now = init.nowMs();
  return [...s.pools.values()].map((p) => ({
    ...p,
    enabled: !s.disabled[serviceHost(p)],
    up: !s.downReasons.has(p.backend) && now - p.updatedAtMs < init.serviceDownTimeMs,
  }));
}

export function handleScheduler(s: SchedulerState, msg: SchedulerMsg, init: SchedulerInit): SchedulerState {
  switch (msg.type) {
    case 'report':
      for (const p of msg.pools) {
        const current = s.pools.get(p.name);
        if (current && current.generation > p.generation) continue; // older report: drop it
        s.pools.set(p.name, p);
        s.downReasons.delete(p.backend);
      }
      return s;
    case 'backend-down':
      s.downReasons.set(msg.backend, msg.reason);
      return s;
    case 'services':
      s.disabled = msg.disabled;
      return s;
    case 'pools':
      msg.reply({ ok: true, value: livePools(s, init) });
      return s;
    case 'schedule': {
      const result = schedule(livePools(s, init), msg.req, init.capacityWeightMultiplier === undefined ? {} : { capacityWeightMultiplier: init.capacityWeightMultiplier });
      if (result.ok) {
        const stored = s.pools.get(result.pool.name);
        if (stored) s.pools.set(stored.name, consume(stored, msg.req.sizeGiB));
      }
      msg.reply({ ok: true, value: result });
      return s;
    }
  }
}

export function spawnScheduler(parent: Ref<unknown>, init: SchedulerInit, log: { error(o: object, m: string): void }): Ref<SchedulerMsg> {
  const initial: SchedulerState = { pools: new Map(), disabled: {}, downReasons: new Map() };
  return spawnActor<SchedulerState, SchedulerMsg>(parent, 'scheduler', initial, (s, msg) => handleScheduler(s, msg, init), {
    onCrash: (err) => { log.error({ err }, 'scheduler crashed; resetting it (pools are re-reported)'); return 'reset'; },
  });
}
