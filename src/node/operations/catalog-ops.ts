import type { CatalogCommand, CatalogState } from '../../actors/catalog/state.js';
import type { Params } from '../../api/protocol.js';
import { defaultTypeName, type QosSpec, type VolumeType } from '../../model/catalog.js';
import { notFound } from '../../model/errors.js';
import { newId } from '../../model/ids.js';
import { requireAdmin, type Caller, type NodeParts } from './context.js';

function findByIdOrName<T extends { id: string; name: string }>(items: Record<string, T>, idOrName: string): T | undefined {
  return items[idOrName] ?? Object.values(items).find((x) => x.name === idOrName);
}

/** Admins see every type; members see public types and private ones their project was given access to. */
export const typeVisibleTo = (c: Caller | undefined, t: VolumeType): boolean =>
  !c || c.isAdmin || t.isPublic || (t.accessProjects ?? []).includes(c.projectId);

export function resolveType(view: CatalogState, idOrName: string, field = 'type', caller?: Caller): VolumeType {
  const t = findByIdOrName(view.types, idOrName);
  if (!t || !typeVisibleTo(caller, t)) throw Object.assign(notFound('Volume type', idOrName), { field });
  return t;
}

export function resolveQos(view: CatalogState, idOrName: string): QosSpec {
  const q = findByIdOrName(view.qos, idOrName);
  if (!q) throw Object.assign(notFound('QoS spec', idOrName), { field: 'qos' });
  return q;
}

/** The type a volume gets when none is named: default_volume_type, else __DEFAULT__. */
export function defaultType(parts: NodeParts): VolumeType {
  return resolveType(parts.catalogView(), parts.options.defaultVolumeType ?? defaultTypeName, 'default_volume_type');
}

async function run(parts: NodeParts, cmd: CatalogCommand): Promise<CatalogState> {
  return parts.catalog.ask<CatalogState>('catalog', (reply) => ({ kind: 'command', cmd, reply }), parts.askTimeoutMs);
}

const typeOf = (s: CatalogState, id: string): VolumeType => s.types[id] ?? (() => { throw notFound('Volume type', id); })();
const qosOf = (s: CatalogState, id: string): QosSpec => s.qos[id] ?? (() => { throw notFound('QoS spec', id); })();

