import { conflict, invalidParams, invalidState, notFound, type KilnError } from '../../model/errors.js';
import type { Decision } from '../entity.js';
import { checkQosSpecs } from './qos-keys.js';
import type { CatalogCommand, CatalogEvent, CatalogState } from './state.js';

const ok = (...events: CatalogEvent[]): Decision<CatalogEvent> => ({ events });
const fail = (error: KilnError): Decision<CatalogEvent> => ({ error });

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Pure: validates a catalog command and returns its events. Ids and names are resolved by the caller. */
export function decideCatalog(s: CatalogState, cmd: CatalogCommand, ctx: { now: string }): Decision<CatalogEvent> {
  const at = ctx.now;
  switch (cmd.type) {
    case 'CreateType': {
      if (Object.values(s.types).some((t) => sameName(t.name, cmd.name))) return fail(conflict(`Volume Type ${cmd.name} already exists.`, 'name'));
      const { type: _t, ...fields } = cmd;
      return ok({ type: 'TypeCreated', volumeType: { ...fields, qosSpecsId: null, createdAt: at, updatedAt: at } });
    }
    case 'UpdateType': {
      if (!s.types[cmd.id]) return fail(notFound('Volume type', cmd.id));
      if (cmd.name !== undefined && Object.values(s.types).some((t) => t.id !== cmd.id && sameName(t.name, cmd.name ?? ''))) {
        return fail(conflict(`Volume Type ${cmd.name} already exists.`, 'name'));
      }
      return ok({ type: 'TypeUpdated', id: cmd.id, at, name: cmd.name, description: cmd.description, isPublic: cmd.isPublic });
    }
    case 'DeleteType': {
      const t = s.types[cmd.id];
      if (!t) return fail(notFound('Volume type', cmd.id));
      if (cmd.id === cmd.defaultTypeId) return fail(invalidState(`Default volume type ${t.name} cannot be deleted.`));
      if (cmd.volumesUsing > 0) return fail(invalidState(`Target volume type ${t.name} is still in use by ${cmd.volumesUsing} volume(s).`, { volumesUsing: cmd.volumesUsing }));
      return ok({ type: 'TypeDeleted', id: cmd.id });
    }
    case 'SetTypeKeys':
      return s.types[cmd.id] ? ok({ type: 'TypeKeysSet', id: cmd.id, at, specs: cmd.specs }) : fail(notFound('Volume type', cmd.id));
    case 'UnsetTypeKeys': {
      const t = s.types[cmd.id];
      if (!t) return fail(notFound('Volume type', cmd.id));
      const missing = cmd.keys.find((k) => !(k in t.extraSpecs));
      if (missing) return fail(notFound('Volume type extra spec', missing));
      return ok({ type: 'TypeKeysUnset', id: cmd.id, at, keys: cmd.keys });
    }
    case 'AddTypeAccess':
    case 'RemoveTypeAccess':
      return decideTypeAccess(s, cmd, at);
    default:
      return decideQos(s, cmd, at);
  }
}

function decideTypeAccess(s: CatalogState, cmd: Extract<CatalogCommand, { type: 'AddTypeAccess' | 'RemoveTypeAccess' }>, at: string): Decision<CatalogEvent> {
  const t = s.types[cmd.id];
  if (!t) return fail(notFound('Volume type', cmd.id));
  if (t.isPublic) return fail(invalidState('Type access modification is not applicable to public volume type.'));
  const has = (t.accessProjects ?? []).includes(cmd.projectId);
  if (cmd.type === 'AddTypeAccess') {
    if (has) return fail(conflict(`Volume type access for ${t.id}/${cmd.projectId} combination already exists.`, 'projectId'));
    return ok({ type: 'TypeAccessAdded', id: t.id, at, projectId: cmd.projectId });
  }
  if (!has) return fail(notFound('Volume type access', `${t.id}/${cmd.projectId}`));
  return ok({ type: 'TypeAccessRemoved', id: t.id, at, projectId: cmd.projectId });
}

