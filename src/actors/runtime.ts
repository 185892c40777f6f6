/**
 * The only importer of nact. Gives the rest of Kiln typed spawn/tell/ask with explicit supervision
 * and covers nact's traps (research/libs.md §1): ask uses our own reply callbacks instead of nact's
 * 32-bit query ids, a timed-out ask is reported as "outcome unknown", and crash policies never `resume`
 * an escalation.
 */
import nact from 'nact';
import { KilnError, type WireError } from '../model/errors.js';
import type { NactEngine } from '../store/nact-engine.js';

declare const refBrand: unique symbol;
/** An actor reference accepting messages of type M. */
export type Ref<M> = { readonly [refBrand]: M };
export type SystemRef = Ref<never>;

export type Reply<R> = (outcome: { ok: true; value: R } | { ok: false; error: WireError }) => void;

export interface ActorContext<M> {
  self: Ref<M>;
  parent: Ref<unknown>;
  name: string;
}

export interface PersistentContext<M> extends ActorContext<M> {
  /** True while the journal is being replayed: no replies, no effects. */
  recovering: boolean;
  persist(entry: unknown): Promise<void>;
}

export type CrashPolicy = 'stop' | 'reset';

export interface ActorOptions<S> {
  onCrash?: (err: unknown, msg: unknown) => CrashPolicy;
  afterStop?: (state: S) => void;
}

type NactRef = Parameters<typeof nact.dispatch>[0];
const raw = (ref: Ref<unknown>) => ref as unknown as NactRef;

function crashHandler(policy: ActorOptions<unknown>['onCrash']) {
  return (msg: unknown, err: unknown, ctx: { stop: symbol; reset: symbol }) =>
    (policy ? policy(err, msg) : 'stop') === 'reset' ? ctx.reset : ctx.stop;
}

export function startSystem(engine?: NactEngine): SystemRef {
  const sys = engine ? nact.start(nact.configurePersistence(engine as never)) : nact.start();
  return sys as unknown as SystemRef;
}

export function stopActor(ref: Ref<unknown>): void {
  nact.stop(raw(ref) as never);
}

export function tell<M>(ref: Ref<M>, msg: M): void {
  nact.dispatch(raw(ref), msg);
}

export function spawnActor<S, M>(
  parent: Ref<unknown>, name: string, initialState: S,
  handler: (state: S, msg: M, ctx: ActorContext<M>) => S | Promise<S>, opts: ActorOptions<S> = {},
): Ref<M> {
  const f = (state: S, msg: M, ctx: { self: unknown; parent: unknown; name: string }) =>
    handler(state, msg, { self: ctx.self as Ref<M>, parent: ctx.parent as Ref<unknown>, name: ctx.name });
  const ref = nact.spawn(raw(parent) as never, f as never, name, {
    initialState,
    onCrash: crashHandler(opts.onCrash) as never,
    ...(opts.afterStop ? { afterStop: (s: S) => opts.afterStop?.(s) } : {}),
  } as never);
  return ref as unknown as Ref<M>;
}

export interface PersistentOptions<S> extends ActorOptions<S> {
  snapshotEvery?: number;
  encodeSnapshot?: (state: S) => unknown;
  decodeSnapshot?: (data: unknown) => S;
}

export function spawnPersistentActor<S, M>(
  parent: Ref<unknown>, name: string, persistenceKey: string, initialState: S,
  handler: (state: S, msg: M, ctx: PersistentContext<M>) => S | Promise<S>, opts: PersistentOptions<S> = {},
): Ref<M> {
  const f = (state: S, msg: M, ctx: { self: unknown; parent: unknown; name: string; recovering?: boolean; persist: (m: unknown) => Promise<void> }) =>
    handler(state, msg, {
      self: ctx.self as Ref<M>, parent: ctx.parent as Ref<unknown>, name: ctx.name,
      recovering: ctx.recovering === true, persist: (entry) => ctx.persist(entry),
    });
  const ref = nact.spawnPersistent(raw(parent) as never, f as never, persistenceKey, name, {
    initialState,
    onCrash: crashHandler(opts.onCrash) as never,
    ...(opts.snapshotEvery ? { snapshotEvery: opts.snapshotEvery } : {}),
    ...(opts.encodeSnapshot ? { snapshotEncoder: opts.encodeSnapshot } : {}),
    ...(opts.decodeSnapshot ? { snapshotDecoder: opts.decodeSnapshot } : {}),
    ...(opts.afterStop ? { afterStop: (s: S) => opts.afterStop?.(s) } : {}),
  } as never);
  return ref as unknown as Ref<M>;
}

/**
 * Request/response with our own reply callback. A timeout means the outcome is unknown:
 * the message may still be processed.
 */
export function ask<M, R>(ref: Ref<M>, build: (reply: Reply<R>) => M, timeoutMs: number): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new KilnError('ERR_TIMEOUT', `no answer within ${timeoutMs} ms; the outcome is unknown`));
    }, timeoutMs);
    const reply: Reply<R> = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome.ok) resolve(outcome.value);
      else reject(KilnError.fromWire(outcome.error));
    };
    tell(ref, build(reply));
  });
}
