/**
 * Debian's real `cinder` client (python3-cinderclient) driving the v3 attachment API of a Kiln
 * node whose backend attaches through the in-memory recording target; asserts the tables the
 * client prints and the volume status after every step (reserved → attaching → in-use → available).
 */
import test from 'ava';
import { tempDir, waitForVolume } from '../helpers/node.js';
import { startAttachNode, type AttachNode } from '../rest/attach-node.js';
import { parseTables, properties, table, findBinary, cinderRunner } from '../rest/cli.js';

const install = 'apt-get install python3-cinderclient';
const cinder = await findBinary('cinder');
const serial = cinder ? test.serial : test.skip;
const title = (t: string) => (cinder ? t : `${t} (skipped: ${install})`);

const project = '7b1e8d3fa0c94e6b8f2d5c4a3b2e1f00';
const alice = { user: 'alice', project: 'projA' };
const server = '9f2c7a86-5a63-4d55-9d0b-2f8a9e1c3b10';
const initiator = 'iqn.1993-08.org.debian:01:host1';
let node: AttachNode;
let home: Awaited<ReturnType<typeof tempDir>>;
const ids: { volume?: string; attachment?: string } = {};

test.before(async () => {
  if (!cinder) return;
  home = await tempDir('kiln-cinder-home-');
  node = await startAttachNode({ host: 'vm' });
});
test.after.always(async () => {
  await node?.cleanup();
  await home?.remove();
});

const { run, ok } = cinderRunner(cinder, { port: () => node.port, home: () => home.path, defaultCaller: { user: 'admin', project }, apiVersion: '3.44' });

async function createVolume(name: string, who?: { user: string; project: string }): Promise<string> {
  const id = properties(await ok(['create', '1', '--name', name], who)).id ?? '';
  await waitForVolume(node, id, ['available']);
  return id;
}

const status = (id: string | undefined) => node.readModel.get(id ?? '')?.status;
const attachmentKeys = ['attach_mode', 'attached_at', 'detached_at', 'id', 'instance', 'status', 'volume_id'];
const connectArgs = ['--connect', 'True', '--initiator', initiator, '--ip', '127.0.0.1', '--host', 'host1'];

serial(title('cinder attachment-create --connect True prints the attachment and its connection info'), async (t) => {
  ids.volume = await createVolume('vol-a');
  const out = await ok(['attachment-create', 'vol-a', server, ...connectArgs]);
  const [attachment, connection] = parseTables(out);
  const a = Object.fromEntries((attachment?.rows ?? []).map((r) => [r.Property, r.Value]));
  t.deepEqual(Object.keys(a), attachmentKeys, 'printed sorted, without connection_info');
  t.like(a, { attach_mode: 'rw', attached_at: '', detached_at: '', instance: server, status: 'attaching', volume_id: ids.volume });
  ids.attachment = a.id;
  const info = Object.fromEntries((connection?.rows ?? []).map((r) => [r.Property, r.Value]));
  t.is(info.driver_volume_type, 'iscsi');
  t.regex(info.data ?? '', new RegExp(`'target_iqn': 'iqn\\.2010-10\\.org\\.openstack:volume-${ids.volume}'.*'auth_method': 'CHAP'`));
  t.is(status(ids.volume), 'attaching');
  t.true(node.target.calls.includes(`connect ${initiator}`));
});

serial(title('cinder attachment-list and attachment-show'), async (t) => {
  const list = table(await ok(['attachment-list']));
  t.deepEqual(list.headers, ['ID', 'Volume ID', 'Status', 'Server ID']);
  t.deepEqual(list.rows, [{ ID: ids.attachment, 'Volume ID': ids.volume, Status: 'attaching', 'Server ID': server }]);
  const [shown, connection] = parseTables(await ok(['attachment-show', ids.attachment ?? '']));
  t.deepEqual(shown?.rows.map((r) => r.Property), attachmentKeys);
  t.like(properties(await ok(['attachment-show', ids.attachment ?? ''])), { id: ids.attachment ?? '', status: 'attaching' });
  t.deepEqual(connection?.rows.map((r) => r.Property), ['data', 'driver_volume_type']);
});

