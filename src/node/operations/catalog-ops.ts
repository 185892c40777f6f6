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

const typesPolicy = 'volume_extension:types_manage';
const qosPolicy = 'volume_extension:qos_specs_manage';

export function catalogOps(parts: NodeParts) {
  const view = () => parts.catalogView();
  /** An admin's change to one type: resolve it, run the command, answer with the type after it. */
  const changeType = async (c: Caller, policy: string, type: string, cmd: (id: string) => CatalogCommand): Promise<VolumeType> => {
    requireAdmin(c, policy);
    const t = resolveType(view(), type);
    return typeOf(await run(parts, cmd(t.id)), t.id);
  };
  const changeQos = async (c: Caller, qos: string, cmd: (id: string) => CatalogCommand): Promise<QosSpec> => {
    requireAdmin(c, qosPolicy);
    const q = resolveQos(view(), qos);
    return qosOf(await run(parts, cmd(q.id)), q.id);
  };
  return {
    async createType(c: Caller, p: Params<'type.create'>): Promise<VolumeType> {
      requireAdmin(c, typesPolicy);
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
    addTypeAccess: (c: Caller, p: Params<'type.addAccess'>) => changeType(c, 'volume_extension:volume_type_access:addProjectAccess', p.type,
      (id) => ({ type: 'AddTypeAccess', id, projectId: p.projectId })),
    removeTypeAccess: (c: Caller, p: Params<'type.removeAccess'>) => changeType(c, 'volume_extension:volume_type_access:removeProjectAccess', p.type,
      (id) => ({ type: 'RemoveTypeAccess', id, projectId: p.projectId })),
    listTypeAccess(c: Caller, p: Params<'type.listAccess'>): { volumeTypeId: string; projectId: string }[] {
      requireAdmin(c, 'volume_extension:volume_type_access');
      const t = resolveType(view(), p.type);
      if (t.isPublic) throw Object.assign(notFound('Access list for public volume type', t.name), { field: 'type' });
      return (t.accessProjects ?? []).map((projectId) => ({ volumeTypeId: t.id, projectId }));
    },
    defaultType: (): VolumeType => defaultType(parts),
    updateType: (c: Caller, p: Params<'type.update'>) => changeType(c, typesPolicy, p.type,
      (id) => ({ type: 'UpdateType', id, name: p.name, description: p.description, isPublic: p.isPublic })),
    async deleteType(c: Caller, p: Params<'type.delete'>): Promise<void> {
      requireAdmin(c, typesPolicy);
      const t = resolveType(view(), p.type);
      let defaultTypeId: string | undefined;
      try { defaultTypeId = defaultType(parts).id; } catch { defaultTypeId = undefined; }
      await run(parts, { type: 'DeleteType', id: t.id, volumesUsing: parts.readModel.countByType(t.id), defaultTypeId });
    },
    setTypeKeys: (c: Caller, p: Params<'type.setKeys'>) => changeType(c, typesPolicy, p.type, (id) => ({ type: 'SetTypeKeys', id, specs: p.specs })),
    unsetTypeKeys: (c: Caller, p: Params<'type.unsetKeys'>) => changeType(c, typesPolicy, p.type, (id) => ({ type: 'UnsetTypeKeys', id, keys: p.keys })),
    async createQos(c: Caller, p: Params<'qos.create'>): Promise<QosSpec> {
      requireAdmin(c, qosPolicy);
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
    setQosKeys: (c: Caller, p: Params<'qos.setKeys'>) => changeQos(c, p.qos, (id) => ({ type: 'SetQosKeys', id, specs: p.specs })),
    unsetQosKeys: (c: Caller, p: Params<'qos.unsetKeys'>) => changeQos(c, p.qos, (id) => ({ type: 'UnsetQosKeys', id, keys: p.keys })),
    async associateQos(c: Caller, p: Params<'qos.associate'>, associate = true): Promise<void> {
      requireAdmin(c, qosPolicy);
      const q = resolveQos(view(), p.qos);
      const t = resolveType(view(), p.type);
      await run(parts, { type: associate ? 'AssociateQos' : 'DisassociateQos', qosId: q.id, typeId: t.id });
    },
    async disassociateAllQos(c: Caller, p: Params<'qos.disassociateAll'>): Promise<void> {
      requireAdmin(c, qosPolicy);
      await run(parts, { type: 'DisassociateAllQos', qosId: resolveQos(view(), p.qos).id });
    },
    qosAssociations(c: Caller, p: Params<'qos.associations'>): { associationType: 'volume_type'; id: string; name: string }[] {
      requireAdmin(c, 'volume_extension:qos_specs_manage:get');
      const q = resolveQos(view(), p.qos);
      return Object.values(view().types).filter((t) => t.qosSpecsId === q.id)
        .map((t) => ({ associationType: 'volume_type' as const, id: t.id, name: t.name }));
    },
    async deleteQos(c: Caller, p: Params<'qos.delete'>): Promise<void> {
      requireAdmin(c, qosPolicy);
      await run(parts, { type: 'DeleteQos', id: resolveQos(view(), p.qos).id, force: p.force ?? false });
    },
  };
}
