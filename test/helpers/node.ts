import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNode, type KilnNode } from '../../src/node/node.js';
import { silentLogger } from '../../src/node/logger.js';
import type { BackendOptions, NodeOptions } from '../../src/node/options.js';
import type { Caller } from '../../src/node/operations/context.js';

export const admin: Caller = { projectId: 'admin', userId: 'admin', isAdmin: true };
export const member = (projectId: string): Caller => ({ projectId, userId: `user-${projectId}`, isAdmin: false });

export async function tempDir(prefix = 'kiln-test-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export function fileBackend(dataDir: string, name: string, overrides: Partial<BackendOptions> = {}): BackendOptions {
  return {
    name, driver: 'file', volumeBackendName: name, volumesDir: join(dataDir, 'volumes', name),
    reservedPercentage: 0, maxOverSubscriptionRatio: 20, availabilityZone: 'nova', extra: {}, ...overrides,
  };
}

export function testOptions(dataDir: string, overrides: Partial<NodeOptions> = {}): NodeOptions {
  return {
    host: 'test-node', dataDir, listenAddress: '127.0.0.1', port: 0, defaultVolumeType: undefined,
    storageAvailabilityZone: 'nova', backends: [fileBackend(dataDir, 'file')], statsIntervalMs: 200,
    serviceDownTimeMs: 60_000, schedulerMaxAttempts: 3, authStrategy: 'kiln', logLevel: 'silent', ...overrides,
  };
}

/** A real node on an ephemeral port with its data in a fresh temp dir. */
export async function startTestNode(overrides: Partial<NodeOptions> = {}, dataDir?: string): Promise<KilnNode & { dataDir: string; cleanup(): Promise<void> }> {
  const dir = dataDir ?? (await tempDir()).path;
  const node = await createNode(testOptions(dir, overrides), { log: silentLogger() });
  return { ...node, dataDir: dir, cleanup: async () => { await node.stop(); await rm(dir, { recursive: true, force: true }); } };
}

/** Resolves when the volume reaches one of the statuses (the read model is updated on every change). */
export async function waitForVolume(node: KilnNode, id: string, statuses: string[], timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = node.readModel.get(id);
    const status = v ? v.status : 'deleted';
    if (statuses.includes(status)) return status;
    if (Date.now() > deadline) throw new Error(`volume ${id} still ${status} after ${timeoutMs} ms (wanted ${statuses.join('|')})`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
