import { attachmentOps } from './attachment-ops.js';
import { catalogOps } from './catalog-ops.js';
import type { NodeParts } from './context.js';
import { messageOps } from './message-ops.js';
import { quotaOps } from './quota-ops.js';
import { serviceOps } from './service-ops.js';
import { volumeMetaOps } from './volume-meta-ops.js';
import { volumeOps } from './volume-ops.js';
import { zoneOps } from './zone-ops.js';

export function createOperations(parts: NodeParts) {
  return {
    catalog: catalogOps(parts), volumes: volumeOps(parts), services: serviceOps(parts),
    volumeMeta: volumeMetaOps(parts), quotas: quotaOps(parts), zones: zoneOps(parts), messages: messageOps(parts),
    attachments: attachmentOps(parts),
  };
}

export type Operations = ReturnType<typeof createOperations>;
