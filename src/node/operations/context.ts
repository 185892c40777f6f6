import type { Directory } from '../../actors/directory.js';
import type { CatalogCommand, CatalogState } from '../../actors/catalog/state.js';
import type { SchedulerMsg } from '../../actors/scheduler/scheduler-actor.js';
import type { Ref } from '../../actors/runtime.js';
import type { VolumeCommand } from '../../actors/volume/state.js';
import { KilnError } from '../../model/errors.js';
import type { NodeOptions } from '../options.js';
import type { VolumeReadModel } from '../volume-read-model.js';
import type { ChangeFeed } from '../change-feed.js';

/** Who is calling: every resource belongs to a project; admins may act across projects. */
export interface Caller {
  projectId: string;
  userId: string;
  isAdmin: boolean;
}

export interface BackendStatus { up: boolean; reason: string | null; sinceMs: number }

/** What the operations need of a running node. */
export interface NodeParts {
  options: NodeOptions;
  catalog: Directory<CatalogCommand>;
  /** Latest catalog state, kept current by the catalog entity. */
  catalogView(): CatalogState;
  volumes: Directory<VolumeCommand>;
  readModel: VolumeReadModel;
  scheduler: Ref<SchedulerMsg>;
  backendStatus: Map<string, BackendStatus>;
  /** 'iscsi', 'local', … for backends with a target driver; undefined when attachments are not possible. */
  targetProtocol(backend: string): string | undefined;
  feed: ChangeFeed;
  startedAtMs: number;
  askTimeoutMs: number;
}

export function requireAdmin(caller: Caller, what: string): void {
  if (!caller.isAdmin) throw new KilnError('ERR_FORBIDDEN', `Policy doesn't allow ${what} to be performed.`);
}
