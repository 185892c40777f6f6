/**
 * Volume metadata keys and flags, for the Cinder REST API (and any API that wants them).
 * Merges and key deletes are done by the volume actor, so concurrent edits of different keys
 * never overwrite each other; a whole-map replace may pass the ETag it read (Cinder's If-Match).
 */
import { createHash } from 'node:crypto';
import type { VolumeCommand } from '../../actors/volume/state.js';
import { KilnError } from '../../model/errors.js';
import type { VolumeRecord } from '../../model/volume.js';
import type { Caller, NodeParts } from './context.js';
import { volumeRecordOf } from './records.js';

/** Opaque version of a metadata map: md5 of its JSON, as Cinder computes the ETag. */
export function metadataEtag(metadata: Record<string, string>): string {
  return createHash('md5').update(JSON.stringify({ metadata })).digest('hex');
}

export interface MetadataView { metadata: Record<string, string>; etag: string }
export type ConditionalResult = MetadataView | { preconditionFailed: true };

const view = (r: VolumeRecord): MetadataView => ({ metadata: { ...r.metadata }, etag: metadataEtag(r.metadata) });

export function volumeMetaOps(parts: NodeParts) {
  const scope = (c: Caller) => (c.isAdmin ? undefined : c.projectId);
  const resolve = (c: Caller, volume: string) => parts.readModel.resolve(volume, scope(c));
  const run = async (id: string, cmd: VolumeCommand): Promise<VolumeRecord> =>
    volumeRecordOf(await parts.volumes.ask(id, (reply) => ({ kind: 'command', cmd, reply }), parts.askTimeoutMs));
  const write = async (r: VolumeRecord, metadata: Record<string, string>) => view(await run(r.id, { type: 'UpdateVolume', metadata }));

  return {
    get: (c: Caller, p: { volume: string }): MetadataView => view(resolve(c, p.volume)),
    getKey(c: Caller, p: { volume: string; key: string }): string {
      const value = resolve(c, p.volume).metadata[p.key];
      if (value === undefined) throw new KilnError('ERR_NOT_FOUND', `Metadata item was not found`, { field: 'key', details: { key: p.key } });
      return value;
    },
    /** Adds or changes the given keys, keeping the others. */
    merge: (c: Caller, p: { volume: string; metadata: Record<string, string> }): Promise<MetadataView> => {
      const r = resolve(c, p.volume);
      return run(r.id, { type: 'UpdateVolume', metadataSet: p.metadata }).then(view);
    },
    /** Replaces the whole map, unless `ifMatch` is given and no longer matches the current one. */
    async replace(c: Caller, p: { volume: string; metadata: Record<string, string>; ifMatch?: string[] | undefined }): Promise<ConditionalResult> {
      const r = resolve(c, p.volume);
      if (p.ifMatch && !p.ifMatch.includes('*') && !p.ifMatch.includes(metadataEtag(r.metadata))) return { preconditionFailed: true };
      return write(r, { ...p.metadata });
    },
    async deleteKey(c: Caller, p: { volume: string; key: string }): Promise<MetadataView> {
      const r = resolve(c, p.volume);
      if (!(p.key in r.metadata)) throw new KilnError('ERR_NOT_FOUND', `Metadata item was not found`, { field: 'key', details: { key: p.key } });
      return view(await run(r.id, { type: 'UpdateVolume', metadataUnset: [p.key] }));
    },
    setBootable: (c: Caller, p: { volume: string; bootable: boolean }): Promise<VolumeRecord> =>
      run(resolve(c, p.volume).id, { type: 'UpdateVolume', bootable: p.bootable }),
    setReadonly: (c: Caller, p: { volume: string; readonly: boolean }): Promise<VolumeRecord> =>
      run(resolve(c, p.volume).id, { type: 'UpdateVolume', readonly: p.readonly }),
  };
}
