/**
 * A stand-in for a Kiln node's WebSocket JSON-RPC endpoint: checks the bearer token on the upgrade,
 * records every call and answers from canned handlers. Tests the CLI's side of the contract only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChangeEvent } from '../../src/api/protocol.js';
import { KilnError } from '../../src/model/errors.js';
import type { VolumeRecord } from '../../src/model/volume.js';
import { runCli } from '../../src/cli/main.js';

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
}

export interface FakeConnection {
  push(event: ChangeEvent): void;
}

// Handlers receive whatever JSON the client sent; tests know the shape they expect.
export type Handler = (params: any, conn: FakeConnection) => unknown;

export interface FakeNode {
  url: string;
  token: string;
  calls: RecordedCall[];
  methods: () => string[];
  handle(method: string, handler: Handler): void;
  /** Ends every open connection from the server side. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startFakeNode(handlers: Record<string, Handler> = {}, token = 'secret-token'): Promise<FakeNode> {
  const table = new Map<string, Handler>(Object.entries({ subscribe: () => ({}), ...handlers }));
  const calls: RecordedCall[] = [];
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, table, calls));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    token,
    calls,
    methods: () => calls.map((c) => c.method),
    handle: (method, handler) => void table.set(method, handler),
    dropConnections: () => { for (const ws of wss.clients) ws.terminate(); },
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => { wss.close(); server.close(() => resolve()); });
    },
  };
}

function serve(ws: WebSocket, table: Map<string, Handler>, calls: RecordedCall[]): void {
  const conn: FakeConnection = { push: (event) => ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'event', params: event })) };
  ws.on('message', async (data) => {
    const req = JSON.parse(data.toString()) as { id: number; method: string; params: Record<string, unknown> };
    calls.push({ method: req.method, params: req.params });
    const handler = table.get(req.method);
    try {
      if (!handler) throw new KilnError('ERR_METHOD_NOT_FOUND', `no method ${req.method}`);
      const result = await handler(req.params, conn);
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: req.id, result: result ?? null }));
    } catch (err) {
      const e = err instanceof KilnError ? err : new KilnError('ERR_INTERNAL', String(err));
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: req.id, error: { code: e.rpcCode, message: e.message, data: e.toWire() } }));
    }
  });
}

/** A port nothing listens on: bound by us, then released. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let scratchRoot: string | undefined;

/** A fresh directory, under one root per test process that is removed when the process exits. */
export function emptyDir(): string {
  if (!scratchRoot) {
    const root = mkdtempSync(join(tmpdir(), 'kiln-cli-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    scratchRoot = root;
  }
  return mkdtempSync(join(scratchRoot, 'case-'));
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kiln` in-process; env defaults to nothing, so only what the test passes is seen. */
export async function kiln(argv: string[], env: Record<string, string | undefined> = {}, cwd = emptyDir()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env, cwd });
  return { code, stdout, stderr };
}

/** `kiln` pointed at a fake node through the environment. */
export const kilnAt = (node: FakeNode, argv: string[]): Promise<CliRun> =>
  kiln(argv, { KILN_URL: node.url, KILN_TOKEN: node.token });

export function volume(overrides: Partial<VolumeRecord> = {}): VolumeRecord {
  return {
    id: '6c1c7a5e-2f4c-4f2b-9a51-6a2f4f0d3b11',
    projectId: 'admin',
    userId: 'admin',
    name: 'vol1',
    description: null,
    sizeGiB: 1,
    status: 'available',
    volumeTypeId: 'c0e2a4f6-0000-4000-8000-000000000001',
    volumeTypeName: '__DEFAULT__',
    availabilityZone: 'nova',
    metadata: {},
    host: 'node1@LVM_iSCSI#LVM_iSCSI',
    backend: 'LVM_iSCSI',
    bootable: false,
    readonly: false,
    multiattach: false,
    attachments: [],
    errorReason: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export const volumeEvent = (v: VolumeRecord, deleted = false): ChangeEvent =>
  ({ kind: 'volume', id: v.id, status: v.status, record: deleted ? undefined : v, deleted });
