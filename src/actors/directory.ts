/**
 * Gets-or-spawns entities by id and passivates idle ones. Entities are sharded over several
 * directory actors because nact copies a parent's child map on every message it handles.
 * Every external message reaches an entity through its directory, which counts them: an idle
 * entity is stopped only when it has handled everything forwarded to it, so nothing vanishes.
 */
import { createHash } from 'node:crypto';
import { spawnEntity, type EntityDef, type EntityEnv, type EntityMsg, type EntityParentMsg } from './entity.js';
import { ask, spawnActor, stopActor, tell, type Ref, type Reply } from './runtime.js';

type ShardMsg<C> =
  | { type: 'forward'; id: string; msg: EntityMsg<C> }
  | { type: 'active'; reply: Reply<number> }
  | EntityParentMsg;

interface Entry<C> { ref: Ref<EntityMsg<C>>; incarnation: number; forwarded: number }
interface ShardState<C> { entries: Map<string, Entry<C>>; nextIncarnation: number }

export interface Directory<C> {
  send(id: string, msg: EntityMsg<C>): void;
  ask<R>(id: string, build: (reply: Reply<unknown>) => EntityMsg<C>, timeoutMs: number): Promise<R>;
  /** Number of live (not passivated) entities. */
  activeCount(timeoutMs?: number): Promise<number>;
}

export function shardOf(id: string, shardCount: number): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) % shardCount;
}

export function createDirectory<S, C extends { type: string }, E extends { type: string }, Env extends EntityEnv>(
  parent: Ref<unknown>, name: string, def: EntityDef<S, C, E, Env>, env: Env, shardCount: number,
): Directory<C> {
  const shards: Ref<ShardMsg<C>>[] = [];
  for (let i = 0; i < shardCount; i++) {
    shards.push(spawnActor<ShardState<C>, ShardMsg<C>>(parent, `${name}-${i}`, { entries: new Map(), nextIncarnation: 1 },
      (state, msg, ctx) => handleShard(state, msg, ctx.self, def, env), {
        onCrash: (err) => { env.log.error({ err, directory: name }, 'directory shard crashed; resetting it'); return 'reset'; },
      }));
  }
  const shardFor = (id: string) => shards[shardOf(id, shardCount)] as Ref<ShardMsg<C>>;
  return {
    send: (id, msg) => tell(shardFor(id), { type: 'forward', id, msg }),
    ask: <R>(id: string, build: (reply: Reply<unknown>) => EntityMsg<C>, timeoutMs: number) =>
      ask<ShardMsg<C>, R>(shardFor(id), (reply): ShardMsg<C> => ({ type: 'forward', id, msg: build(reply as Reply<unknown>) }), timeoutMs),
    activeCount: async (timeoutMs = 5000) => {
      const counts = await Promise.all(shards.map((s) => ask<ShardMsg<C>, number>(s, (reply) => ({ type: 'active', reply }), timeoutMs)));
      return counts.reduce((a, b) => a + b, 0);
    },
  };
}

function handleShard<S, C extends { type: string }, E extends { type: string }, Env extends EntityEnv>(
  state: ShardState<C>, msg: ShardMsg<C>, self: Ref<ShardMsg<C>>, def: EntityDef<S, C, E, Env>, env: Env,
): ShardState<C> {
  switch (msg.type) {
    case 'forward': {
      let entry = state.entries.get(msg.id);
      if (!entry) {
        const incarnation = state.nextIncarnation++;
        entry = { ref: spawnEntity(self, def, env, msg.id, incarnation), incarnation, forwarded: 0 };
        state.entries.set(msg.id, entry);
      }
      if (msg.msg.kind !== 'effect-done') entry.forwarded++;
      tell(entry.ref, msg.msg);
      return state;
    }
    case 'idle': {
      const entry = state.entries.get(msg.id);
      if (entry && entry.incarnation === msg.incarnation && entry.forwarded === msg.handled) {
        state.entries.delete(msg.id);
        stopActor(entry.ref);
      }
      return state;
    }
    case 'stopped': {
      const entry = state.entries.get(msg.id);
      if (entry && entry.incarnation === msg.incarnation) state.entries.delete(msg.id);
      return state;
    }
    case 'active':
      msg.reply({ ok: true, value: state.entries.size });
      return state;
  }
}