export function catalogOps(parts: NodeParts) {
  const view = () => parts.catalogView();
  return {
    async createType(c: Caller, p: Params<'type.create'>): Promise<VolumeType> {
      requireAdmin(c, 'volume_extension:types_manage');
      const id = newId();
      const s = await run(parts, { type: 'CreateType', id, name: p.name, description: p.description ?? null, isPublic: p.isPublic ?? true, extraSpecs: p.extraSpecs ?? {} });
      return typeOf(s, id);
    },
    listTypes(c: Caller, p: Params<'type.list'>): VolumeType[] {
      const all = Object.values(view().types).filter((t) => typeVisibleTo(c, t)).sort((a, b) => a.name.localeCompare(b.name));
      // Cinder: admins get public types unless they ask; members get every type they may use.
      const wantPublic = c.isAdmin ? p.isPublic ?? true : p.isPublic ?? 'all';
      return wantPublic === 'all' ? all : all.filter((t) => t.isPublic === wantPublic);
    },
    showType: (c: Caller, p: Params<'type.show'>): VolumeType => resolveType(view(), p.type, 'type', c),
    async addTypeAccess(c: Caller, p: Params<'type.addAccess'>): Promise<VolumeType> {
      requireAdmin(c, 'volume_extension:volume_type_access:addProjectAccess');
      const t = resolveType(view(), p.type);
      return typeOf(await run(parts, { type: 'AddTypeAccess', id: t.id, projectId: p.projectId }), t.id);
    },
    async removeTypeAccess(c: Caller, p: Params<'type.removeAccess'>): Promise<VolumeType> {
      requireAdmin(c, 'volume_extension:volume_type_access:removeProjectAccess');
      const t = resolveType(view(), p.type);
      return typeOf(await run(parts, { type: 'RemoveTypeAccess', id: t.id, projectId: p.projectId }), t.id);
    },
    listTypeAccess(c: Caller, p: Params<'type.listAccess'>): { volumeTypeId: string; projectId: string }[] {
      requireAdmin(c, 'volume_extension:volume_type_access');
      const t = resolveType(view(), p.type);
      if (t.isPublic) throw Object.assign(notFound('Access list for public volume type', t.name), { field: 'type' });
      return (t.accessProjects ?? []).map((projectId) => ({ volumeTypeId: t.id, projectId }));
    },
    defaultType: (): VolumeType => defaultType(parts),
    async updateType(c: Caller, p: Params<'type.update'>): Promise<VolumeType> {
      requireAdmin(c, 'volume_extension:types_manage');
      const t = resolveType(view(), p.type);
      return typeOf(await run(parts, { type: 'UpdateType', id: t.id, name: p.name, description: p.description, isPublic: p.isPublic }), t.id);
    },
    async deleteType(c: Caller, p: Params<'type.delete'>): Promise<void> {
      requireAdmin(c, 'volume_extension:types_manage');
      const t = resolveType(view(), p.type);
      let defaultTypeId: string | undefined;
      try { defaultTypeId = defaultType(parts).id; } catch { defaultTypeId = undefined; }
      await run(parts, { type: 'DeleteType', id: t.id, volumesUsing: parts.readModel.countByType(t.id), defaultTypeId });
    },
    async setTypeKeys(c: Caller, p: Params<'type.setKeys'>): Promise<VolumeType> {
      requireAdmin(c, 'volume_extension:types_manage');
      const t = resolveType(view(), p.type);
      return typeOf(await run(parts, { type: 'SetTypeKeys', id: t.id, specs: p.specs }), t.id);
    },
    async unsetTypeKeys(c: Caller, p: Params<'type.unsetKeys'>): Promise<VolumeType> {
      requireAdmin(c, 'volume_extension:types_manage');
      const t = resolveType(view(), p.type);
      return typeOf(await run(parts, { type: 'UnsetTypeKeys', id: t.id, keys: p.keys }), t.id);
    },
    async createQos(c: Caller, p: Params<'qos.create'>): Promise<QosSpec> {
      requireAdmin(c, 'volume_extension:qos_specs_manage');
      const id = newId();
      return qosOf(await run(parts, { type: 'CreateQos', id, name: p.name, consumer: p.consumer ?? 'back-end', specs: p.specs ?? {} }), id);
    },
    // Cinder's policy: QoS specs are an operator's business.
    listQos(c: Caller): QosSpec[] {
      requireAdmin(c, 'volume_extension:qos_specs_manage:get_all');
      return Object.values(view().qos).sort((a, b) => a.name.localeCompare(b.name));
    },
    showQos(c: Caller, p: Params<'qos.show'>): QosSpec {
      requireAdmin(c, 'volume_extension:qos_specs_manage:get');
      return resolveQos(view(), p.qos);
    },
    async setQosKeys(c: Caller, p: Params<'qos.setKeys'>): Promise<QosSpec> {
      requireAdmin(c, 'volume_extension:qos_specs_manage');
      const q = resolveQos(view(), p.qos);
      return qosOf(await run(parts, { type: 'SetQosKeys', id: q.id, specs: p.specs }), q.id);
    },
    async unsetQosKeys(c: Caller, p: Params<'qos.unsetKeys'>): Promise<QosSpec> {
      requireAdmin(c, 'volume_extension:qos_specs_manage');
      const q = resolveQos(view(), p.qos);
      return qosOf(await run(parts, { type: 'UnsetQosKeys', id: q.id, keys: p.keys }), q.id);
    },
    async associateQos(c: Caller, p: Params<'qos.associate'>, associate = true): Promise<void> {
      requireAdmin(c, 'volume_extension:qos_specs_manage');
      const q = resolveQos(view(), p.qos);
      const t = resolveType(view(), p.type);
      await run(parts, { type: associate ? 'AssociateQos' : 'DisassociateQos', qosId: q.id, typeId: t.id });
    },
    async disassociateAllQos(c: Caller, p: Params<'qos.disassociateAll'>): Promise<void> {
      requireAdmin(c, 'volume_extension:qos_specs_manage');
      await run(parts, { type: 'DisassociateAllQos', qosId: resolveQos(view(), p.qos).id });
    },
    qosAssociations(c: Caller, p: Params<'qos.associations'>): { associationType: 'volume_type'; id: string; name: string }[] {
      requireAdmin(c, 'volume_extension:qos_specs_manage:get');
      const q = resolveQos(view(), p.qos);
      return Object.values(view().types).filter((t) => t.qosSpecsId === q.id)
        .map((t) => ({ associationType: 'volume_type' as const, id: t.id, name: t.name }));
    },
    async deleteQos(c: Caller, p: Params<'qos.delete'>): Promise<void> {
      requireAdmin(c, 'volume_extension:qos_specs_manage');
      await run(parts, { type: 'DeleteQos', id: resolveQos(view(), p.qos).id, force: p.force ?? false });
    },
  };
}
