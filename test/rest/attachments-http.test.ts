/** Cinder's v3 attachment API over REST against a real node with an in-memory iSCSI target. */
import test from 'ava';
import { waitForVolume } from '../helpers/node.js';
import { startAttachNode, type AttachNode } from './attach-node.js';
import { adminToken, aliceToken, bobToken, client, project } from './helpers.js';

let node: AttachNode;
test.before(async () => { node = await startAttachNode(); });
test.after.always(async () => { await node?.cleanup(); });

const admin = (version = '3.44') => client(node, adminToken, project, version);
const alice = (version = '3.44') => client(node, aliceToken, 'projA', version);
const bob = (version = '3.44') => client(node, bobToken, 'projB', version);

/** What `cinder attachment-create … --connect True` sends: every option, null when not given. */
const cliConnector = (initiator: string | null) => ({
  initiator, ip: '127.0.0.1', platform: 'x86_64', host: 'host1', os_type: 'linux2', multipath: false, mountpoint: null,
});
const instance = '9f2c7a86-5a63-4d55-9d0b-2f8a9e1c3b10';
const detailKeys = ['id', 'status', 'instance', 'volume_id', 'attached_at', 'detached_at', 'attach_mode', 'connection_info'];

async function availableVolume(api: ReturnType<typeof admin>, name: string): Promise<string> {
  const r = await api.post('/volumes', { volume: { size: 1, name } });
  if (r.status !== 202) throw new Error(`create ${name}: ${r.status} ${r.text}`);
  await waitForVolume(node, r.body.volume.id, ['available']);
  return r.body.volume.id as string;
}

const volumeStatus = (id: string) => node.readModel.get(id)?.status;

