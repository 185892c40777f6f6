import type { CatalogEvent, CatalogState } from './state.js';

const without = <T>(rec: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _gone, ...rest } = rec;
  return rest;
};

const dropKeys = (specs: Record<string, string>, keys: string[]) =>
  Object.fromEntries(Object.entries(specs).filter(([k]) => !keys.includes(k)));

export function evolveCatalog(s: CatalogState, e: CatalogEvent): CatalogState {
  switch (e.type) {
    case 'TypeCreated': return { ...s, types: { ...s.types, [e.volumeType.id]: e.volumeType } };
    case 'TypeUpdated': {
      const t = s.types[e.id];
      if (!t) return s;
      const patch = {
        ...(e.name !== undefined ? { name: e.name } : {}),
        ...(e.description !== undefined ? { description: e.description } : {}),
        ...(e.isPublic !== undefined ? { isPublic: e.isPublic } : {}),
      };
      return { ...s, types: { ...s.types, [e.id]: { ...t, ...patch, updatedAt: e.at } } };
    }
    case 'TypeDeleted': return { ...s, types: without(s.types, e.id) };
    case 'TypeKeysSet':
    case 'TypeKeysUnset': {
      const t = s.types[e.id];
      if (!t) return s;
      const extraSpecs = e.type === 'TypeKeysSet' ? { ...t.extraSpecs, ...e.specs } : dropKeys(t.extraSpecs, e.keys);
      return { ...s, types: { ...s.types, [e.id]: { ...t, extraSpecs, updatedAt: e.at } } };
    }
    case 'TypeAccessAdded':
    case 'TypeAccessRemoved': {
      const t = s.types[e.id];
      if (!t) return s;
      const current = t.accessProjects ?? [];
      const accessProjects = e.type === 'TypeAccessAdded' ? [...current, e.projectId] : current.filter((p) => p !== e.projectId);
      return { ...s, types: { ...s.types, [e.id]: { ...t, accessProjects, updatedAt: e.at } } };
    }
    case 'QosCreated': return { ...s, qos: { ...s.qos, [e.qos.id]: e.qos } };
    case 'QosKeysSet':
    case 'QosKeysUnset': {
      const q = s.qos[e.id];
      if (!q) return s;
      const specs = e.type === 'QosKeysSet' ? { ...q.specs, ...e.specs } : dropKeys(q.specs, e.keys);
      return { ...s, qos: { ...s.qos, [e.id]: { ...q, specs, updatedAt: e.at } } };
    }
    case 'QosAssociated':
    case 'QosDisassociated': {
      const t = s.types[e.typeId];
      if (!t) return s;
      const qosSpecsId = e.type === 'QosAssociated' ? e.qosId : null;
      return { ...s, types: { ...s.types, [e.typeId]: { ...t, qosSpecsId, updatedAt: e.at } } };
    }
    case 'QosDeleted': return { ...s, qos: without(s.qos, e.id) };
    case 'ServiceStatusSet':
      return { ...s, services: { ...s.services, [e.host]: { disabled: e.disabled, reason: e.reason, updatedAt: e.at } } };
  }
}
