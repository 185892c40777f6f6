/** Types, QoS specs, services, pools, zones, limits and quotas over REST against a real node. */
import test from 'ava';
import { startTestNode } from '../helpers/node.js';
import { adminToken, aliceToken, client, project, type TestNode } from './helpers.js';

let node: TestNode;
test.before(async () => { node = await startTestNode({ authStrategy: 'noauth' }); });
test.after.always(async () => { await node?.cleanup(); });

const admin = () => client(node, adminToken, project);
const alice = () => client(node, aliceToken, 'projA');

test.serial('volume types: create, list with is_public, extra specs, update, delete', async (t) => {
  const created = await admin().post('/types', { volume_type: { name: 'lvm-self', description: null, 'os-volume-type-access:is_public': true } });
  t.is(created.status, 200);
  const id = created.body.volume_type.id as string;
  t.deepEqual(created.body, { volume_type: { id, name: 'lvm-self', is_public: true, extra_specs: {}, description: null, 'os-volume-type-access:is_public': true } });
  t.is((await admin().post('/types', { volume_type: { name: 'lvm-self' } })).status, 409);

  const names = async (q: string) => (await admin().get(`/types${q}`)).body.volume_types.map((x: { name: string }) => x.name).sort();
  t.deepEqual(await names('?is_public=None'), ['__DEFAULT__', 'lvm-self']);
  t.deepEqual(await names('?name=lvm-self&is_public=None'), ['lvm-self']);

  const specs = await admin().post(`/types/${id}/extra_specs`, { extra_specs: { volume_backend_name: 'file' } });
  t.deepEqual(specs.body, { extra_specs: { volume_backend_name: 'file' } });
  t.deepEqual((await admin().get(`/types/${id}/extra_specs`)).body, { extra_specs: { volume_backend_name: 'file' } });
  t.deepEqual((await admin().get(`/types/${id}/extra_specs/volume_backend_name`)).body, { volume_backend_name: 'file' });
  t.deepEqual((await admin().put(`/types/${id}/extra_specs/k`, { k: 'v' })).body, { k: 'v' });
  t.is((await admin().del(`/types/${id}/extra_specs/k`)).status, 202);
  t.is((await admin().get(`/types/${id}/extra_specs/k`)).status, 404);

  const updated = await admin().put(`/types/${id}`, { volume_type: { description: 'self-service LVM' } });
  t.is(updated.body.volume_type.description, 'self-service LVM');
  t.is((await admin().get('/types/default')).body.volume_type.name, '__DEFAULT__');
  t.is((await admin().get(`/types/${id}/os-volume-type-access`)).status, 404, 'public types have no access list');

  const member = await alice().get(`/types/${id}`);
  t.deepEqual(member.body.volume_type.extra_specs, {}, 'members do not see backend specs');
  t.is((await admin().del(`/types/${id}`)).status, 202);
  t.deepEqual(await names('?is_public=None'), ['__DEFAULT__']);
});

