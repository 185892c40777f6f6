/** Volumes over REST against a real node: async work answers 202, projects are kept apart. */
import test from 'ava';
import { startTestNode, waitForVolume } from '../helpers/node.js';
import { adminToken, aliceToken, bobToken, client, project, type TestNode } from './helpers.js';

let node: TestNode;
test.before(async () => { node = await startTestNode({ authStrategy: 'noauth' }); });
test.after.always(async () => { await node?.cleanup(); });

const admin = () => client(node, adminToken, project);
const alice = () => client(node, aliceToken, 'projA');
const bob = () => client(node, bobToken, 'projB');

async function createAvailable(api: ReturnType<typeof admin>, name: string, size = 1): Promise<string> {
  const r = await api.post('/volumes', { volume: { size, name } });
  if (r.status !== 202) throw new Error(`create ${name}: ${r.status} ${r.text}`);
  await waitForVolume(node, r.body.volume.id, ['available']);
  return r.body.volume.id as string;
}

test.serial('create answers 202 with the volume; extend and delete answer 202 with no body', async (t) => {
  const created = await admin().post('/volumes', {
    volume: { size: 1, consistencygroup_id: null, snapshot_id: null, name: 'volume3', description: null, volume_type: null,
      availability_zone: null, metadata: {}, imageRef: null, source_volid: null, backup_id: null },
  });
  t.is(created.status, 202);
  const id = created.body.volume.id as string;
  t.regex(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  t.is(created.body.volume.status, 'creating');
  t.is(created.body.volume.volume_type, '__DEFAULT__');
  t.is(await waitForVolume(node, id, ['available', 'error']), 'available');

  const shown = await admin().get(`/volumes/${id}`);
  t.is(shown.status, 200);
  t.is(shown.body.volume['os-vol-host-attr:host'], 'test-node@file#file');
  t.is(shown.body.volume['os-vol-tenant-attr:tenant_id'], project);

  const extended = await admin().post(`/volumes/${id}/action`, { 'os-extend': { new_size: 2 } });
  t.is(extended.status, 202);
  t.is(extended.text, '');
  await waitForVolume(node, id, ['available']);
  t.is(node.readModel.get(id)?.sizeGiB, 2);

  const deleted = await admin().del(`/volumes/${id}?cascade=True`);
  t.is(deleted.status, 202);
  t.is(await waitForVolume(node, id, ['deleted']), 'deleted');
  t.is((await admin().get(`/volumes/${id}`)).status, 404);
});

test.serial('a member sees and touches only its own project\'s volumes', async (t) => {
  const mine = await createAvailable(alice(), 'alice-vol');
  const theirs = await createAvailable(bob(), 'bob-vol');
  const names = (r: { body: { volumes: { name: string }[] } }) => r.body.volumes.map((v) => v.name).sort();

  t.deepEqual(names(await alice().get('/volumes/detail')), ['alice-vol']);
  // cinderclient adds all_tenants=1 to lookups by name; like Cinder, a member still sees only its project.
  t.deepEqual(names(await alice().get('/volumes/detail?all_tenants=1')), ['alice-vol']);
  t.deepEqual(names(await alice().get('/volumes/detail?all_tenants=1&name=bob-vol')), []);
  t.is((await alice().get(`/volumes/${theirs}`)).status, 404);
  t.is((await alice().del(`/volumes/${theirs}`)).status, 404);
  t.is((await alice().post(`/volumes/${theirs}/action`, { 'os-extend': { new_size: 3 } })).status, 404);
  t.is(node.readModel.get(theirs)?.sizeGiB, 1);

  const all = await admin().get('/volumes/detail?all_tenants=1');
  t.true(['alice-vol', 'bob-vol'].every((n) => names(all).includes(n)));
  t.deepEqual(names(await admin().get('/volumes/detail')), [], 'admins see their own project without all_tenants');
  t.is((await admin().get(`/volumes/${mine}`)).status, 200);
  t.is(node.readModel.get(mine)?.userId, 'alice');
  t.is((await alice().get(`/volumes/${mine}`)).body.volume['os-vol-host-attr:host'], undefined, 'host is for admins');
});

test.serial('admin-only volume actions are 403 for members', async (t) => {
  const id = await createAvailable(alice(), 'alice-reset');
  const r = await alice().post(`/volumes/${id}/action`, { 'os-reset_status': { status: 'error' } });
  t.is(r.status, 403);
  t.is(node.readModel.get(id)?.status, 'available');
  t.is((await admin().post(`/volumes/${id}/action`, { 'os-reset_status': { status: 'error' } })).status, 202);
  t.is(node.readModel.get(id)?.status, 'error');
});

test.serial('lists filter, sort and page like Cinder', async (t) => {
  for (const n of ['p1', 'p2', 'p3']) await createAvailable(bob(), n);
  const page1 = await bob().get('/volumes?sort=name:asc&limit=2');
  t.deepEqual(page1.body.volumes.map((v: { name: string }) => v.name), ['bob-vol', 'p1']);
  const next = new URL(page1.body.volumes_links[0].href);
  t.is(next.searchParams.get('marker'), page1.body.volumes[1].id);
  const page2 = await bob().get(`/volumes?${next.searchParams.toString()}`);
  t.deepEqual(page2.body.volumes.map((v: { name: string }) => v.name), ['p2', 'p3']);
  t.deepEqual((await bob().get('/volumes/detail?name=p2')).body.volumes.map((v: { name: string }) => v.name), ['p2']);
  t.deepEqual((await bob().get('/volumes?sort_key=name&sort_dir=desc&limit=1')).body.volumes.map((v: { name: string }) => v.name), ['p3']);
  const counted = await bob().get('/volumes?with_count=true&limit=1');
  t.is(counted.body.count, 4);
  t.is((await bob().get('/volumes?sort=colour')).status, 400);
});

test.serial('update and metadata: merge, replace with If-Match, key get/set/delete', async (t) => {
  const id = await createAvailable(bob(), 'meta');
  const renamed = await bob().put(`/volumes/${id}`, { volume: { name: 'meta2', description: 'd' } });
  t.is(renamed.status, 200);
  t.is(renamed.body.volume.name, 'meta2');

  t.deepEqual((await bob().post(`/volumes/${id}/metadata`, { metadata: { a: '1', b: '2' } })).body, { metadata: { a: '1', b: '2' } });
  t.deepEqual((await bob().get(`/volumes/${id}/metadata/a`)).body, { meta: { a: '1' } });
  t.deepEqual((await bob().put(`/volumes/${id}/metadata/c`, { meta: { c: '3' } })).body, { meta: { c: '3' } });
  t.is((await bob().put(`/volumes/${id}/metadata/c`, { meta: { d: '3' } })).status, 400);
  t.is((await bob().del(`/volumes/${id}/metadata/b`)).status, 200);
  t.is((await bob().get(`/volumes/${id}/metadata/b`)).status, 404);

  const current = await bob().get(`/volumes/${id}/metadata`);
  t.deepEqual(current.body, { metadata: { a: '1', c: '3' } });
  const etag = current.headers.get('etag') ?? '';
  t.is((await bob().put(`/volumes/${id}/metadata`, { metadata: { z: '9' } }, { headers: { 'If-Match': 'stale' } })).status, 412);
  t.is((await bob().put(`/volumes/${id}/metadata`, { metadata: { z: '9' } }, { headers: { 'If-Match': etag } })).status, 200);
  t.deepEqual(node.readModel.get(id)?.metadata, { z: '9' });
});

test.serial('errors: wrong status is 400, unknown volumes 404, unknown actions 400, unimplemented ones 501', async (t) => {
  const id = await createAvailable(bob(), 'err');
  const shrink = await bob().post(`/volumes/${id}/action`, { 'os-extend': { new_size: 1 } });
  t.is(shrink.status, 400);
  t.regex(shrink.body.badRequest.message, /greater than current size/);
  t.is((await bob().get('/volumes/00000000-0000-4000-8000-000000000000')).status, 404);
  t.deepEqual((await bob().post(`/volumes/${id}/action`, { 'os-fly': {} })).body, { badRequest: { code: 400, message: 'There is no such action: os-fly' } });
  t.is((await bob().post(`/volumes/${id}/action`, { 'os-attach': { mountpoint: '/dev/vdb' } })).status, 501);
  t.is((await bob().post('/volumes', { volume: { size: 1, snapshot_id: 'abc' } })).status, 400);
  t.is((await bob().del(`/volumes/${id}?force=true`)).status, 400);
});

test.serial('a create no backend can hold ends in error, and GET /messages says why', async (t) => {
  const r = await bob().post('/volumes', { volume: { size: 100_000, name: 'huge' } });
  t.is(r.status, 202);
  await waitForVolume(node, r.body.volume.id, ['error']);
  const msgs = await bob().get('/messages');
  const m = msgs.body.messages.find((x: { resource_uuid: string }) => x.resource_uuid === r.body.volume.id);
  t.is(m.resource_type, 'VOLUME');
  t.is(m.message_level, 'ERROR');
  t.regex(m.event_id, /^VOLUME_VOLUME_001_00\d$/);
  t.regex(m.user_message, /^schedule allocate volume: /);
  t.is((await bob().get(`/messages/${m.id}`)).body.message.id, m.id);
  t.deepEqual((await alice().get('/messages')).body.messages.filter((x: { resource_uuid: string }) => x.resource_uuid === r.body.volume.id), []);
});
