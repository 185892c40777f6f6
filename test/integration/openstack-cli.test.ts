/**
 * Debian's real `openstack` client (python3-openstackclient) driving a Kiln node.
 *
 * openstackclient builds an image client before every `volume create` and discovers its
 * version; with cinderclient's `noauth` plugin that discovery cannot work (against Cinder too),
 * so these tests use keystoneauth's `admin_token` plugin with Cinder's noauth token
 * ("user:project") and point the image endpoint at a stub that only answers version discovery.
 * Kiln has no image service; no image call is made.
 */
import { createServer, type Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { tokenAuthenticator } from '../../src/api/auth.js';
import { startTestNode, tempDir, waitForVolume, admin } from '../helpers/node.js';
import { findBinary, properties, runCli, table } from '../rest/cli.js';

const install = 'apt-get install python3-openstackclient';
const openstack = await findBinary('openstack');
const serial = openstack ? test.serial : test.skip;
const title = (t: string) => (openstack ? t : `${t} (skipped: ${install})`);

const project = '7b1e8d3fa0c94e6b8f2d5c4a3b2e1f00';
let node: Awaited<ReturnType<typeof startTestNode>>;
let home: Awaited<ReturnType<typeof tempDir>>;
let imageStub: Server;

function startImageStub(): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    const port = (server.address() as { port: number }).port;
    res.writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `http://127.0.0.1:${port}/v2/` }] }] }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

function cloud(token: string, projectId: string, imagePort: number): string {
  return [
    '    auth_type: admin_token',
    '    auth:',
    `      endpoint: http://127.0.0.1:${node.port}/v3/${projectId}`,
    `      token: "${token}"`,
    "    volume_api_version: '3'",
    `    image_endpoint_override: http://127.0.0.1:${imagePort}/`,
  ].join('\n');
}

test.before(async () => {
  if (!openstack) return;
  node = await startTestNode({ authStrategy: 'noauth' });
  home = await tempDir('kiln-osc-home-');
  const stub = await startImageStub();
  imageStub = stub.server;
  // A member with a Kiln-issued project token (X-Auth-Token), next to Cinder's noauth admin.
  const memberToken = tokenAuthenticator(node.adminToken).issue({ projectId: 'projA', userId: 'alice', isAdmin: false });
  await writeFile(join(home.path, 'clouds.yaml'),
    `clouds:\n  kiln:\n${cloud(`admin:${project}`, project, stub.port)}\n  kiln-member:\n${cloud(memberToken, 'projA', stub.port)}\n`);
});
test.after.always(async () => {
  imageStub?.close();
  await node?.cleanup();
  await home?.remove();
});

