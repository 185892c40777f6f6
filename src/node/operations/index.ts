import { catalogOps } from './catalog-ops.js';
import type { NodeParts } from './context.js';
import { serviceOps } from './service-ops.js';
import { volumeOps } from './volume-ops.js';

export function createOperations(parts: NodeParts) {
  return { catalog: catalogOps(parts), volumes: volumeOps(parts), services: serviceOps(parts) };
}

export type Operations = ReturnType<typeof createOperations>;
