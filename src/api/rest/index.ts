/** Cinder v3 compatible REST API (filled in by the REST compatibility work). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Operations } from '../../node/operations/index.js';
import type { NodeOptions } from '../../node/options.js';
import type { Authenticator } from '../auth.js';

export interface RestDeps {
  operations: Operations;
  auth: Authenticator;
  options: NodeOptions;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; debug(o: object, m: string): void };
}

export function createRestHandler(_deps: RestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ itemNotFound: { code: 404, message: 'The resource could not be found.' } }));
  };
}
