/**
 * createNode(options) starts a whole Kiln node in-process: store, actors, backends, API.
 * kilnd is a thin wrapper; tests and host tooling embed it directly. Nothing here reads
 * globals or exits the process.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogEntity } from '../actors/catalog/entity.js';
import { initialCatalog, type CatalogState } from '../actors/catalog/state.js';
import { createDirectory, type Directory } from '../actors/directory.js';
import { spawnBackend, type BackendMsg } from '../actors/backend/backend-actor.js';
import { ask, startSystem, stopActor, tell, type Ref } from '../actors/runtime.js';
import { spawnScheduler, type SchedulerMsg } from '../actors/scheduler/scheduler-actor.js';
import { volumeEntity, volumeIndex } from '../actors/volume/entity.js';
import type { VolumeCommand, VolumeState } from '../actors/volume/state.js';
import { exportPortOf, targetDriverFor, volumeDriverFor } from './backend-components.js';
import type { ExportPort } from '../actors/volume/attach-effects.js';
import { loadOrCreateAdminToken, tokenAuthenticator } from '../api/auth.js';
import { methodTable } from '../api/methods.js';
import { createRestHandler } from '../api/rest/index.js';
import { startApiServer, type ApiServer } from '../api/server.js';
import { createExecutor, type Executor } from '../drivers/executor.js';
import type { VolumeDriver } from '../drivers/volume-driver.js';
import { defaultTypeName } from '../model/catalog.js';
import { newId } from '../model/ids.js';
import { settledVolumeStatuses } from '../model/statuses.js';
import type { VolumeRecord } from '../model/volume.js';
import { nactEngine } from '../store/nact-engine.js';
import { KilnStore } from '../store/store.js';
import { ChangeFeed } from './change-feed.js';
import { createLogger, type Logger } from './logger.js';
import { createOperations, type Operations } from './operations/index.js';
import type { BackendStatus, NodeParts } from './operations/context.js';
import type { BackendOptions, NodeOptions } from './options.js';
import { VolumeReadModel } from './volume-read-model.js';

export interface KilnNode {
  url: string;
  port: number;
  adminToken: string;
  options: NodeOptions;
  operations: Operations;
  readModel: VolumeReadModel;
  store: KilnStore;
  stop(): Promise<void>;
}

export const endpointFile = 'endpoint';
const volumeShards = 16;

/** The backend's target driver; its daemon is checked in the background (attachments report its absence clearly). */
function configuredTarget(b: BackendOptions, executor: Executor, options: NodeOptions, log: Logger): ExportPort | undefined {
  const wildcard = options.listenAddress === '0.0.0.0' || options.listenAddress === '::';
  try {
    const target = targetDriverFor(b, executor, { host: options.host, ip: wildcard ? '127.0.0.1' : options.listenAddress });
    target.setup().catch((err: unknown) => log.warn({ backend: b.name, helper: target.helper, err }, 'target helper is not ready; attachments will fail until it is'));
    return exportPortOf(target);
  } catch (err) {
    log.error({ backend: b.name, err }, 'backend has no usable target helper; its volumes cannot be attached');
    return undefined;
  }
}

function backendParts(options: NodeOptions, deps: NodeDeps, log: Logger): { drivers: Map<string, VolumeDriver>; targets: Map<string, ExportPort> } {
  const drivers = new Map<string, VolumeDriver>();
  const targets = new Map<string, ExportPort>();
  const executor = createExecutor({ logger: log });
  for (const b of options.backends) {
    drivers.set(b.name, volumeDriverFor(b, executor));
    const target = deps.targetFor ? deps.targetFor(b) : configuredTarget(b, executor, options, log);
    if (target) targets.set(b.name, target);
  }
  return { drivers, targets };
}

/** tgtd keeps targets in memory only: a daemon restarted under a running node is noticed here. */
async function auditExportsOf(backend: string, targets: Map<string, ExportPort>, readModel: VolumeReadModel, volumes: Directory<VolumeCommand>): Promise<void> {
  const target = targets.get(backend);
  if (!target?.liveExports || target.protocol !== 'iscsi') return;
  const expected = [...readModel.all()].filter((v) => v.backend === backend && v.attachments.some((a) => a.status === 'attached' || a.status === 'attaching'));
  if (expected.length === 0) return;
  const live = await target.liveExports();
  for (const v of expected) if (!live.has(v.id)) volumes.send(v.id, { kind: 'reconcile' });
}

/** Every volume left mid-operation by the last run finishes its intent; every attached one checks its export. */
function reconcileAtBoot(readModel: VolumeReadModel, volumes: Directory<VolumeCommand>): void {
  for (const v of readModel.all()) {
    if (!settledVolumeStatuses.has(v.status)) volumes.send(v.id, { kind: 'activate' });
    if (v.attachments.length > 0) volumes.send(v.id, { kind: 'reconcile' });
  }
}

function disabledMap(catalog: CatalogState): Record<string, boolean> {
  return Object.fromEntries(Object.entries(catalog.services).map(([host, s]) => [host, s.disabled]));
}

async function loadReadModel(store: KilnStore): Promise<VolumeReadModel> {
  const model = new VolumeReadModel();
  for await (const [, record] of store.indexEntries<VolumeRecord>(volumeIndex)) model.put(record);
  return model;
}

export interface NodeDeps {
  log?: Logger;
  /** Overrides the target driver a backend gets from its configuration (host tooling, tests). */
  targetFor?: (backend: BackendOptions) => ExportPort | undefined;
}

