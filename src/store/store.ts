import { Level } from 'level';
import { KilnError } from '../model/errors.js';
import { decode, encode } from './codec.js';
import { GroupCommitWriter, type BatchOp } from './group-commit.js';
import { assertPersistenceKey, journalKey, journalRange } from './keys.js';

type Bytes = Uint8Array;
type Sub = ReturnType<Level<string, Bytes>['sublevel']> & { sublevel: unknown };

/** A change to a secondary index, written in the same batch as the event that caused it. */
export type IndexOp =
  | { type: 'put'; index: string; key: string; value: unknown }
  | { type: 'del'; index: string; key: string };

/** What entities journal: their events, plus index changes and an optional purge of the entity. */
export interface JournalEntry {
  events: unknown[];
  indexOps?: IndexOp[];
  /** The entity is gone: drop its journal and snapshot in the same batch. */
  purge?: boolean;
}

export interface StoredEvent { key: string; sequenceNumber: number; data: unknown; tags: string[]; createdAt: number; isDeleted: boolean }
export interface StoredSnapshot { key: string; sequenceNumber: number; data: unknown; createdAt: number }

export interface StoreOptions {
  location: string;
  /** fsync every group-committed batch (acknowledged = on disk). Default true. */
  syncWrites?: boolean;
}

/** One LevelDB per node: journal, snapshots and secondary indexes in sublevels. */
export class KilnStore {
  private readonly journal: Sub;
  private readonly snapshots: Sub;
  private readonly indexes = new Map<string, Sub>();
  private readonly writer: GroupCommitWriter;

  private constructor(readonly db: Level<string, Bytes>, private readonly syncWrites: boolean) {
    this.journal = db.sublevel<string, Bytes>('j', { valueEncoding: 'view' }) as unknown as Sub;
    this.snapshots = db.sublevel<string, Bytes>('s', { valueEncoding: 'view' }) as unknown as Sub;
    this.writer = new GroupCommitWriter((ops) =>
      this.db.batch(ops.map((o) => ({ ...o, sublevel: o.sublevel })) as never, { sync: this.syncWrites }));
  }

  static async open(opts: StoreOptions): Promise<KilnStore> {
    // Small caches: reads are served from the in-memory read model, the journal is mostly written.
    const db = new Level<string, Bytes>(opts.location, { valueEncoding: 'view', cacheSize: 2 << 20, writeBufferSize: 2 << 20 } as never);
    try {
      await db.open();
    } catch (err) {
      const locked = (err as { cause?: { code?: string } }).cause?.code === 'LEVEL_LOCKED';
      throw new KilnError(locked ? 'ERR_UNAVAILABLE' : 'ERR_INTERNAL',
        locked ? `the database at ${opts.location} is in use by another Kiln node (or another process)` : `cannot open the database at ${opts.location}: ${(err as Error).message}`,
        { cause: err });
    }
    return new KilnStore(db, opts.syncWrites ?? true);
  }

  get stats(): { batchesWritten: number; opsWritten: number } {
    return { batchesWritten: this.writer.batchesWritten, opsWritten: this.writer.opsWritten };
  }

  private index(name: string): Sub {
    let sub = this.indexes.get(name);
    if (!sub) {
      sub = this.db.sublevel<string, Bytes>(`i-${name}`, { valueEncoding: 'view' }) as unknown as Sub;
      this.indexes.set(name, sub);
    }
    return sub;
  }

  private indexBatchOps(ops: readonly IndexOp[]): BatchOp[] {
    return ops.map((op) => op.type === 'put'
      ? { type: 'put', sublevel: this.index(op.index), key: op.key, value: encode(op.value) }
      : { type: 'del', sublevel: this.index(op.index), key: op.key });
  }

  /** Durable, group-committed write of index changes alone. */
  writeIndex(ops: readonly IndexOp[]): Promise<void> {
    return this.writer.write(this.indexBatchOps(ops));
  }

  async indexGet<T>(index: string, key: string): Promise<T | undefined> {
    const v = await this.index(index).get(key);
    return v === undefined ? undefined : decode<T>(v as Bytes);
  }

  async *indexEntries<T>(index: string): AsyncIterable<[string, T]> {
    for await (const [k, v] of this.index(index).iterator()) yield [k as string, decode<T>(v as Bytes)];
  }

  /** Appends one journal entry; index changes and purge go in the same atomic batch. */
  async appendEvent(ev: StoredEvent): Promise<void> {
    assertPersistenceKey(ev.key);
    const entry = ev.data as Partial<JournalEntry> | undefined;
    const indexOps = this.indexBatchOps(entry?.indexOps ?? []);
    if (entry?.purge) {
      const drop = await this.journalKeys(ev.key);
      await this.writer.write([
        ...drop.map((key): BatchOp => ({ type: 'del', sublevel: this.journal, key })),
        { type: 'del', sublevel: this.snapshots, key: ev.key },
        ...indexOps,
      ]);
      return;
    }
    const value = encode({ d: ev.data, t: ev.tags, c: ev.createdAt, n: ev.sequenceNumber });
    await this.writer.write([{ type: 'put', sublevel: this.journal, key: journalKey(ev.key, ev.sequenceNumber), value }, ...indexOps]);
  }

  private async journalKeys(persistenceKey: string): Promise<string[]> {
    return (await this.journal.keys(journalRange(persistenceKey)).all()) as string[];
  }

  /** Events after `afterSequenceNumber`, ascending. */
  async *readEvents(persistenceKey: string, afterSequenceNumber: number): AsyncIterable<StoredEvent> {
    const range = journalRange(persistenceKey);
    const it = this.journal.iterator({ gt: journalKey(persistenceKey, afterSequenceNumber), lt: range.lt });
    for await (const [, v] of it) {
      const e = decode<{ d: unknown; t: string[]; c: number; n: number }>(v as Bytes);
      yield { key: persistenceKey, sequenceNumber: e.n, data: e.d, tags: e.t, createdAt: e.c, isDeleted: false };
    }
  }

  async latestSnapshot(persistenceKey: string): Promise<StoredSnapshot | undefined> {
    const v = await this.snapshots.get(persistenceKey);
    if (v === undefined) return undefined;
    const s = decode<{ d: unknown; n: number; c: number }>(v as Bytes);
    return { key: persistenceKey, sequenceNumber: s.n, data: s.d, createdAt: s.c };
  }

  /** Writes the snapshot and compacts the journal it covers, atomically. */
  async takeSnapshot(s: StoredSnapshot): Promise<void> {
    const covered = (await this.journal.keys({ gt: journalRange(s.key).gt, lte: journalKey(s.key, s.sequenceNumber) }).all()) as string[];
    await this.writer.write([
      { type: 'put', sublevel: this.snapshots, key: s.key, value: encode({ d: s.data, n: s.sequenceNumber, c: s.createdAt }) },
      ...covered.map((key): BatchOp => ({ type: 'del', sublevel: this.journal, key })),
    ]);
  }

  async journalLength(persistenceKey: string): Promise<number> {
    return (await this.journalKeys(persistenceKey)).length;
  }

  async close(): Promise<void> {
    await this.writer.idle();
    this.writer.close();
    await this.db.close();
  }
}
