import type { VolumeStatus } from './statuses.js';

/** What every reader sees of a volume: the read model kept in the index. */
export interface VolumeRecord {
  id: string;
  projectId: string;
  userId: string;
  name: string | null;
  description: string | null;
  sizeGiB: number;
  status: VolumeStatus;
  volumeTypeId: string;
  volumeTypeName: string;
  availabilityZone: string;
  metadata: Record<string, string>;
  /** host@backend#pool once placed. */
  host: string | null;
  backend: string | null;
  bootable: boolean;
  readonly: boolean;
  multiattach: boolean;
  /** Why the volume is in an error status, user readable. */
  errorReason: string | null;
  createdAt: string;
  updatedAt: string;
}
