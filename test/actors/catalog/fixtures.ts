/** Plain-value catalogs for decide/evolve tables. */
import type { CatalogState } from '../../../src/actors/catalog/state.js';
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
