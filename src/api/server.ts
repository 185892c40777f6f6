/**
 * One HTTP server per node: WebSocket JSON-RPC at /ws (bearer token checked on the upgrade,
 * frames over 1 MiB refused) and, for plain HTTP, the REST handler when one is given.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChangeFeed } from '../node/change-feed.js';
import type { Caller } from '../node/operations/context.js';
import { tokenFromHeaders, type Authenticator } from './auth.js';
import type { ChangeEvent } from './protocol.js';
import { maxFrameBytes } from './protocol.js';
import { handleFrame, type Connection, type MethodTable } from './rpc.js';

export interface ApiServerInit {
  listenAddress: string;
  port: number;
  auth: Authenticator;
  methods: MethodTable;
  feed: ChangeFeed;
  rest?: (req: IncomingMessage, res: ServerResponse) => void;
  heartbeatMs?: number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; debug(o: object, m: string): void };
}

export interface ApiServer { url: string; port: number; close(): Promise<void>; connections(): number }

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const body = JSON.stringify({ error: { code: status === 401 ? 'ERR_UNAUTHORIZED' : 'ERR_NOT_FOUND', message: text } });
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function visible(caller: Caller, e: ChangeEvent): boolean {
  if (caller.isAdmin) return true;
  return (e.record as { projectId?: string } | undefined)?.projectId === caller.projectId;
}

function serveConnection(ws: WebSocket, caller: Caller, init: ApiServerInit): void {
  let unsubscribe: (() => void) | undefined;
  const conn: Connection = {
    subscribe(kinds) {
      unsubscribe?.();
      unsubscribe = init.feed.subscribe((e) => {
        if (kinds.includes(e.kind) && visible(caller, e)) ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'event', params: e }));
      });
    },
    unsubscribe() { unsubscribe?.(); unsubscribe = undefined; },
  };
  let alive = true;
  ws.on('pong', () => { alive = true; });
  const heartbeat = setInterval(() => {
    if (!alive) { ws.terminate(); return; }
    alive = false;
    ws.ping();
  }, init.heartbeatMs ?? 30_000);
  heartbeat.unref();
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
    void handleFrame(text, caller, init.methods, conn).then((out) => { if (out !== undefined && ws.readyState === ws.OPEN) ws.send(out); });
  });
  ws.on('error', (err) => init.log.debug({ err: err.message }, 'websocket error'));
  ws.on('close', () => { clearInterval(heartbeat); conn.unsubscribe(); });
}

export async function startApiServer(init: ApiServerInit): Promise<ApiServer> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes, perMessageDeflate: false });
  const server: Server = createServer((req, res) => {
    if (init.rest) { init.rest(req, res); return; }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'ERR_NOT_FOUND', message: 'Use the WebSocket API at /ws.' } }));
  });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/ws') { refuseUpgrade(socket, 404, 'Not Found'); return; }
    const caller = init.auth.authenticate(tokenFromHeaders(req.headers));
    if (!caller) { refuseUpgrade(socket, 401, 'Unauthorized'); return; }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, caller, init));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(init.port, init.listenAddress, () => { server.off('error', reject); resolve(); });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : init.port;
  const host = init.listenAddress.includes(':') ? `[${init.listenAddress}]` : init.listenAddress;
  init.log.info({ address: init.listenAddress, port }, 'API listening');
  return {
    url: `ws://${host}:${port}/ws`,
    port,
    connections: () => wss.clients.size,
    close: () => new Promise<void>((resolve) => {
      for (const ws of wss.clients) ws.close(1001, 'node stopping');
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
