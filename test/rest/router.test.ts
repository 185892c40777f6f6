import test from 'ava';
import { Router } from '../../src/api/rest/router.js';
import { splitPath } from '../../src/api/rest/paths.js';

const r = new Router<string>()
  .add('GET', '/volumes', 'list')
  .add('GET', '/volumes/detail', 'detail')
  .add('GET', '/volumes/:id', 'show')
  .add('POST', '/volumes/:id/action', 'action')
  .add('GET', '/volumes/:id/metadata/:key', 'meta-key');

const routes: [string, string, string | undefined, Record<string, string>?][] = [
  ['GET', '/volumes', 'list', {}],
  ['GET', '/volumes/', 'list', {}],
  ['GET', '/volumes/detail', 'detail', {}],
  ['GET', '/volumes/abc', 'show', { id: 'abc' }],
  ['GET', '/volumes/a%20b', 'show', { id: 'a b' }],
  ['POST', '/volumes/abc/action', 'action', { id: 'abc' }],
  ['GET', '/volumes/v1/metadata/k%2Fx', 'meta-key', { id: 'v1', key: 'k/x' }],
  ['DELETE', '/volumes/abc', undefined],
  ['GET', '/volumes/abc/nothing', undefined],
  ['GET', '/volumes/%E0%A4%A', undefined],
  ['GET', '/types', undefined],
];

for (const [method, path, handler, params] of routes) {
  test(`routes ${method} ${path} → ${handler ?? 'nothing'}`, (t) => {
    const m = r.match(method, path);
    t.is(m?.route.handler, handler);
    if (params) t.deepEqual(m?.params, params);
  });
}

const collections = new Set(['volumes', 'types']);
const paths: [string, unknown][] = [
  ['/', { kind: 'versions' }],
  ['/v3', { kind: 'v3' }],
  ['/v3/', { kind: 'v3' }],
  ['/v3/p1/volumes/detail', { kind: 'api', projectId: 'p1', path: '/volumes/detail' }],
  ['/v3/volumes/detail', { kind: 'api', projectId: undefined, path: '/volumes/detail' }],
  ['/v3/types', { kind: 'api', projectId: undefined, path: '/types' }],
  ['/v3/p1', { kind: 'unknown' }],
  ['/v2/p1/volumes', { kind: 'unknown' }],
  ['/volumes', { kind: 'unknown' }],
];

for (const [path, target] of paths) {
  test(`reads the path ${path}`, (t) => {
    t.deepEqual(splitPath(path, collections), target);
  });
}
