/**
 * Event-sourced entities: a pure `decide(state, command) → events | error`, a pure
 * `evolve(state, event)` used live and at replay, and effects that run detached after the
 * events are durable and report back as commands to the same entity.
 */
import { KilnError, toKilnError } from '../model/errors.js';
import type { IndexOp, JournalEntry } from '../store/store.js';
import { spawnPersistentActor, tell, type Ref, type Reply } from './runtime.js';

export type Decision<E> = { events: E[] } | { error: KilnError };

/** Work started after a change; resolves to a follow-up command (or nothing). */
export type Effect<C> = Promise<C | undefined>;

export interface EntityEnv {
  now(): string;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void; debug(obj: object, msg: string): void };
}

export interface EntityDef<S, C extends { type: string }, E extends { type: string }, Env extends EntityEnv> {
  kind: string;
  initial(id: string): S;
  decide(state: S, cmd: C, at: { id: string; now: string }): Decision<E>;
  evolve(state: S, event: E): S;
  /** Index changes written in the same batch as the events. */
  indexOps?(id: string, before: S, after: S): IndexOp[];
  /** The entity no longer exists: its journal is dropped with this batch. */
  isGone?(state: S): boolean;
  /** Called after each durable change (read models, subscribers). */
  onChange?(id: string, before: S, after: S, env: Env): void;
  effects?(id: string, before: S, after: S, events: E[], env: Env): Effect<C>[];
  /** On activation after recovery: settle unfinished intents by observing the world. */
  reconcile?(id: string, state: S, env: Env): Effect<C>[];
  /** On an explicit `reconcile` message (boot, a restarted daemon): check what the world should hold. */
  repair?(id: string, state: S, env: Env): Effect<C>[];
  /** An entity that has never been created: passivate it quickly. */
  isEmpty?(state: S): boolean;
  snapshotEvery?: number;
  passivateAfterMs?: number;
}

export type EntityMsg<C> =
  | { kind: 'command'; cmd: C; reply?: Reply<unknown>; internal?: boolean }
  | { kind: 'get'; reply: Reply<unknown> }
  | { kind: 'activate' }
  | { kind: 'reconcile' }
  | { kind: 'effect-done' };

/** Messages an entity sends its directory. */
export type EntityParentMsg =
  | { type: 'idle'; id: string; incarnation: number; handled: number }
  | { type: 'stopped'; id: string; incarnation: number };

interface Shell<S> { s: S; handled: number; pending: number; activated: boolean; timer: NodeJS.Timeout | undefined }

const emptyAfterMs = 1000;

export function spawnEntity<S, C extends { type: string }, E extends { type: string }, Env extends EntityEnv>(
  parent: Ref<unknown>, def: EntityDef<S, C, E, Env>, env: Env, id: string, incarnation: number,
): Ref<EntityMsg<C>> {
  const shell: Shell<S> = { s: def.initial(id), handled: 0, pending: 0, activated: false, timer: undefined };
  const startEffects = (self: Ref<EntityMsg<C>>, effects: Effect<C>[]) => {
    shell.pending += effects.length;
    for (const effect of effects) {
      effect.then(
        (cmd) => tell(self, cmd ? { kind: 'command', cmd, internal: true } : { kind: 'effect-done' }),
        (err: unknown) => {
          env.log.error({ err, entity: `${def.kind}:${id}` }, 'effect failed without reporting back');
          tell(self, { kind: 'effect-done' });
        });
    }
  };
  const applyCommand = async (cmd: C, persist: (e: JournalEntry) => Promise<void>): Promise<{ error?: KilnError; events: E[]; before: S }> => {
    const before = shell.s;
    const decision = def.decide(before, cmd, { id, now: env.now() });
    if ('error' in decision) return { error: decision.error, events: [], before };
    if (decision.events.length === 0) return { events: [], before };
    const after = decision.events.reduce(def.evolve, before);
    const gone = def.isGone?.(after) ?? false;
    const entry: JournalEntry = { events: decision.events, indexOps: def.indexOps?.(id, before, after) ?? [] };
    if (gone) entry.purge = true;
    await persist(entry);
    shell.s = after;
    return { events: decision.events, before };
  };
  const handler = async (sh: Shell<S>, msg: EntityMsg<C>, ctx: { self: Ref<EntityMsg<C>>; parent: Ref<unknown>; recovering: boolean; persist(e: unknown): Promise<void> }) => {
    if (ctx.recovering) {
      const entry = msg as unknown as JournalEntry;
      sh.s = (entry.events as E[]).reduce(def.evolve, sh.s);
      return sh;
    }
    clearTimeout(sh.timer);
    if (!sh.activated) {
      sh.activated = true;
      if (def.reconcile) startEffects(ctx.self, def.reconcile(id, sh.s, env));
    }
    if (msg.kind === 'effect-done') sh.pending--;
    else if (msg.kind === 'get') { sh.handled++; msg.reply({ ok: true, value: sh.s }); }
    else if (msg.kind === 'activate') sh.handled++;
    else if (msg.kind === 'reconcile') { sh.handled++; if (def.repair && sh.pending === 0) startEffects(ctx.self, def.repair(id, sh.s, env)); }
    else await handleCommand(msg, ctx);
    schedulePassivation(ctx.parent);
    return sh;
  };
  const handleCommand = async (msg: Extract<EntityMsg<C>, { kind: 'command' }>, ctx: { self: Ref<EntityMsg<C>>; persist(e: unknown): Promise<void> }) => {
    if (msg.internal) shell.pending--;
    else shell.handled++;
    try {
      const { error, events, before } = await applyCommand(msg.cmd, (e) => ctx.persist(e));
      if (error) { msg.reply?.({ ok: false, error: error.toWire() }); return; }
      // Read models first, so a caller that reads right after the reply sees the change.
      if (events.length > 0) def.onChange?.(id, before, shell.s, env);
      msg.reply?.({ ok: true, value: shell.s });
      if (events.length === 0) return;
      if (def.effects) startEffects(ctx.self, def.effects(id, before, shell.s, events, env));
    } catch (err) {
      const e = toKilnError(err);
      env.log.error({ err, entity: `${def.kind}:${id}`, command: msg.cmd.type }, 'command failed');
      msg.reply?.({ ok: false, error: e.toWire() });
    }
  };
  const schedulePassivation = (parentRef: Ref<unknown>) => {
    if (!def.passivateAfterMs || shell.pending > 0) return;
    const ms = def.isEmpty?.(shell.s) ? emptyAfterMs : def.passivateAfterMs;
    const handled = shell.handled;
    shell.timer = setTimeout(() => tell(parentRef as Ref<EntityParentMsg>, { type: 'idle', id, incarnation, handled }), ms);
    shell.timer.unref();
  };
  return spawnPersistentActor<Shell<S>, EntityMsg<C>>(parent, `${id}.${incarnation}`, `${def.kind}:${id}`, shell, handler as never, {
    ...(def.snapshotEvery ? { snapshotEvery: def.snapshotEvery } : {}),
    encodeSnapshot: (sh) => sh.s,
    decodeSnapshot: (data) => { shell.s = data as S; return shell; },
    onCrash: (err) => { env.log.error({ err, entity: `${def.kind}:${id}` }, 'entity crashed; stopping it'); return 'stop'; },
    afterStop: () => { clearTimeout(shell.timer); tell(parent as Ref<EntityParentMsg>, { type: 'stopped', id, incarnation }); },
  });
}
