import type { VolumeStatus } from './statuses.js';

/** What a host says about itself when it attaches (Cinder's connector dict, the parts Kiln uses). */
export interface Connector {
  initiator?: string | undefined;
  ip?: string | undefined;
  host?: string | undefined;
  platform?: string | undefined;
  os_type?: string | undefined;
  multipath?: boolean | undefined;
  mountpoint?: string | undefined;
}

export type AttachStatus = 'reserved' | 'attaching' | 'attached' | 'detaching' | 'error_attaching' | 'error_detaching';

/** An attachment as every reader may see it: no credentials here. */
export interface AttachmentSummary {
  id: string;
  volumeId: string;
  instanceUuid: string | null;
  status: AttachStatus;
  mode: 'rw' | 'ro';
  connector: Connector | null;
  attachedAt: string | null;
  createdAt: string;
  errorReason: string | null;
}

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
  attachments: AttachmentSummary[];
  /** Why the volume is in an error status, user readable. */
  errorReason: string | null;
  createdAt: string;
  updatedAt: string;
}
