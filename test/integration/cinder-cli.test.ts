/**
 * Debian's real `cinder` client (python3-cinderclient) driving a Kiln node in noauth mode, with
 * the commands of the issue; asserts the tables it prints and the state the node ends in.
 */
import test from 'ava';
import { fileBackend, startTestNode, tempDir, waitForVolume, admin } from '../helpers/node.js';
import { findBinary, parseTables, properties, table, cinderRunner } from '../rest/cli.js';

const install = 'apt-get install python3-cinderclient';
const cinder = await findBinary('cinder');
const serial = cinder ? test.serial : test.skip;
const title = (t: string) => (cinder ? t : `${t} (skipped: ${install})`);

const project = '7b1e8d3fa0c94e6b8f2d5c4a3b2e1f00';
let node: Awaited<ReturnType<typeof startTestNode>>;
let home: Awaited<ReturnType<typeof tempDir>>;
const ids: { type?: string; qos?: string; volume?: string } = {};

test.before(async () => {
  if (!cinder) return;
  home = await tempDir('kiln-cinder-home-');
  const dir = await tempDir();
  // A backend named as in the issue, so `type-key … volume_backend_name=LVM_iSCSI` places volumes on it.
  node = await startTestNode({ authStrategy: 'noauth', host: 'vm', backends: [fileBackend(dir.path, 'LVM_iSCSI')] }, dir.path);
});
test.after.always(async () => {
  await node?.cleanup();
  await home?.remove();
});

const { run, ok } = cinderRunner(cinder, { port: () => node.port, home: () => home.path, defaultCaller: { user: 'admin', project } });

serial(title('cinder version-list shows the server range 3.0–3.70'), async (t) => {
  const tables = parseTables(await ok(['version-list']));
  t.deepEqual(tables[0]?.headers, ['Id', 'Status', 'Updated', 'Min Version', 'Version']);
  t.deepEqual(tables[0]?.rows[0], { Id: 'v3.0', Status: 'CURRENT', Updated: '2022-08-31T00:00:00Z', 'Min Version': '3.0', Version: '3.70' });
});

serial(title('cinder type-create, type-list, type-key set, extra-specs-list'), async (t) => {
  const created = table(await ok(['type-create', 'lvm-self']));
  t.deepEqual(created.headers, ['ID', 'Name', 'Description', 'Is_Public']);
  t.like(created.rows[0], { Name: 'lvm-self', Description: '-', Is_Public: 'True' });
  ids.type = created.rows[0]?.ID;

  const types = table(await ok(['type-list']));
  t.deepEqual(types.headers, ['ID', 'Name', 'Description', 'Is_Public']);
  t.deepEqual(types.rows.map((r) => r.Name).sort(), ['__DEFAULT__', 'lvm-self']);

  t.is(await ok(['type-key', 'lvm-self', 'set', 'volume_backend_name=LVM_iSCSI']), '');
  const specs = table(await ok(['extra-specs-list']));
  t.deepEqual(specs.headers, ['ID', 'Name', 'extra_specs']);
  t.is(specs.rows.find((r) => r.Name === 'lvm-self')?.extra_specs, "{'volume_backend_name': 'LVM_iSCSI'}");
  t.deepEqual(node.operations.catalog.showType(admin, { type: 'lvm-self' }).extraSpecs, { volume_backend_name: 'LVM_iSCSI' });
});

serial(title('cinder create 1 --volume-type=lvm-self --name volume3'), async (t) => {
  const shown = properties(await ok(['create', '1', '--volume-type=lvm-self', '--name', 'volume3']));
  t.like(shown, { name: 'volume3', size: '1', volume_type: 'lvm-self', bootable: 'false', encrypted: 'False', user_id: 'admin',
    'os-vol-tenant-attr:tenant_id': project, consumes_quota: 'True', volume_type_id: ids.type ?? '' });
  t.true(['creating', 'available'].includes(shown.status ?? ''));
  ids.volume = shown.id;
  t.is(await waitForVolume(node, shown.id ?? '', ['available', 'error']), 'available');
  t.is(node.readModel.get(shown.id ?? '')?.host, 'vm@LVM_iSCSI#LVM_iSCSI');
});

serial(title('cinder qos-create, qos-associate, qos-list, qos-get-association'), async (t) => {
  const qos = properties(await ok(['qos-create', 'read_qos', 'consumer=front-end', 'read_iops_sec=1000']));
  t.like(qos, { name: 'read_qos', consumer: 'front-end', specs: 'read_iops_sec : 1000' });
  ids.qos = qos.id;
  t.is(await ok(['qos-associate', ids.qos ?? '', ids.type ?? '']), '');
  t.is(node.operations.catalog.showType(admin, { type: 'lvm-self' }).qosSpecsId, ids.qos ?? null);

  const list = table(await ok(['qos-list']));
  t.deepEqual(list.headers, ['ID', 'Name', 'Consumer', 'specs']);
  t.deepEqual(list.rows[0], { ID: ids.qos, Name: 'read_qos', Consumer: 'front-end', specs: "{'read_iops_sec': '1000'}" });
  const assoc = table(await ok(['qos-get-association', ids.qos ?? '']));
  t.deepEqual(assoc.rows, [{ Association_Type: 'volume_type', Name: 'lvm-self', ID: ids.type }]);
});

