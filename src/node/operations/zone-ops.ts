/** Availability zones: those of the volume backends, available while one of their backends is up and enabled. */
import type { Caller, NodeParts } from './context.js';

export interface ZoneRecord { name: string; available: boolean }

export function zoneOps(parts: NodeParts) {
  return {
    list(_c: Caller): ZoneRecord[] {
      const services = parts.catalogView().services;
      const zones = new Map<string, boolean>();
      for (const b of parts.options.backends) {
        const up = parts.backendStatus.get(b.name)?.up !== false;
        const enabled = !services[`${parts.options.host}@${b.name}`]?.disabled;
        zones.set(b.availabilityZone, (zones.get(b.availabilityZone) ?? false) || (up && enabled));
      }
      return [...zones].map(([name, available]) => ({ name, available })).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
