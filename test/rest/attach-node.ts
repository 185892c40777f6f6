/** A real node whose backends attach through the in-memory recording target, for attachment tests over REST. */
import { rm } from 'node:fs/promises';
import { createNode } from '../../src/node/node.js';
import { silentLogger } from '../../src/node/logger.js';
import type { NodeOptions } from '../../src/node/options.js';
import { recordingTarget } from '../helpers/fake-target.js';
import { tempDir, testOptions } from '../helpers/node.js';
import type { TestNode } from './helpers.js';

export interface AttachNode extends TestNode {
  target: ReturnType<typeof recordingTarget>;
  /** While true, every connect fails as a target daemon refusing it would. */
  failConnects: boolean;
}

export async function startAttachNode(overrides: Partial<NodeOptions> = {}, dataDir?: string): Promise<AttachNode> {
  const dir = dataDir ?? (await tempDir()).path;
  const state = { failConnects: false };
  const target = recordingTarget({ failConnect: () => state.failConnects });
  const node = await createNode(testOptions(dir, { authStrategy: 'noauth', ...overrides }), { log: silentLogger(), targetFor: () => target.port });
  return Object.assign(state, {
    ...node, target, dataDir: dir,
    cleanup: async () => { await node.stop(); await rm(dir, { recursive: true, force: true }); },
  });
}
