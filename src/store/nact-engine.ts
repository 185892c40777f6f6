import type { KilnStore, StoredEvent, StoredSnapshot } from './store.js';

/**
 * nact's persistence-engine contract over the KilnStore. nact calls `events(key, offset).reduce(fn, init)`
 * synchronously and awaits the reduction; `latestSnapshot` may resolve to undefined.
 */
export interface NactEngine {
  events(key: string, offset?: number): { reduce<U>(fn: (acc: U, e: StoredEvent, i: number) => U, init: U): Promise<U> };
  persist(e: StoredEvent): Promise<void>;
  latestSnapshot(key: string): Promise<StoredSnapshot | undefined>;
  takeSnapshot(s: StoredSnapshot): Promise<void>;
}

export function nactEngine(store: KilnStore): NactEngine {
  return {
    events(key, offset = 0) {
      return {
        async reduce<U>(fn: (acc: U, e: StoredEvent, i: number) => U, init: U): Promise<U> {
          let acc = await init;
          let i = 0;
          // Awaiting each step keeps replay sequential and memory flat.
          for await (const ev of store.readEvents(key, offset)) acc = await fn(acc, ev, i++);
          return acc;
        },
      };
    },
    persist: (e) => store.appendEvent(e),
    latestSnapshot: (key) => store.latestSnapshot(key),
    takeSnapshot: (s) => store.takeSnapshot(s),
  };
}
