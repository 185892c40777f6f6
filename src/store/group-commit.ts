/**
 * Coalesces writes from many actors into one LevelDB batch: while one batch is being
 * written (and fsynced), the next one fills up. A write resolves only once it is on disk.
 */
export interface BatchOp {
  type: 'put' | 'del';
  key: string;
  value?: Uint8Array;
  /** abstract-level sublevel the key belongs to. */
  sublevel: unknown;
}

type Flush = (ops: BatchOp[]) => Promise<void>;

interface Pending { ops: BatchOp[]; resolve: () => void; reject: (e: unknown) => void }

export class GroupCommitWriter {
  private queue: Pending[] = [];
  private flushing = false;
  private closed = false;
  batchesWritten = 0;
  opsWritten = 0;

  constructor(private readonly flush: Flush) {}

  write(ops: BatchOp[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    if (ops.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ ops, resolve, reject });
      if (!this.flushing) void this.drain();
    });
  }

  /** Resolves once everything queued so far is written. */
  async idle(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 1));
  }

  close(): void { this.closed = true; }

  private async drain(): Promise<void> {
    this.flushing = true;
    // Yield once so writes issued in the same turn share the batch.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      const ops = group.flatMap((p) => p.ops);
      try {
        await this.flush(ops);
        this.batchesWritten++;
        this.opsWritten += ops.length;
        for (const p of group) p.resolve();
      } catch (err) {
        for (const p of group) p.reject(err);
      }
    }
    this.flushing = false;
  }
}
