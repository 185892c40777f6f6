import WebSocket from 'ws';
import { connectClient, type KilnClient } from '../../src/api/client.js';
import type { KilnNode } from '../../src/node/node.js';

export async function adminClient(node: KilnNode): Promise<KilnClient> {
  return connectClient({ url: node.url, token: node.adminToken, timeoutMs: 10_000 });
}

/** A raw WebSocket for protocol-level tests; resolves once open or rejects with the failure. */
export function rawSocket(url: string, token: string | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends one text frame and resolves with the next JSON frame received. */
export function exchange(ws: WebSocket, text: string): Promise<any> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(text);
  });
}