async function osc(args: string[], cloudName = 'kiln'): Promise<string> {
  const r = await runCli(openstack ?? 'openstack', args, {
    HOME: home.path, OS_CLIENT_CONFIG_FILE: join(home.path, 'clouds.yaml'), OS_CLOUD: cloudName,
  });
  if (r.exitCode !== 0) throw new Error(`openstack ${args.join(' ')} exited ${r.exitCode}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

serial(title('openstack volume type create, list, show, set, delete'), async (t) => {
  const created = properties(await osc(['volume', 'type', 'create', 'gold', '--property', 'volume_backend_name=file']));
  t.like(created, { name: 'gold', is_public: 'True', properties: "volume_backend_name='file'" });
  const list = table(await osc(['volume', 'type', 'list', '--long']));
  t.deepEqual(list.headers, ['ID', 'Name', 'Is Public', 'Description', 'Properties']);
  t.deepEqual(list.rows.map((r) => r.Name).sort(), ['__DEFAULT__', 'gold']);
  await osc(['volume', 'type', 'set', '--description', 'fast', '--property', 'tier=1', 'gold']);
  t.like(properties(await osc(['volume', 'type', 'show', 'gold'])), { description: 'fast', properties: "tier='1', volume_backend_name='file'" });
  await osc(['volume', 'type', 'unset', '--property', 'tier', 'gold']);
  t.deepEqual(node.operations.catalog.showType({ projectId: project, userId: 'admin', isAdmin: true }, { type: 'gold' }).extraSpecs,
    { volume_backend_name: 'file' });
});

serial(title('openstack volume create, list, show, set, delete'), async (t) => {
  const created = properties(await osc(['volume', 'create', '--size', '1', '--type', 'gold', 'vol1']));
  t.like(created, { name: 'vol1', size: '1', type: 'gold', bootable: 'false' });
  t.is(await waitForVolume(node, created.id ?? '', ['available', 'error']), 'available');

  const list = table(await osc(['volume', 'list']));
  t.deepEqual(list.headers, ['ID', 'Name', 'Status', 'Size', 'Attached to']);
  t.deepEqual(list.rows, [{ ID: created.id, Name: 'vol1', Status: 'available', Size: '1', 'Attached to': '' }]);

  const shown = properties(await osc(['volume', 'show', 'vol1']));
  t.like(shown, { id: created.id ?? '', status: 'available', type: 'gold', 'os-vol-host-attr:host': 'test-node@file#file',
    'os-vol-tenant-attr:tenant_id': project });

  await osc(['volume', 'set', '--name', 'vol2', '--property', 'k=v', '--size', '2', 'vol1']);
  await waitForVolume(node, created.id ?? '', ['available']);
  t.like(node.readModel.get(created.id ?? ''), { name: 'vol2', metadata: { k: 'v' } });
  t.like(properties(await osc(['volume', 'show', 'vol2'])), { properties: "k='v'", size: '2' });

  await osc(['volume', 'delete', 'vol2']);
  t.is(await waitForVolume(node, created.id ?? '', ['deleted', 'error_deleting']), 'deleted');
});

serial(title('openstack volume qos and volume service list'), async (t) => {
  const qos = properties(await osc(['volume', 'qos', 'create', '--consumer', 'front-end', '--property', 'read_iops_sec=1000', 'read_qos']));
  t.like(qos, { name: 'read_qos', consumer: 'front-end', properties: "read_iops_sec='1000'" });
  await osc(['volume', 'qos', 'associate', 'read_qos', 'gold']);
  const list = table(await osc(['volume', 'qos', 'list']));
  t.deepEqual(list.headers, ['ID', 'Name', 'Consumer', 'Associations', 'Properties']);
  t.like(list.rows[0], { Name: 'read_qos', Associations: 'gold' });
  await osc(['volume', 'qos', 'delete', '--force', 'read_qos']);
  t.deepEqual(node.operations.catalog.listQos(admin), []);

  const services = table(await osc(['volume', 'service', 'list']));
  t.deepEqual(services.headers, ['Binary', 'Host', 'Zone', 'Status', 'State', 'Updated At']);
  t.deepEqual(services.rows.map((r) => `${r.Binary} ${r.Host} ${r.State}`), ['cinder-scheduler test-node up', 'cinder-volume test-node@file up']);
  await osc(['volume', 'type', 'delete', 'gold']);
});

serial(title('a member with a Kiln token sees only its own volumes'), async (t) => {
  const mine = properties(await osc(['volume', 'create', '--size', '1', 'alice-vol'], 'kiln-member'));
  await waitForVolume(node, mine.id ?? '', ['available']);
  t.is(node.readModel.get(mine.id ?? '')?.projectId, 'projA');
  t.deepEqual(table(await osc(['volume', 'list'], 'kiln-member')).rows.map((r) => r.Name), ['alice-vol']);
  t.is((await osc(['volume', 'list'])).trim(), '', 'the admin project has none (openstack prints nothing for an empty list)');
  t.true(table(await osc(['volume', 'list', '--all-projects'])).rows.some((r) => r.Name === 'alice-vol'));
});
