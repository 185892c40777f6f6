/**
 * Cinder v3 compatible REST API on the node's HTTP port, for python-cinderclient and
 * openstackclient. Plumbing only: version discovery, authentication, microversions, routing,
 * JSON in and out. Every decision is taken by the same operations the WebSocket API calls.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Operations } from '../../node/operations/index.js';
import type { NodeOptions } from '../../node/options.js';
import { tokenFromHeaders, type Authenticator } from '../auth.js';
import type { Handler, RestResult } from './context.js';
import { faultBody, faultOf, resourceNotFound, RestError } from './faults.js';
import { baseUrlOf, parseJsonBody, readBody, send } from './http.js';
import { compareVersions, formatVersion, negotiate, versionHeader, type ApiVersion } from './microversion.js';
import { splitPath } from './paths.js';
import { Router } from './router.js';
import { attachmentRoutes } from './routes/attachments.js';
import { projectRoutes } from './routes/project.js';
import { qosRoutes } from './routes/qos.js';
import { serviceRoutes } from './routes/services.js';
import { typeRoutes } from './routes/types.js';
import { volumeActionRoutes } from './routes/volume-actions.js';
import { volumeMetadataRoutes } from './routes/volume-metadata.js';
import { volumeRoutes } from './routes/volumes.js';
import { versionsDocument } from './versions.js';

export interface RestDeps {
  operations: Operations;
  auth: Authenticator;
  options: NodeOptions;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; debug(o: object, m: string): void };
}

export function buildRouter(): Router<Handler> {
  const r = new Router<Handler>();
  volumeRoutes(r);
  volumeActionRoutes(r);
  volumeMetadataRoutes(r);
  attachmentRoutes(r);
  typeRoutes(r);
  qosRoutes(r);
  serviceRoutes(r);
  projectRoutes(r);
  return r;
}

const unauthorized = 'The request you have made requires authentication.';

async function dispatch(deps: RestDeps, router: Router<Handler>, collections: ReadonlySet<string>, req: IncomingMessage, version: ApiVersion): Promise<RestResult> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const target = splitPath(url.pathname, collections);
  const baseUrl = baseUrlOf(req);
  if (target.kind === 'versions' && method === 'GET') return { status: 300, body: versionsDocument(baseUrl) };
  if (target.kind === 'v3' && method === 'GET') return { status: 200, body: versionsDocument(baseUrl) };
  if (target.kind !== 'api') throw new RestError(404, resourceNotFound);

  const caller = deps.auth.authenticate(tokenFromHeaders(req.headers));
  if (!caller) throw new RestError(401, unauthorized);
  // As Cinder: the project in the URL must be the caller's own.
  if (target.projectId !== undefined && target.projectId !== caller.projectId) throw new RestError(400, 'Malformed request url');

  const match = router.match(method, target.path);
  if (!match) throw new RestError(404, resourceNotFound);
  if (match.route.minVersion && compareVersions(version, match.route.minVersion) < 0) {
    throw new RestError(404, `API version ${formatVersion(version)} is not supported on this method.`);
  }
  const body = method === 'POST' || method === 'PUT' ? parseJsonBody(await readBody(req)) : undefined;
  return match.route.handler({
    caller, version, params: match.params, query: url.searchParams, body, headers: req.headers, baseUrl,
    ops: deps.operations, options: deps.options,
  });
}

export function createRestHandler(deps: RestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const router = buildRouter();
  const collections = router.collections();
  return (req, res) => {
    const requestId = `req-${randomUUID()}`;
    const headers: Record<string, string> = { 'X-OpenStack-Request-Id': requestId, 'X-Compute-Request-Id': requestId, Vary: versionHeader };
    const started = Date.now();
    const finish = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      send(res, status, body, { ...headers, ...extra });
      deps.log.debug({ method: req.method, url: req.url, status, ms: Date.now() - started, requestId }, 'rest request');
    };
    const negotiated = negotiate(req.headers['openstack-api-version']);
    if (!negotiated.ok) {
      finish(negotiated.status, faultBody(negotiated.status, negotiated.message));
      req.resume();
      return;
    }
    headers[versionHeader] = `volume ${formatVersion(negotiated.version)}`;
    dispatch(deps, router, collections, req, negotiated.version).then(
      (result) => finish(result.status, result.body, result.headers),
      (err: unknown) => {
        const fault = faultOf(err);
        if (fault.status >= 500) deps.log.warn({ err: err instanceof Error ? err.message : String(err), url: req.url, requestId }, 'rest request failed');
        finish(fault.status, fault.body, fault.status === 401 ? { 'WWW-Authenticate': 'X-Auth-Token' } : {});
        req.resume();
      },
    );
  };
}
