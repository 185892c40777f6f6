/** Plain-value catalogs for decide/evolve tables. */
import test from 'ava';
import { decideCatalog } from '../../../src/actors/catalog/decide.js';
import { evolveCatalog } from '../../../src/actors/catalog/evolve.js';
import type { CatalogCommand, CatalogEvent, CatalogState } from '../../../src/actors/catalog/state.js';
import type { ErrorCode } from '../../../src/model/errors.js';
import type { QosSpec, VolumeType } from '../../../src/model/catalog.js';

export const created = '2024-01-01T00:00:00.000Z';
export const now = '2024-01-02T03:04:05.000Z';
export const ctx = { now };

export function typeFixture(id: string, overrides: Partial<VolumeType> = {}): VolumeType {
  return {
    id, name: id, description: null, isPublic: true, extraSpecs: {}, qosSpecsId: null,
    createdAt: created, updatedAt: created, ...overrides,
  };
}

export function qosFixture(id: string, overrides: Partial<QosSpec> = {}): QosSpec {
  return { id, name: id, consumer: 'front-end', specs: {}, createdAt: created, updatedAt: created, ...overrides };
}

export function catalogOf(types: VolumeType[] = [], qos: QosSpec[] = []): CatalogState {
  return {
    types: Object.fromEntries(types.map((t) => [t.id, t])),
    qos: Object.fromEntries(qos.map((q) => [q.id, q])),
    services: {},
  };
}

/** One row of a catalog decide table. */
export interface CatalogRow {
  behaviour: string;
  state: CatalogState;
  cmd: CatalogCommand;
  events?: CatalogEvent[];
  error?: { code: ErrorCode; field?: string; details?: Record<string, unknown> };
  /** Checks on the state after evolving the events. */
  after?: (s: CatalogState) => unknown;
  expected?: unknown;
}

/** Registers one ava test per row: the decision, then the state its events evolve into. */
export function testCatalogRows(rows: readonly CatalogRow[]): void {
  for (const row of rows) {
    test(`decideCatalog: ${row.behaviour}`, (t) => {
      const d = decideCatalog(row.state, row.cmd, ctx);
      if (row.error) {
        if (!('error' in d)) return t.fail(`expected ${row.error.code}, got ${JSON.stringify(d.events)}`);
        t.is(d.error.code, row.error.code);
        if (row.error.field !== undefined) t.is(d.error.field, row.error.field);
        if (row.error.details !== undefined) t.like(d.error.details, row.error.details);
        return;
      }
      if ('error' in d) return t.fail(`unexpected ${d.error.code}: ${d.error.message}`);
      if (row.events) t.deepEqual(d.events, row.events);
      else t.true(d.events.length > 0);
      const after = d.events.reduce(evolveCatalog, row.state);
      if (d.events.length === 0) t.deepEqual(after, row.state);
      if (row.after) t.deepEqual(row.after(after), row.expected);
    });
  }
}
