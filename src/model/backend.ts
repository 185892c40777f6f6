/** One pool as the scheduler sees it: a backend's periodic stats report plus its service state. */
export interface PoolState {
  /** Cinder's "host@backend#pool". */
  name: string;
  node: string;
  backend: string;
  pool: string;
  volumeBackendName: string;
  availabilityZone: string;
  driver: string;
  storageProtocol: string;
  /** undefined when the driver cannot tell (Cinder's 'unknown'/'infinite' kept out of the numbers). */
  totalCapacityGiB: number | undefined;
  freeCapacityGiB: number | undefined;
  /** Sum of the sizes of the volumes on this pool. */
  provisionedCapacityGiB: number;
  reservedPercentage: number;
  maxOverSubscriptionRatio: number;
  thinProvisioningSupport: boolean;
  thickProvisioningSupport: boolean;
  qosSupport: boolean;
  multiattach: boolean;
  /** Extra capabilities a driver reports, matched by `capabilities:<key>` extra specs. */
  capabilities: Record<string, string | number | boolean>;
  volumeCount: number;
  /** Generation of the stats report; reports older than the current one are dropped. */
  generation: number;
  updatedAtMs: number;
  /** False when an operator disabled the service (service-disable). */
  enabled: boolean;
  /** False when the backend failed to start or stopped reporting. */
  up: boolean;
}

export interface ScheduleRequest {
  volumeId: string;
  sizeGiB: number;
  availabilityZone: string | undefined;
  extraSpecs: Record<string, string>;
  /** QoS consumer of the type's QoS spec, when it has one. */
  qosConsumer: 'front-end' | 'back-end' | 'both' | undefined;
  /** Pools already tried for this volume (reschedule). */
  attempted: string[];
  multiattach: boolean;
}

export interface FilterTrace {
  filter: string;
  before: number;
  after: number;
  removed: { pool: string; reason: string }[];
}

export type ScheduleResult =
  | { ok: true; pool: PoolState; trace: FilterTrace[] }
  | { ok: false; reason: string; trace: FilterTrace[] };
