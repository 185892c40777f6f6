/** Everything a node needs, already validated. Built from defaults, a cinder.conf-style file, env and flags. */
export interface BackendOptions {
  /** Section name in enabled_backends, e.g. "LVM_iSCSI". */
  name: string;
  /** Kiln driver name after mapping Cinder class paths: 'file' or 'lvm' (later 'rbd'). */
  driver: 'file' | 'lvm';
  volumeBackendName: string;
  /** Where the file driver keeps its sparse files. */
  volumesDir: string;
  reservedPercentage: number;
  maxOverSubscriptionRatio: number;
  availabilityZone: string;
  /** Keys of the section Kiln does not act on yet but accepts (kept for later drivers). */
  extra: Record<string, string>;
}

export interface NodeOptions {
  /** Node (host) name, Cinder's `host`; default the machine's hostname. */
  host: string;
  dataDir: string;
  listenAddress: string;
  port: number;
  defaultVolumeType: string | undefined;
  storageAvailabilityZone: string;
  backends: BackendOptions[];
  /** Time between backend stats reports. */
  statsIntervalMs: number;
  /** A service whose last report is older than this is shown down. */
  serviceDownTimeMs: number;
  /** Max reschedules of a failed create. */
  schedulerMaxAttempts: number;
  /** 'kiln': Kiln's bearer tokens only; 'noauth': also Cinder's "user:project" tokens (tests, labs). */
  authStrategy: 'kiln' | 'noauth';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export interface ConfigProblem {
  file: string;
  line: number;
  key: string;
  message: string;
  section?: string;
}