test.serial('QoS specs: create, keys, associate by GET, associations, disassociate, delete with force', async (t) => {
  const type = (await admin().post('/types', { volume_type: { name: 'gold' } })).body.volume_type.id as string;
  const created = await admin().post('/qos-specs', { qos_specs: { name: 'read_qos', consumer: 'front-end', read_iops_sec: '1000' } });
  t.is(created.status, 200);
  const id = created.body.qos_specs.id as string;
  t.deepEqual(created.body.qos_specs, { id, name: 'read_qos', consumer: 'front-end', specs: { read_iops_sec: '1000' } });
  t.is(created.body.links[0].href, `http://127.0.0.1:${node.port}/v3/${project}/qos-specs/${id}`);

  t.deepEqual((await admin().put(`/qos-specs/${id}`, { qos_specs: { write_iops_sec: '500' } })).body, { qos_specs: { write_iops_sec: '500' } });
  t.is((await admin().put(`/qos-specs/${id}/delete_keys`, { keys: ['write_iops_sec'] })).status, 202);
  t.deepEqual((await admin().get('/qos-specs')).body, { qos_specs: [{ id, name: 'read_qos', consumer: 'front-end', specs: { read_iops_sec: '1000' } }] });

  t.is((await admin().get(`/qos-specs/${id}/associate`)).status, 400, 'needs vol_type_id');
  const assoc = await admin().get(`/qos-specs/${id}/associate?vol_type_id=${type}`);
  t.is(assoc.status, 202);
  t.is(assoc.text, '');
  t.deepEqual((await admin().get(`/qos-specs/${id}/associations`)).body, { qos_associations: [{ association_type: 'volume_type', name: 'gold', id: type }] });
  t.is((await admin().get(`/types/${type}`)).body.volume_type.qos_specs_id, id);

  t.is((await admin().del(`/qos-specs/${id}?force=False`)).status, 400, 'still associated');
  t.is((await admin().get(`/qos-specs/${id}/disassociate?vol_type_id=${type}`)).status, 202);
  t.is((await admin().get(`/qos-specs/${id}/associate?vol_type_id=${type}`)).status, 202);
  t.is((await admin().get(`/qos-specs/${id}/disassociate_all`)).status, 202);
  t.is((await admin().get(`/types/${type}`)).body.volume_type.qos_specs_id, null);
  t.is((await admin().get(`/qos-specs/${id}/associate?vol_type_id=${type}`)).status, 202);
  t.is((await admin().del(`/qos-specs/${id}?force=True`)).status, 202);
  t.is((await admin().get(`/qos-specs/${id}`)).status, 404);
  t.is((await alice().post('/qos-specs', { qos_specs: { name: 'mine' } })).status, 403);
});

test.serial('services: list, disable with a reason, enable', async (t) => {
  const list = await admin().get('/os-services');
  t.deepEqual(list.body.services.map((s: { binary: string; host: string }) => `${s.binary} ${s.host}`), ['cinder-scheduler test-node', 'cinder-volume test-node@file']);
  const disabled = await admin().put('/os-services/disable-log-reason', { host: 'test-node@file', binary: 'cinder-volume', disabled_reason: 'maintenance' });
  t.deepEqual(disabled.body, { disabled_reason: 'maintenance', disabled: true, host: 'test-node@file', service: '', binary: 'cinder-volume', status: 'disabled' });
  const row = (await admin().get('/os-services?binary=cinder-volume')).body.services[0];
  t.is(row.status, 'disabled');
  t.is(row.disabled_reason, 'maintenance');
  t.is((await admin().get('/os-availability-zone')).body.availabilityZoneInfo[0].zoneState.available, false);
  const enabled = await admin().put('/os-services/enable', { host: 'test-node@file', binary: 'cinder-volume' });
  t.is(enabled.body.status, 'enabled');
  t.is((await admin().put('/os-services/freeze', { host: 'test-node@file' })).status, 501);
  t.is((await admin().put('/os-services/disable', { host: 'nowhere', binary: 'cinder-volume' })).status, 404);
});

test.serial('pools, zones, limits and quotas', async (t) => {
  t.deepEqual((await admin().get('/scheduler-stats/get_pools')).body, { pools: [{ name: 'test-node@file#file' }] });
  const detail = (await admin().get('/scheduler-stats/get_pools?detail=True')).body.pools[0];
  t.is(detail.capabilities.volume_backend_name, 'file');
  t.is(typeof detail.capabilities.total_capacity_gb, 'number');
  t.deepEqual((await alice().get('/os-availability-zone')).body, { availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true } }] });

  const limits = (await alice().get('/limits')).body.limits;
  t.deepEqual(limits.rate, []);
  t.is(limits.absolute.maxTotalVolumes, -1);
  t.is(limits.absolute.totalVolumesUsed, 0);
  const quotas = (await alice().get('/os-quota-sets/projA?usage=True')).body.quota_set;
  t.is(quotas.id, 'projA');
  t.deepEqual(quotas.volumes, { limit: -1, in_use: 0, reserved: 0 });
  t.is((await admin().get('/os-quota-sets/projA/defaults')).body.quota_set.gigabytes, -1);
  t.is((await admin().put('/os-quota-sets/projA', { quota_set: { volumes: 5 } })).status, 501);
});
