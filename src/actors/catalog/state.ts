import type { QosConsumer, QosSpec, VolumeType } from '../../model/catalog.js';

export interface ServiceState { disabled: boolean; reason: string | null; updatedAt: string }

export interface CatalogState {
  types: Record<string, VolumeType>;
  qos: Record<string, QosSpec>;
  /** Operator's service-disable/enable, by "host@backend" (or host for node-wide roles). */
  services: Record<string, ServiceState>;
}

export const initialCatalog = (): CatalogState => ({ types: {}, qos: {}, services: {} });

export type CatalogCommand =
  | { type: 'CreateType'; id: string; name: string; description: string | null; isPublic: boolean; extraSpecs: Record<string, string> }
  | { type: 'UpdateType'; id: string; name?: string | undefined; description?: string | undefined; isPublic?: boolean | undefined }
  | { type: 'DeleteType'; id: string; volumesUsing: number; defaultTypeId: string | undefined }
  | { type: 'SetTypeKeys'; id: string; specs: Record<string, string> }
  | { type: 'AddTypeAccess'; id: string; projectId: string }
  | { type: 'RemoveTypeAccess'; id: string; projectId: string }
  | { type: 'UnsetTypeKeys'; id: string; keys: string[] }
  | { type: 'CreateQos'; id: string; name: string; consumer: QosConsumer; specs: Record<string, string> }
  | { type: 'SetQosKeys'; id: string; specs: Record<string, string> }
  | { type: 'UnsetQosKeys'; id: string; keys: string[] }
  | { type: 'AssociateQos'; qosId: string; typeId: string }
  | { type: 'DisassociateQos'; qosId: string; typeId: string }
  | { type: 'DisassociateAllQos'; qosId: string }
  | { type: 'DeleteQos'; id: string; force: boolean }
  | { type: 'SetServiceStatus'; host: string; disabled: boolean; reason: string | null };

export type CatalogEvent =
  | { type: 'TypeCreated'; volumeType: VolumeType }
  | { type: 'TypeUpdated'; id: string; at: string; name?: string | undefined; description?: string | undefined; isPublic?: boolean | undefined }
  | { type: 'TypeDeleted'; id: string }
  | { type: 'TypeKeysSet'; id: string; at: string; specs: Record<string, string> }
  | { type: 'TypeAccessAdded'; id: string; at: string; projectId: string }
  | { type: 'TypeAccessRemoved'; id: string; at: string; projectId: string }
  | { type: 'TypeKeysUnset'; id: string; at: string; keys: string[] }
  | { type: 'QosCreated'; qos: QosSpec }
  | { type: 'QosKeysSet'; id: string; at: string; specs: Record<string, string> }
  | { type: 'QosKeysUnset'; id: string; at: string; keys: string[] }
  | { type: 'QosAssociated'; qosId: string; typeId: string; at: string }
  | { type: 'QosDisassociated'; qosId: string; typeId: string; at: string }
  | { type: 'QosDeleted'; id: string }
  | { type: 'ServiceStatusSet'; host: string; at: string; disabled: boolean; reason: string | null };
