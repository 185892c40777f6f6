/**
 * Runs tasks one at a time per key, in arrival order: the per-VG queue of the LVM driver and
 * the per-tgtd queue of the tgtadm target. It replaces Cinder's lock decorators: a task that
 * reads state and then acts on it (lvs, then lvcreate; show, then pick a free tid) cannot
 * interleave with another task on the same key.
 */
export interface KeyedSerialQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting; for tests. */
  readonly busyKeys: number;
}

export function keyedSerialQueue(): KeyedSerialQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      // A failed task must not stall the ones after it.
      const tail = result.then(() => undefined, () => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get busyKeys() {
      return tails.size;
    },
  };
}