export async function createNode(options: NodeOptions, deps: NodeDeps = {}): Promise<KilnNode> {
  const log = deps.log ?? createLogger(options.logLevel);
  const startedAtMs = Date.now();
  await mkdir(options.dataDir, { recursive: true, mode: 0o750 });
  const store = await KilnStore.open({ location: join(options.dataDir, 'db') });
  const readModel = await loadReadModel(store);
  const feed = new ChangeFeed();
  const system = startSystem(nactEngine(store));
  const now = () => new Date().toISOString();
  const askTimeoutMs = 30_000;

  let catalogState: CatalogState = initialCatalog();
  const scheduler: Ref<SchedulerMsg> = spawnScheduler(system, { serviceDownTimeMs: options.serviceDownTimeMs, nowMs: Date.now }, log);
  const catalog = createDirectory(system, 'catalog', catalogEntity, {
    now, log, publish: (s) => { catalogState = s; tell(scheduler, { type: 'services', disabled: disabledMap(s) }); },
  }, 1);

  const { drivers, targets } = backendParts(options, deps, log);
  const backendStatus = new Map<string, BackendStatus>();
  const frontEndQos = (typeId: string) => {
    const qosId = catalogState.types[typeId]?.qosSpecsId;
    const qos = qosId ? catalogState.qos[qosId] : undefined;
    return qos && qos.consumer !== 'back-end' ? qos.specs : undefined;
  };

  const volumes = createDirectory(system, 'volumes', volumeEntity, {
    now, log, maxAttempts: options.schedulerMaxAttempts,
    schedule: (req) => ask(scheduler, (reply): SchedulerMsg => ({ type: 'schedule', req, reply }), askTimeoutMs),
    driver: (name) => (backendStatus.get(name)?.up === false ? undefined : drivers.get(name)),
    target: (name) => (backendStatus.get(name)?.up === false ? undefined : targets.get(name)),
    frontEndQos,
    publish: (id: string, s: VolumeState) => {
      if (s.deleted || !s.record) readModel.delete(id);
      else readModel.put(s.record);
      feed.publish({ kind: 'volume', id, status: s.deleted ? 'deleted' : s.record?.status ?? 'unknown', record: s.deleted ? undefined : s.record, deleted: s.deleted });
    },
  }, volumeShards);

  catalogState = await catalog.ask<CatalogState>('catalog', (reply) => ({ kind: 'get', reply }), askTimeoutMs);
  if (!Object.values(catalogState.types).some((t) => t.name === defaultTypeName)) {
    catalogState = await catalog.ask<CatalogState>('catalog', (reply) => ({
      kind: 'command', reply,
      cmd: { type: 'CreateType', id: newId(), name: defaultTypeName, description: 'Default Volume Type', isPublic: true, extraSpecs: {} },
    }), askTimeoutMs);
  }
  tell(scheduler, { type: 'services', disabled: disabledMap(catalogState) });

  const auditExports = (backend: string) => auditExportsOf(backend, targets, readModel, volumes);
  const backends: Ref<BackendMsg>[] = await startBackends(options, drivers, backendStatus, scheduler, readModel, log, system, auditExports);
  reconcileAtBoot(readModel, volumes);

  const parts: NodeParts = {
    options, catalog, catalogView: () => catalogState, volumes, readModel, scheduler, backendStatus, startedAtMs, askTimeoutMs,
    feed, targetProtocol: (backend) => targets.get(backend)?.protocol,
  };
  const operations = createOperations(parts);
  const adminToken = await loadOrCreateAdminToken(options.dataDir);
  const auth = tokenAuthenticator(adminToken, { noauth: options.authStrategy === 'noauth' });
  let api: ApiServer;
  try {
    api = await startApiServer({
      listenAddress: options.listenAddress, port: options.port, auth,
      methods: methodTable(operations, auth), feed, log,
      rest: createRestHandler({ operations, auth, options, log }),
    });
  } catch (err) {
    stopActor(system);
    await store.close();
    throw err;
  }
  await writeFile(join(options.dataDir, endpointFile), `${api.url}\n`, { mode: 0o644 });
  log.info({ url: api.url, volumes: readModel.size, startupMs: Date.now() - startedAtMs }, 'kiln node ready');

  let stopped: Promise<void> | undefined;
  return {
    url: api.url, port: api.port, adminToken, options, operations, readModel, store,
    stop: () => (stopped ??= (async () => {
      await api.close();
      for (const b of backends) tell(b, { type: 'stop' });
      stopActor(system);
      await store.close();
      log.info({}, 'kiln node stopped');
    })()),
  };
}

/** Starts every backend and waits (bounded) for its first report, so placement works right away. */
async function startBackends(
  options: NodeOptions, drivers: Map<string, VolumeDriver>, backendStatus: Map<string, BackendStatus>,
  scheduler: Ref<SchedulerMsg>, readModel: VolumeReadModel, log: Logger, system: Ref<unknown>,
  auditExports: (backend: string) => Promise<void>,
): Promise<Ref<BackendMsg>[]> {
  const refs: Ref<BackendMsg>[] = [];
  const firstReports = options.backends.map((b) => new Promise<void>((resolve) => {
    const driver = drivers.get(b.name);
    if (!driver) { resolve(); return; }
    const ref = spawnBackend(system, {
      node: options.host, options: b, driver, scheduler, statsIntervalMs: options.statsIntervalMs,
      usage: (name) => readModel.usageOf(name), nowMs: Date.now,
      auditExports: () => auditExports(b.name),
      onStatus: (name, st) => { backendStatus.set(name, { ...st, sinceMs: Date.now() }); resolve(); },
      log,
    });
    refs.push(ref);
  }));
  await Promise.race([Promise.all(firstReports), new Promise((r) => setTimeout(r, 10_000).unref())]);
  return refs;
}