function decideQos(s: CatalogState, cmd: CatalogCommand, at: string): Decision<CatalogEvent> {
  switch (cmd.type) {
    case 'CreateQos': {
      if (Object.values(s.qos).some((q) => sameName(q.name, cmd.name))) return fail(conflict(`QoS Specs ${cmd.name} already exists.`, 'name'));
      const problem = checkQosSpecs(cmd.consumer, cmd.specs);
      if (problem) return fail(invalidParams(`specs.${problem[0]}`, problem[1]));
      return ok({ type: 'QosCreated', qos: { id: cmd.id, name: cmd.name, consumer: cmd.consumer, specs: cmd.specs, createdAt: at, updatedAt: at } });
    }
    case 'SetQosKeys': {
      const q = s.qos[cmd.id];
      if (!q) return fail(notFound('QoS spec', cmd.id));
      const problem = checkQosSpecs(q.consumer, cmd.specs);
      if (problem) return fail(invalidParams(`specs.${problem[0]}`, problem[1]));
      return ok({ type: 'QosKeysSet', id: cmd.id, at, specs: cmd.specs });
    }
    case 'UnsetQosKeys': {
      const q = s.qos[cmd.id];
      if (!q) return fail(notFound('QoS spec', cmd.id));
      const missing = cmd.keys.find((k) => !(k in q.specs));
      return missing ? fail(notFound('QoS spec key', missing)) : ok({ type: 'QosKeysUnset', id: cmd.id, at, keys: cmd.keys });
    }
    case 'AssociateQos': {
      const t = s.types[cmd.typeId];
      if (!s.qos[cmd.qosId]) return fail(notFound('QoS spec', cmd.qosId));
      if (!t) return fail(notFound('Volume type', cmd.typeId));
      if (t.qosSpecsId === cmd.qosId) return ok();
      if (t.qosSpecsId) return fail(invalidState(`Type ${t.name} is already associated with another qos specs: ${t.qosSpecsId}`));
      return ok({ type: 'QosAssociated', qosId: cmd.qosId, typeId: cmd.typeId, at });
    }
    case 'DisassociateQos': {
      const t = s.types[cmd.typeId];
      if (!s.qos[cmd.qosId]) return fail(notFound('QoS spec', cmd.qosId));
      if (!t) return fail(notFound('Volume type', cmd.typeId));
      if (t.qosSpecsId !== cmd.qosId) return fail(invalidState(`Type ${t.name} is not associated with qos specs ${cmd.qosId}.`));
      return ok({ type: 'QosDisassociated', qosId: cmd.qosId, typeId: cmd.typeId, at });
    }
    case 'DisassociateAllQos':
      if (!s.qos[cmd.qosId]) return fail(notFound('QoS spec', cmd.qosId));
      return ok(...disassociateAll(s, cmd.qosId, at));
    case 'DeleteQos': {
      if (!s.qos[cmd.id]) return fail(notFound('QoS spec', cmd.id));
      const links = disassociateAll(s, cmd.id, at);
      if (links.length > 0 && !cmd.force) return fail(invalidState(`QoS Specs ${cmd.id} is still associated with entities.`, { associations: links.length }));
      return ok(...links, { type: 'QosDeleted', id: cmd.id });
    }
    case 'SetServiceStatus':
      return ok({ type: 'ServiceStatusSet', host: cmd.host, at, disabled: cmd.disabled, reason: cmd.reason });
    default:
      return fail(invalidParams('type', `unknown catalog command ${cmd.type}`));
  }
}

function disassociateAll(s: CatalogState, qosId: string, at: string): CatalogEvent[] {
  return Object.values(s.types)
    .filter((t) => t.qosSpecsId === qosId)
    .map((t): CatalogEvent => ({ type: 'QosDisassociated', qosId, typeId: t.id, at }));
}
