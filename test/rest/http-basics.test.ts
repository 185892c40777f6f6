/** The REST surface against a real node: discovery, microversions, auth, faults, bad input. */
import test from 'ava';
import { startTestNode } from '../helpers/node.js';
import { adminToken, aliceToken, call, client, project, type TestNode } from './helpers.js';

let node: TestNode;
test.before(async () => { node = await startTestNode({ authStrategy: 'noauth' }); });
test.after.always(async () => { await node?.cleanup(); });

test('GET / answers 300 Multiple Choices with the versions document', async (t) => {
  const r = await call(node, 'GET', '/', { version: '3.70' });
  t.is(r.status, 300);
  t.deepEqual(r.body, {
    versions: [{
      id: 'v3.0', status: 'CURRENT', version: '3.70', min_version: '3.0', updated: '2022-08-31T00:00:00Z',
      links: [
        { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' },
        { rel: 'self', href: `http://127.0.0.1:${node.port}/v3/` },
      ],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
    }],
  });
  t.is(r.headers.get('openstack-api-version'), 'volume 3.70');
  t.is(r.headers.get('vary'), 'OpenStack-API-Version');
  t.regex(r.headers.get('x-openstack-request-id') ?? '', /^req-[0-9a-f-]{36}$/);
});

test('GET /v3/ answers 200 with the same document, without a token', async (t) => {
  const r = await call(node, 'GET', '/v3/');
  t.is(r.status, 200);
  t.is(r.body.versions[0].version, '3.70');
});

test('echoes the negotiated microversion; no header means 3.0, latest means 3.70', async (t) => {
  const api = (version?: string) => call(node, 'GET', `/v3/${project}/types`, { token: adminToken, version });
  t.is((await api()).headers.get('openstack-api-version'), 'volume 3.0');
  t.is((await api('3.27')).headers.get('openstack-api-version'), 'volume 3.27');
  t.is((await api('latest')).headers.get('openstack-api-version'), 'volume 3.70');
});

test('refuses unsupported microversions with 406 and malformed ones with 400', async (t) => {
  const high = await call(node, 'GET', `/v3/${project}/volumes`, { token: adminToken, version: '3.71' });
  t.is(high.status, 406);
  t.deepEqual(high.body, { computeFault: { code: 406, message: 'Version 3.71 is not supported by the API. Minimum is 3.0 and maximum is 3.70.' } });
  const bad = await call(node, 'GET', `/v3/${project}/volumes`, { token: adminToken, version: 'three' });
  t.is(bad.status, 400);
  t.truthy(bad.body.badRequest);
});

test('routes newer than the requested microversion are not found', async (t) => {
  const api = client(node, adminToken, project);
  t.is((await api.get('/messages', { version: '3.0' })).status, 404);
  t.is((await api.get('/messages', { version: '3.3' })).status, 200);
});

test('unknown routes answer 404 with Cinder\'s itemNotFound body', async (t) => {
  for (const path of [`/v3/${project}/nothing`, `/v3/${project}/volumes/x/y/z`, '/v2/x/volumes', '/favicon.ico']) {
    const r = await call(node, 'GET', path, { token: adminToken });
    t.is(r.status, 404, path);
    t.deepEqual(r.body, { itemNotFound: { code: 404, message: 'The resource could not be found.' } }, path);
  }
  const unknownMethod = await call(node, 'PATCH', `/v3/${project}/volumes`, { token: adminToken });
  t.is(unknownMethod.status, 404);
});

test('a missing or unknown token is 401', async (t) => {
  const none = await call(node, 'GET', `/v3/${project}/volumes`);
  t.is(none.status, 401);
  t.deepEqual(none.body, { unauthorized: { code: 401, message: 'The request you have made requires authentication.' } });
  t.is((await call(node, 'GET', `/v3/${project}/volumes`, { token: 'not a token!' })).status, 401);
});

test('accepts Kiln tokens: the admin token and issued project tokens', async (t) => {
  t.is((await call(node, 'GET', '/v3/admin/volumes', { token: node.adminToken })).status, 200);
  const token = (await import('../../src/api/auth.js')).tokenAuthenticator(node.adminToken).issue({ projectId: 'projK', userId: 'kate', isAdmin: false });
  t.is((await call(node, 'GET', '/v3/projK/volumes', { headers: { Authorization: `Bearer ${token}` } })).status, 200);
});

test('Cinder noauth tokens are refused unless the node runs with auth_strategy = noauth', async (t) => {
  const strict = await startTestNode({ authStrategy: 'kiln' });
  t.teardown(() => strict.cleanup());
  t.is((await call(strict, 'GET', `/v3/${project}/volumes`, { token: adminToken })).status, 401);
  t.is((await call(strict, 'GET', '/v3/admin/volumes', { token: strict.adminToken })).status, 200);
});

test('a URL naming another project than the token\'s is refused, as Cinder does', async (t) => {
  const r = await call(node, 'GET', `/v3/${project}/volumes`, { token: aliceToken });
  t.is(r.status, 400);
  t.deepEqual(r.body, { badRequest: { code: 400, message: 'Malformed request url' } });
});

test('project-less URLs (/v3/volumes) work', async (t) => {
  const r = await call(node, 'GET', '/v3/volumes/detail', { token: adminToken, version: '3.70' });
  t.is(r.status, 200);
  t.deepEqual(r.body, { volumes: [] });
});

test('a member asking for another project or an admin-only action gets 403', async (t) => {
  const alice = client(node, aliceToken, 'projA');
  const other = await alice.get('/volumes/detail?all_tenants=1&project_id=projB');
  t.is(other.status, 403);
  t.truthy(other.body.forbidden);
  t.is((await alice.post('/types', { volume_type: { name: 'mine' } })).status, 403);
  t.is((await alice.get('/scheduler-stats/get_pools')).status, 403);
  t.is((await alice.put('/os-services/disable', { host: 'test-node@file', binary: 'cinder-volume' })).status, 403);
  t.is((await alice.get('/os-quota-sets/projB')).status, 403);
});

test('malformed JSON is 400 "Malformed request body" and changes nothing', async (t) => {
  const api = client(node, adminToken, project);
  const r = await api.post('/volumes', undefined, { raw: '{"volume": {"size": 1' });
  t.is(r.status, 400);
  t.deepEqual(r.body, { badRequest: { code: 400, message: 'Malformed request body' } });
  t.is(node.readModel.size, 0);
});

const wrongBodies: [string, string, unknown, RegExp][] = [
  ['volume size as text', '/volumes', { volume: { size: 'big' } }, /size/],
  ['negative volume size', '/volumes', { volume: { size: -1 } }, /size/],
  ['no volume object', '/volumes', { size: 1 }, /volume/],
  ['metadata values as numbers', '/volumes', { volume: { size: 1, metadata: { a: 1 } } }, /metadata/],
  ['a type name as a number', '/types', { volume_type: { name: 5 } }, /name/],
  ['unknown type fields', '/types', { volume_type: { name: 'x', colour: 'red' } }, /colour/],
  ['extra specs as a list', '/types/__DEFAULT__/extra_specs', { extra_specs: ['a'] }, /extra_specs/],
  ['QoS without a name', '/qos-specs', { qos_specs: { consumer: 'front-end' } }, /name/],
  ['a JSON array body', '/volumes', [1, 2], /body|volume/],
];

for (const [name, path, body, field] of wrongBodies) {
  test(`wrong types are 400 badRequest: ${name}`, async (t) => {
    const r = await client(node, adminToken, project).post(path, body);
    t.is(r.status, 400);
    t.regex(r.body.badRequest?.message ?? '', field);
    t.is(node.readModel.size, 0);
  });
}

test('query values of the wrong type are 400', async (t) => {
  const api = client(node, adminToken, project);
  t.is((await api.get('/volumes/detail?limit=abc')).status, 400);
  t.is((await api.get('/volumes/detail?all_tenants=perhaps')).status, 400);
  t.is((await api.get('/volumes/detail?colour=red')).status, 400);
  t.is((await api.get('/types?is_public=maybe')).status, 400);
});

test('too large bodies are 413 overLimit', async (t) => {
  const r = await client(node, adminToken, project).post('/volumes', undefined, { raw: JSON.stringify({ volume: { size: 1, name: 'x'.repeat(200_000) } }) });
  t.is(r.status, 413);
  t.truthy(r.body.overLimit);
});
