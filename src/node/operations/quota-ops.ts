/**
 * Quotas and limits. Kiln enforces no quotas yet, so every limit is -1 (Cinder's "unlimited")
 * and only the usage is real: counted from the read model, per project and per volume type.
 */
import { requireAdmin, type Caller, type NodeParts } from './context.js';

export interface Usage { volumes: number; gigabytes: number }
export interface ProjectUsage extends Usage {
  projectId: string;
  /** By volume type name. */
  byType: Record<string, Usage>;
}

export const unlimited = -1;

export function quotaOps(parts: NodeParts) {
  return {
    /** A member may read its own project's usage; admins any project's. */
    usage(c: Caller, p: { projectId?: string | undefined }): ProjectUsage {
      const projectId = p.projectId ?? c.projectId;
      if (projectId !== c.projectId) requireAdmin(c, 'volume_extension:quotas:show');
      const out: ProjectUsage = { projectId, volumes: 0, gigabytes: 0, byType: {} };
      for (const t of Object.values(parts.catalogView().types)) out.byType[t.name] = { volumes: 0, gigabytes: 0 };
      for (const v of parts.readModel.all()) {
        if (v.projectId !== projectId) continue;
        out.volumes++;
        out.gigabytes += v.sizeGiB;
        const t = (out.byType[v.volumeTypeName] ??= { volumes: 0, gigabytes: 0 });
        t.volumes++;
        t.gigabytes += v.sizeGiB;
      }
      return out;
    },
  };
}