serial(title('cinder list and cinder show volume3'), async (t) => {
  const list = table(await ok(['list']));
  t.deepEqual(list.headers, ['ID', 'Status', 'Name', 'Size', 'Consumes Quota', 'Volume Type', 'Bootable', 'Attached to']);
  t.deepEqual(list.rows, [{ ID: ids.volume, Status: 'available', Name: 'volume3', Size: '1', 'Consumes Quota': 'True',
    'Volume Type': 'lvm-self', Bootable: 'false', 'Attached to': '' }]);

  const show = properties(await ok(['show', 'volume3']));
  t.deepEqual(Object.keys(show).sort(), [
    'attached_servers', 'attachment_ids', 'availability_zone', 'bootable', 'cluster_name', 'consistencygroup_id', 'consumes_quota',
    'created_at', 'description', 'encrypted', 'group_id', 'id', 'metadata', 'migration_status', 'multiattach', 'name',
    'os-vol-host-attr:host', 'os-vol-mig-status-attr:migstat', 'os-vol-mig-status-attr:name_id', 'os-vol-tenant-attr:tenant_id',
    'provider_id', 'replication_status', 'service_uuid', 'shared_targets', 'size', 'snapshot_id', 'source_volid', 'status',
    'updated_at', 'user_id', 'volume_type', 'volume_type_id',
  ]);
  t.like(show, { id: ids.volume ?? '', status: 'available', 'os-vol-host-attr:host': 'vm@LVM_iSCSI#LVM_iSCSI', attached_servers: '[]' });
  t.regex(show.created_at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
});

serial(title('the table follows the microversion: 3.0 has no Consumes Quota column'), async (t) => {
  const list = table(await ok(['--os-volume-api-version', '3.0', 'list']));
  t.deepEqual(list.headers, ['ID', 'Status', 'Name', 'Size', 'Volume Type', 'Bootable', 'Attached to']);
});

serial(title('cinder extend volume3 2'), async (t) => {
  t.is(await ok(['extend', 'volume3', '2']), '');
  await waitForVolume(node, ids.volume ?? '', ['available', 'error_extending']);
  t.is(node.readModel.get(ids.volume ?? '')?.sizeGiB, 2);
  t.like(properties(await ok(['show', 'volume3'])), { size: '2', status: 'available' });
});

serial(title('cinder get-pools and get-pools --detail'), async (t) => {
  t.deepEqual(properties(await ok(['get-pools'])), { name: 'vm@LVM_iSCSI#LVM_iSCSI' });
  const pool = properties(await ok(['get-pools', '--detail']));
  t.like(pool, { name: 'vm@LVM_iSCSI#LVM_iSCSI', pool_name: 'LVM_iSCSI', volume_backend_name: 'LVM_iSCSI', backend_state: 'up',
    total_volumes: '1', provisioned_capacity_gb: '2', QoS_support: 'False' });
});

serial(title('cinder service-list'), async (t) => {
  const services = table(await ok(['service-list']));
  t.deepEqual(services.headers, ['Binary', 'Host', 'Zone', 'Status', 'State', 'Updated_at', 'Cluster', 'Disabled Reason', 'Backend State']);
  t.like(services.rows.find((r) => r.Binary === 'cinder-volume'), { Host: 'vm@LVM_iSCSI', Zone: 'nova', Status: 'enabled', State: 'up', 'Backend State': 'up' });
  t.like(services.rows.find((r) => r.Binary === 'cinder-scheduler'), { Host: 'vm', Status: 'enabled', State: 'up' });
});

serial(title('a member sees only its project, and finds its volumes by name'), async (t) => {
  const alice = { user: 'alice', project: 'projA' };
  properties(await ok(['create', '1', '--name', 'alice-vol'], alice));
  const mine = table(await ok(['list'], alice));
  t.deepEqual(mine.rows.map((r) => r.Name), ['alice-vol']);
  t.is(properties(await ok(['show', 'alice-vol'], alice)).name, 'alice-vol');
  const denied = await run(['show', 'volume3'], alice);
  t.is(denied.exitCode, 1);
  t.regex(denied.stderr, /No volume with a name or ID of 'volume3' exists/);
  const forbidden = await run(['get-pools'], alice);
  t.is(forbidden.exitCode, 1);
  t.regex(forbidden.stderr, /HTTP 403/);
});

serial(title('cinder delete volume3'), async (t) => {
  t.is((await ok(['delete', 'volume3'])).trim(), 'Request to delete volume volume3 has been accepted.');
  t.is(await waitForVolume(node, ids.volume ?? '', ['deleted', 'error_deleting']), 'deleted');
  t.deepEqual(table(await ok(['list'])).rows, []);
});

serial(title('cinder qos-disassociate, qos-delete, type-delete'), async (t) => {
  t.is(await ok(['qos-disassociate', ids.qos ?? '', ids.type ?? '']), '');
  t.is(await ok(['qos-delete', ids.qos ?? '']), '');
  t.deepEqual(node.operations.catalog.listQos(admin), []);
  t.is((await ok(['type-delete', 'lvm-self'])).trim(), 'Request to delete volume type lvm-self has been accepted.');
  t.deepEqual(table(await ok(['type-list'])).rows.map((r) => r.Name), ['__DEFAULT__']);
});
