/**
 * Every volume's record in memory, loaded from the store's index at boot and updated after each
 * durable change. Lists, filters and name lookups are answered here without touching actors.
 */
import { invalidParams, KilnError, notFound } from '../model/errors.js';
import type { AttachmentSummary, VolumeRecord } from '../model/volume.js';

export interface ListQuery {
  projectId: string | undefined;  // undefined: all projects
  name?: string | undefined;
  status?: string | undefined;
  metadata?: Record<string, string> | undefined;
  sort?: string | undefined;
  limit?: number | undefined;
  marker?: string | undefined;
}

const sortKeys: Record<string, keyof VolumeRecord> = {
  id: 'id', name: 'name', status: 'status', size: 'sizeGiB', created_at: 'createdAt', updated_at: 'updatedAt',
  volume_type: 'volumeTypeName', availability_zone: 'availabilityZone', project_id: 'projectId', host: 'host',
};

/** Cinder's sort syntax "key[:asc|desc],…"; default created_at desc then id desc. */
export function parseSort(sort: string | undefined): { key: keyof VolumeRecord; desc: boolean }[] {
  if (!sort) return [{ key: 'createdAt', desc: true }, { key: 'id', desc: true }];
  const parts = sort.split(',').map((p) => p.trim()).filter(Boolean);
  const out = parts.map((part) => {
    const pieces = part.split(':');
    if (pieces.length > 2) throw invalidParams('sort', `Invalid sort ${part}; use key[:asc|desc].`);
    const [k = '', dir = 'desc'] = pieces;
    const key = sortKeys[k];
    if (!key) throw invalidParams('sort', `Invalid sort key ${k}; valid keys: ${Object.keys(sortKeys).join(', ')}.`);
    if (dir !== 'asc' && dir !== 'desc') throw invalidParams('sort', `Invalid sort direction ${dir}; use asc or desc.`);
    return { key, desc: dir === 'desc' };
  });
  if (!out.some((s) => s.key === 'id')) out.push({ key: 'id', desc: out[0]?.desc ?? true });
  return out;
}

function compare(a: VolumeRecord, b: VolumeRecord, keys: { key: keyof VolumeRecord; desc: boolean }[]): number {
  for (const { key, desc } of keys) {
    const x = a[key] ?? '';
    const y = b[key] ?? '';
    if (x < y) return desc ? 1 : -1;
    if (x > y) return desc ? -1 : 1;
  }
  return 0;
}

export class VolumeReadModel {
  private readonly byId = new Map<string, VolumeRecord>();

  get size(): number { return this.byId.size; }
  get(id: string): VolumeRecord | undefined { return this.byId.get(id); }
  put(record: VolumeRecord): void { this.byId.set(record.id, record); }
  delete(id: string): void { this.byId.delete(id); }
  all(): IterableIterator<VolumeRecord> { return this.byId.values(); }

  /** Resolves an id or a name within a project, as cinder does; ambiguous names are refused. */
  resolve(idOrName: string, projectId: string | undefined): VolumeRecord {
    const byId = this.byId.get(idOrName);
    if (byId && (projectId === undefined || byId.projectId === projectId)) return byId;
    const matches = [...this.byId.values()].filter((v) => v.name === idOrName && (projectId === undefined || v.projectId === projectId));
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1) {
      throw new KilnError('ERR_CONFLICT', `Multiple volumes match the name ${idOrName}; use an id.`, { field: 'volume', details: { ids: matches.map((m) => m.id) } });
    }
    throw notFound('Volume', idOrName);
  }

  list(q: ListQuery): VolumeRecord[] {
    const order = parseSort(q.sort);
    const rows = [...this.byId.values()].filter((v) =>
      (q.projectId === undefined || v.projectId === q.projectId) &&
      (q.name === undefined || v.name === q.name) &&
      (q.status === undefined || v.status === q.status) &&
      (q.metadata === undefined || Object.entries(q.metadata).every(([k, val]) => v.metadata[k] === val)));
    rows.sort((a, b) => compare(a, b, order));
    let start = 0;
    if (q.marker !== undefined) {
      const i = rows.findIndex((v) => v.id === q.marker);
      if (i < 0) throw new KilnError('ERR_INVALID_PARAMS', `Marker ${q.marker} could not be found.`, { field: 'marker' });
      start = i + 1;
    }
    return q.limit === undefined ? rows.slice(start) : rows.slice(start, start + q.limit);
  }

  /** The volume an attachment belongs to. */
  findAttachment(attachmentId: string): { volume: VolumeRecord; attachment: AttachmentSummary } | undefined {
    for (const volume of this.byId.values()) {
      const attachment = volume.attachments.find((a) => a.id === attachmentId);
      if (attachment) return { volume, attachment };
    }
    return undefined;
  }

  countByType(typeId: string): number {
    let n = 0;
    for (const v of this.byId.values()) if (v.volumeTypeId === typeId) n++;
    return n;
  }

  usageOf(backend: string): { provisionedGiB: number; volumeCount: number } {
    let provisionedGiB = 0;
    let volumeCount = 0;
    for (const v of this.byId.values()) {
      if (v.backend === backend) { provisionedGiB += v.sizeGiB; volumeCount++; }
    }
    return { provisionedGiB, volumeCount };
  }
}