serial(title('cinder attachment-complete: the volume is in-use, and cinder list and show name the server'), async (t) => {
  t.is(await ok(['attachment-complete', ids.attachment ?? '']), '');
  t.is(status(ids.volume), 'in-use');
  const shown = properties(await ok(['attachment-show', ids.attachment ?? '']));
  t.is(shown.status, 'attached');
  t.regex(shown.attached_at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);

  const list = table(await ok(['list']));
  t.like(list.rows.find((r) => r.ID === ids.volume), { Status: 'in-use', Name: 'vol-a', 'Attached to': server });
  const volume = properties(await ok(['show', 'vol-a']));
  t.like(volume, { status: 'in-use', attached_servers: `['${server}']`, attachment_ids: `['${ids.attachment}']` });
});

serial(title('cinder delete of an in-use volume is refused'), async (t) => {
  const r = await run(['delete', 'vol-a']);
  t.is(r.exitCode, 1);
  t.regex(r.stderr, /Unable to delete any of the specified volumes/);
  t.is(status(ids.volume), 'in-use');
});

serial(title('cinder attachment-delete: the volume is available again and its target is gone'), async (t) => {
  t.is(await ok(['attachment-delete', ids.attachment ?? '']), '');
  t.is(status(ids.volume), 'available');
  t.is(node.target.exports.size, 0);
  t.deepEqual(table(await ok(['attachment-list'])).rows, []);
  t.like(table(await ok(['list'])).rows.find((r) => r.ID === ids.volume), { Status: 'available', 'Attached to': '' });
  const gone = await run(['attachment-show', ids.attachment ?? '']);
  t.is(gone.exitCode, 1);
  t.regex(gone.stderr, /could not be found\. \(HTTP 404\)/);
});

serial(title('cinder attachment-create without --connect reserves; attachment-update connects'), async (t) => {
  const reserved = properties(await ok(['attachment-create', 'vol-a', server]));
  t.like(reserved, { status: 'reserved', instance: server, volume_id: ids.volume ?? '' });
  t.is(status(ids.volume), 'reserved');

  const missing = await run(['attachment-update', reserved.id ?? '', '--ip', '127.0.0.2', '--host', 'host2']);
  t.is(missing.exitCode, 1);
  t.regex(missing.stderr, /connector\.initiator.*\(HTTP 400\)/);
  t.is(status(ids.volume), 'reserved');

  const out = await ok(['attachment-update', reserved.id ?? '', '--initiator', 'iqn.1993-08.org.debian:01:host2', '--ip', '127.0.0.2', '--host', 'host2']);
  const [updated, connection] = parseTables(out);
  t.like(Object.fromEntries((updated?.rows ?? []).map((r) => [r.Property, r.Value])), { id: reserved.id, status: 'attaching' });
  t.truthy(connection, 'the connection info is printed as a second table');
  t.is(status(ids.volume), 'attaching');
  t.is(await ok(['attachment-complete', reserved.id ?? '']), '');
  t.is(status(ids.volume), 'in-use');
  t.is(await ok(['attachment-delete', reserved.id ?? '']), '');
  t.is(status(ids.volume), 'available');
});

serial(title('a member sees only its project\'s attachments; an admin sees all with --all-tenants'), async (t) => {
  const volume = await createVolume('alice-vol', alice);
  const mine = properties(await ok(['attachment-create', 'alice-vol', server, ...connectArgs], alice));
  const theirs = properties(await ok(['attachment-create', 'vol-a', server]));
  const listed = async (args: string[], who?: typeof alice) => table(await ok(['attachment-list', ...args], who)).rows.map((r) => r.ID).sort();

  t.deepEqual(await listed([], alice), [mine.id]);
  t.deepEqual(await listed(['--all-tenants'], alice), [mine.id]);
  t.deepEqual(await listed([]), [theirs.id]);
  t.deepEqual(await listed(['--all-tenants']), [mine.id, theirs.id].sort());
  const denied = await run(['attachment-show', theirs.id ?? ''], alice);
  t.is(denied.exitCode, 1);
  t.regex(denied.stderr, /HTTP 404/);
  t.is((await run(['attachment-delete', theirs.id ?? ''], alice)).exitCode, 1);
  t.is(status(ids.volume), 'reserved');

  t.is(await ok(['attachment-delete', mine.id ?? ''], alice), '');
  t.is(await ok(['attachment-delete', theirs.id ?? '']), '');
  t.is(status(volume), 'available');
  t.is(status(ids.volume), 'available');
});