test.serial('a connect the target refuses is 500 with the reason, as Cinder words it', async (t) => {
  const id = await availableVolume(admin(), 'refused');
  node.failConnects = true;
  try {
    const r = await admin().post('/attachments', { attachment: { volume_uuid: id, instance_uuid: instance, connector: cliConnector('iqn.1993-08.org.debian:01:f') } });
    t.is(r.status, 500);
    t.regex(r.body.computeFault.message, /^Unable to create attachment for volume \(Attachment .* failed to connect: tgtadm: can't find the target\)\.$/);
  } finally {
    node.failConnects = false;
  }
  t.deepEqual((await admin().get(`/attachments?volume_id=${id}`)).body.attachments, [], 'no attachment is left behind, as in Cinder');
  t.is(volumeStatus(id), 'available');
});

test('create with a connector, complete, delete: codes, bodies and the volume status at each step', async (t) => {
  const id = await availableVolume(admin(), 'flow');
  const created = await admin().post('/attachments', { attachment: { volume_uuid: id, instance_uuid: instance, connector: cliConnector('iqn.1993-08.org.debian:01:host1') } });
  t.is(created.status, 200);
  const a = created.body.attachment;
  t.deepEqual(Object.keys(a), detailKeys);
  t.like(a, { status: 'attaching', instance, volume_id: id, detached_at: '', attach_mode: 'rw' });
  t.like(a.connection_info, { driver_volume_type: 'iscsi', data: { target_iqn: `iqn.2010-10.org.openstack:volume-${id}`, auth_method: 'CHAP' } });
  t.is(volumeStatus(id), 'attaching');

  const listed = await admin().get('/attachments');
  t.deepEqual(listed.body.attachments.filter((x: { id: string }) => x.id === a.id), [{ id: a.id, status: 'attaching', instance, volume_id: id }]);
  const shown = await admin().get(`/attachments/${a.id}`);
  t.is(shown.status, 200);
  t.deepEqual(shown.body.attachment.connection_info, a.connection_info);

  const completed = await admin().post(`/attachments/${a.id}/action`, { 'os-complete': null });
  t.is(completed.status, 204);
  t.is(completed.text, '');
  t.is(volumeStatus(id), 'in-use');
  const attached = (await admin().get(`/attachments/${a.id}`)).body.attachment;
  t.is(attached.status, 'attached');
  t.regex(attached.attached_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);

  const volume = (await admin().get(`/volumes/${id}`)).body.volume;
  t.is(volume.status, 'in-use');
  t.deepEqual(volume.attachments, [{ id, attachment_id: a.id, volume_id: id, server_id: instance, host_name: 'host1', device: null, attached_at: attached.attached_at }]);

  const deleted = await admin().del(`/attachments/${a.id}`);
  t.is(deleted.status, 200);
  t.deepEqual(deleted.body, { attachments: [] });
  t.is(volumeStatus(id), 'available');
  t.is((await admin().get(`/attachments/${a.id}`)).status, 404);
  t.deepEqual((await admin().get(`/volumes/${id}`)).body.volume.attachments, []);
});

test('create without a connector reserves; update with the connector connects', async (t) => {
  const id = await availableVolume(admin(), 'reserve');
  const created = await admin().post('/attachments', { attachment: { volume_uuid: id, instance_uuid: instance, connector: {} } });
  t.is(created.status, 200);
  t.like(created.body.attachment, { status: 'reserved', attached_at: '', connection_info: null });
  t.is(volumeStatus(id), 'reserved');
  t.deepEqual((await admin().get(`/volumes/${id}`)).body.volume.attachments, [], 'only attached attachments are listed in the volume');

  const updated = await admin().put(`/attachments/${created.body.attachment.id}`, { attachment: { connector: { ...cliConnector('iqn.1993-08.org.debian:01:host2'), multipath: 'False', mountpoint: '/dev/vdb' } } });
  t.is(updated.status, 200);
  t.deepEqual(Object.keys(updated.body.attachment), detailKeys);
  t.is(updated.body.attachment.status, 'attaching');
  t.is(updated.body.attachment.connection_info.driver_volume_type, 'iscsi');
  t.is(volumeStatus(id), 'attaching');
  t.true(node.target.calls.includes('connect iqn.1993-08.org.debian:01:host2'));
});

test('the API starts at 3.27 and os-complete at 3.44: older versions get 404', async (t) => {
  const id = await availableVolume(admin(), 'versions');
  const r = await admin('3.26').get('/attachments');
  t.is(r.status, 404);
  t.deepEqual(r.body, { itemNotFound: { code: 404, message: 'API version 3.26 is not supported on this method.' } });
  t.is((await admin('3.26').post('/attachments', { attachment: { volume_uuid: id } })).status, 404);
  t.is(volumeStatus(id), 'available');
  const a = (await admin('3.27').post('/attachments', { attachment: { volume_uuid: id } })).body.attachment;
  t.is((await admin('3.43').post(`/attachments/${a.id}/action`, { 'os-complete': null })).status, 404);
  t.is((await admin('3.27').del(`/attachments/${a.id}`)).status, 200);
});

test('mode is accepted from 3.54 on', async (t) => {
  const id = await availableVolume(admin(), 'mode');
  const early = await admin('3.53').post('/attachments', { attachment: { volume_uuid: id, mode: 'ro' } });
  t.is(early.status, 400);
  t.regex(early.body.badRequest.message, /'mode' was unexpected/);
  const r = await admin('3.54').post('/attachments', { attachment: { volume_uuid: id, mode: 'ro' } });
  t.is(r.status, 200);
  t.is(r.body.attachment.attach_mode, 'ro');
  await admin().del(`/attachments/${r.body.attachment.id}`);
});

test('a member sees and touches only its own project\'s attachments', async (t) => {
  const id = await availableVolume(alice(), 'alice-attach');
  t.is((await bob().post('/attachments', { attachment: { volume_uuid: id } })).status, 404, 'another project\'s volume is not found');
  const a = (await alice().post('/attachments', { attachment: { volume_uuid: id, instance_uuid: instance } })).body.attachment;
  t.deepEqual((await alice().get('/attachments')).body.attachments, [{ id: a.id, status: 'reserved', instance, volume_id: id }]);
  t.deepEqual((await alice().get('/attachments?all_tenants=1')).body.attachments.map((x: { id: string }) => x.id), [a.id]);
  t.deepEqual((await bob().get('/attachments?all_tenants=1')).body.attachments, []);
  t.deepEqual((await bob().get(`/attachments?volume_id=${id}`)).body.attachments, []);
  for (const r of [
    await bob().get(`/attachments/${a.id}`),
    await bob().put(`/attachments/${a.id}`, { attachment: { connector: cliConnector('iqn.2000-01.org.example:bob') } }),
    await bob().post(`/attachments/${a.id}/action`, { 'os-complete': null }),
    await bob().del(`/attachments/${a.id}`),
  ]) t.is(r.status, 404);
  t.is(volumeStatus(id), 'reserved');

  const ids = async (path: string) => (await admin().get(path)).body.attachments.map((x: { id: string }) => x.id);
  t.false((await ids('/attachments')).includes(a.id), 'admins see their own project without all_tenants');
  t.true((await ids('/attachments/detail?all_tenants=1')).includes(a.id));
  t.deepEqual(await ids(`/attachments?all_tenants=1&status=reserved&instance_id=${instance}&volume_id=${id}`), [a.id]);
  t.deepEqual(await ids(`/attachments?all_tenants=1&status=attached&volume_id=${id}`), []);
  t.is((await alice().del(`/attachments/${a.id}`)).status, 200);
});

test('a connector without initiator is 400 naming the field, and changes nothing', async (t) => {
  const id = await availableVolume(admin(), 'noinit');
  const r = await admin().post('/attachments', { attachment: { volume_uuid: id, instance_uuid: instance, connector: cliConnector(null) } });
  t.is(r.status, 400);
  t.regex(r.body.badRequest.message, /connector\.initiator/);
  t.is(volumeStatus(id), 'available');
  t.deepEqual(node.readModel.get(id)?.attachments, []);

  const a = (await admin().post('/attachments', { attachment: { volume_uuid: id } })).body.attachment;
  const u = await admin().put(`/attachments/${a.id}`, { attachment: { connector: cliConnector(null) } });
  t.is(u.status, 400);
  t.regex(u.body.badRequest.message, /connector\.initiator/);
  t.is(volumeStatus(id), 'reserved');
  await admin().del(`/attachments/${a.id}`);
});

test('an unknown attachment is 404 for every method', async (t) => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  for (const r of [
    await admin().get(`/attachments/${unknown}`),
    await admin().put(`/attachments/${unknown}`, { attachment: { connector: cliConnector('iqn.2000-01.org.example:x') } }),
    await admin().post(`/attachments/${unknown}/action`, { 'os-complete': null }),
    await admin().del(`/attachments/${unknown}`),
  ]) {
    t.is(r.status, 404);
    t.truthy(r.body.itemNotFound);
  }
  t.is((await admin().post('/attachments', { attachment: { volume_uuid: unknown } })).status, 404);
});

const wrongRequests: [string, (api: ReturnType<typeof admin>) => Promise<{ status: number; body: any }>, RegExp][] = [
  ['no volume_uuid', (api) => api.post('/attachments', { attachment: { instance_uuid: instance } }), /volume_uuid/],
  ['a volume name instead of its uuid', (api) => api.post('/attachments', { attachment: { volume_uuid: 'flow' } }), /volume_uuid.*UUID/],
  ['an instance that is no uuid', (api) => api.post('/attachments', { attachment: { volume_uuid: instance, instance_uuid: 'vm-1' } }), /instance_uuid/],
  ['a connector that is a list', (api) => api.post('/attachments', { attachment: { volume_uuid: instance, connector: ['x'] } }), /connector/],
  ['an unknown attachment field', (api) => api.post('/attachments', { attachment: { volume_uuid: instance, colour: 'red' } }), /colour/],
  ['an update without connector', (api) => api.put(`/attachments/${instance}`, { attachment: {} }), /connector/],
  ['an update with an empty connector', (api) => api.put(`/attachments/${instance}`, { attachment: { connector: {} } }), /connector/],
  ['an unknown action', (api) => api.post(`/attachments/${instance}/action`, { 'os-detach': null }), /no such action: os-detach/],
  ['paging', (api) => api.get('/attachments?limit=2'), /limit/],
  ['an unknown filter', (api) => api.get('/attachments?colour=red'), /colour/],
];

for (const [name, send, message] of wrongRequests) {
  test(`400 badRequest: ${name}`, async (t) => {
    const r = await send(admin());
    t.is(r.status, 400);
    t.regex(r.body.badRequest?.message ?? '', message);
  });
}
