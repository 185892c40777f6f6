/** Records of the catalog: volume types and QoS specs (Cinder's shapes, camelCased). */
export type QosConsumer = 'front-end' | 'back-end' | 'both';

export interface VolumeType {
  id: string;
  name: string;
  description: string | null;
  isPublic: boolean;
  extraSpecs: Record<string, string>;
  qosSpecsId: string | null;
  /** Projects allowed to use a private type (Cinder's type access); unused for public types. */
  accessProjects?: string[];
  createdAt: string;
  updatedAt: string;
}

export interface QosSpec {
  id: string;
  name: string;
  consumer: QosConsumer;
  specs: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** Cinder's default type, created when the catalog is first started. */
export const defaultTypeName = '__DEFAULT__';
