/** JSON-RPC method names → operations. No business logic here: only plumbing. */
import type { Operations } from '../node/operations/index.js';
import { requireAdmin, type Caller } from '../node/operations/context.js';
import type { Authenticator } from './auth.js';
import type { MethodTable } from './rpc.js';

export function methodTable(ops: Operations, auth: Authenticator): MethodTable {
  const t: { [K in keyof MethodTable]: (c: never, p: never, conn: never) => unknown } = {
    'node.info': () => ops.services.info(),
    'token.create': (c: Caller, p: { projectId: string; userId: string; admin?: boolean }) => {
      requireAdmin(c, 'issuing tokens');
      return { token: auth.issue({ projectId: p.projectId, userId: p.userId, isAdmin: p.admin ?? false }), projectId: p.projectId, userId: p.userId };
    },
    'type.create': ops.catalog.createType,
    'type.list': ops.catalog.listTypes,
    'type.show': ops.catalog.showType,
    'type.default': ops.catalog.defaultType,
    'type.update': ops.catalog.updateType,
    'type.delete': ops.catalog.deleteType,
    'type.setKeys': ops.catalog.setTypeKeys,
    'type.unsetKeys': ops.catalog.unsetTypeKeys,
    'type.addAccess': ops.catalog.addTypeAccess,
    'type.removeAccess': ops.catalog.removeTypeAccess,
    'type.listAccess': ops.catalog.listTypeAccess,
    'qos.create': ops.catalog.createQos,
    'qos.list': ops.catalog.listQos,
    'qos.show': ops.catalog.showQos,
    'qos.setKeys': ops.catalog.setQosKeys,
    'qos.unsetKeys': ops.catalog.unsetQosKeys,
    'qos.associate': (c, p) => ops.catalog.associateQos(c, p, true),
    'qos.disassociate': (c, p) => ops.catalog.associateQos(c, p, false),
    'qos.disassociateAll': ops.catalog.disassociateAllQos,
    'qos.associations': ops.catalog.qosAssociations,
    'qos.delete': ops.catalog.deleteQos,
    'volume.create': ops.volumes.create,
    'volume.list': ops.volumes.list,
    'volume.show': ops.volumes.show,
    'volume.update': ops.volumes.update,
    'volume.setMetadata': ops.volumes.setMetadata,
    'volume.unsetMetadata': ops.volumes.unsetMetadata,
    'volume.delete': ops.volumes.delete,
    'volume.extend': ops.volumes.extend,
    'volume.resetStatus': ops.volumes.resetStatus,
    'attachment.create': ops.attachments.create,
    'attachment.update': ops.attachments.update,
    'attachment.complete': ops.attachments.complete,
    'attachment.delete': ops.attachments.delete,
    'attachment.list': ops.attachments.list,
    'attachment.show': ops.attachments.show,
    'quota.usage': ops.quotas.usage,
    'zone.list': ops.zones.list,
    'message.list': ops.messages.list,
    'message.show': ops.messages.show,
    'service.list': ops.services.list,
    'service.disable': ops.services.disable,
    'service.enable': ops.services.enable,
    'pool.list': ops.services.pools,
    'subscribe': (_c, p: { kinds?: string[] }, conn: { subscribe(k: string[]): void }) => { conn.subscribe(p.kinds ?? ['volume']); return { subscribed: true }; },
    'unsubscribe': (_c, _p, conn: { unsubscribe(): void }) => { conn.unsubscribe(); return { subscribed: false }; },
  };
  return t as MethodTable;
}
