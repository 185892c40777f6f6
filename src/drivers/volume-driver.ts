/** The control path of a backend (Cinder's volume driver without export/connection methods). */
export interface AbortOptions { signal?: AbortSignal }

export interface PoolStats {
  pool: string;
  /** undefined when the driver cannot tell. */
  totalCapacityGiB: number | undefined;
  freeCapacityGiB: number | undefined;
  /** What the driver itself sees allocated to volumes (LV sizes); optional, the node may count its own. */
  provisionedCapacityGiB?: number;
  thinProvisioningSupport: boolean;
  thickProvisioningSupport: boolean;
  qosSupport: boolean;
  multiattach: boolean;
  capabilities: Record<string, string | number | boolean>;
}

export interface DriverStats {
  driver: string;
  driverVersion: string;
  storageProtocol: string;
  pools: PoolStats[];
}

export interface VolumeInspection {
  id: string;
  sizeGiB: number;
  /** Where the volume's blocks are on this host. */
  devicePath: string;
}

export interface VolumeDriver {
  readonly kind: string;
  /** Check tools/paths exist; throws a KilnError('ERR_DRIVER') naming what is missing. */
  setup(opts?: AbortOptions): Promise<void>;
  stats(opts?: AbortOptions): Promise<DriverStats>;
  /**
   * Idempotent: an existing volume of the same id is made the right size and is success.
   * Returns no device path: reaching the data may cost more than creating it (a loop mapping);
   * inspect() gives the path when something needs it.
   */
  createVolume(spec: { id: string; sizeGiB: number; pool: string }, opts?: AbortOptions): Promise<{ id: string; sizeGiB: number }>;
  /** Idempotent: absent is success. */
  deleteVolume(id: string, opts?: AbortOptions): Promise<void>;
  /** Grows only; growing to the current size is success. */
  extendVolume(id: string, newSizeGiB: number, opts?: AbortOptions): Promise<void>;
  /** Observation for reconcile; undefined when absent. */
  inspect(id: string, opts?: AbortOptions): Promise<VolumeInspection | undefined>;
  list(opts?: AbortOptions): Promise<VolumeInspection[]>;
  /** Point-in-time snapshot of a volume (drivers that support it). Idempotent by snapshot id. */
  createSnapshot?(volumeId: string, snapshotId: string, opts?: AbortOptions): Promise<void>;
  /** Idempotent: absent is success. */
  deleteSnapshot?(snapshotId: string, opts?: AbortOptions): Promise<void>;
}
