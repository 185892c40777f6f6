import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { invalidParams, notFound } from '../../src/model/errors.js';
import { closedPort, emptyDir, kiln, kilnAt, startFakeNode, volume, volumeEvent } from './fake-node.js';

test('the token comes from --token before KILN_TOKEN', async (t) => {
  const node = await startFakeNode({ 'type.list': () => [] });
  const r = await kiln(['type-list', '--url', node.url, '--token', node.token], { KILN_TOKEN: 'stale' });
  t.is(r.code, 0, r.stderr);
  await node.close();
});

test('on the node host, kiln finds the endpoint and token in ./data', async (t) => {
  const node = await startFakeNode({ 'type.list': () => [] });
  const cwd = emptyDir();
  mkdirSync(join(cwd, 'data'));
  writeFileSync(join(cwd, 'data', 'endpoint'), `${node.url}\n`);
  writeFileSync(join(cwd, 'data', 'admin-token'), `${node.token}\n`, { mode: 0o600 });
  const r = await kiln(['type-list'], {}, cwd);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(node.methods(), ['type.list']);
  await node.close();
});

test('with no token anywhere, kiln says how to give one and exits 1', async (t) => {
  const cwd = emptyDir();
  const r = await kiln(['list'], {}, cwd);
  t.is(r.code, 1);
  t.is(r.stderr, `ERROR: no token: pass --token, set KILN_TOKEN, or run kiln on the node's host (looked in ${join(cwd, 'data', 'admin-token')})\n`);
});

test('a refused token exits 1 with the 401', async (t) => {
  const node = await startFakeNode();
  const r = await kiln(['list'], { KILN_URL: node.url, KILN_TOKEN: 'wrong' });
  t.is(r.code, 1);
  t.is(r.stderr, `ERROR: the Kiln node at ${node.url} refused the token (HTTP 401)\n`);
  await node.close();
});

test('an unreachable node exits 1 naming the url', async (t) => {
  const url = `ws://127.0.0.1:${await closedPort()}/ws`;
  const r = await kiln(['list'], { KILN_URL: url, KILN_TOKEN: 't' });
  t.is(r.code, 1);
  t.regex(r.stderr, new RegExp(`^ERROR: cannot reach Kiln node at ${url}: .*ECONNREFUSED`));
});

test('a JSON-RPC error exits 1 with its message, and its field when it has one', async (t) => {
  const node = await startFakeNode({
    'volume.show': () => { throw notFound('Volume', 'nope'); },
    'volume.create': () => { throw invalidParams('volumeType', 'Volume type gold could not be found.'); },
  });
  const show = await kilnAt(node, ['show', 'nope']);
  t.is(show.code, 1);
  t.is(show.stderr, 'ERROR: Volume nope could not be found.\n');
  t.is(show.stdout, '');
  const create = await kilnAt(node, ['create', '1', '--volume-type', 'gold']);
  t.is(create.stderr, 'ERROR: Volume type gold could not be found. (field: volumeType)\n');
  await node.close();
});

test('--json prints the result as JSON, wherever it is typed', async (t) => {
  const v = volume();
  const node = await startFakeNode({ 'volume.show': () => v, 'volume.list': () => [v] });
  const after = await kilnAt(node, ['show', 'vol1', '--json']);
  t.deepEqual(JSON.parse(after.stdout), v);
  const before = await kilnAt(node, ['--json', 'list']);
  t.deepEqual(JSON.parse(before.stdout), [v]);
  await node.close();
});

test('--json reports an error as JSON on stderr, leaving stdout empty', async (t) => {
  const node = await startFakeNode({ 'volume.show': () => { throw notFound('Volume', 'nope'); } });
  const r = await kilnAt(node, ['show', 'nope', '--json']);
  t.is(r.code, 1);
  t.is(r.stdout, '');
  t.like(JSON.parse(r.stderr), { error: { code: 'ERR_NOT_FOUND', message: 'Volume nope could not be found.' } });
  await node.close();
});

test('usage errors exit 2 with commander\'s message and call nothing', async (t) => {
  const node = await startFakeNode();
  const badSize = await kilnAt(node, ['create', 'abc']);
  t.is(badSize.code, 2);
  t.regex(badSize.stderr, /error: command-argument value 'abc' is invalid for argument 'size'\. must be a positive integer/);
  const missing = await kilnAt(node, ['show']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /error: missing required argument 'volume'/);
  t.is((await kilnAt(node, ['frobnicate'])).code, 2);
  t.is((await kilnAt(node, [])).code, 2);
  t.deepEqual(node.calls, []);
  await node.close();
});

test('a bad key=value pair is a usage error that names the pair', async (t) => {
  const node = await startFakeNode();
  const r = await kilnAt(node, ['type-key', 'gold', 'set', 'volume_backend_name']);
  t.is(r.code, 2);
  t.is(r.stderr, "error: bad key=value pair 'volume_backend_name': expected key=value\n");
  t.is((await kilnAt(node, ['create', '1', '--metadata', '=x'])).code, 2);
  t.deepEqual(node.calls, []);
  await node.close();
});

test('help is success and goes to stdout', async (t) => {
  const r = await kiln(['help', 'create']);
  t.is(r.code, 0);
  t.regex(r.stdout, /Usage: kiln create \[options\] <size>/);
  t.regex(r.stdout, /--json/);
  t.is((await kiln(['--help'])).code, 0);
});

test('create --wait follows events to available and shows the settled volume', async (t) => {
  const creating = volume({ status: 'creating', host: null });
  const node = await startFakeNode({
    'volume.create': () => creating,
    'volume.show': (_p, conn) => {
      setTimeout(() => conn.push(volumeEvent(volume({ status: 'available' }))), 20);
      return creating;
    },
  });
  const r = await kilnAt(node, ['create', '1', '--wait']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(node.methods(), ['volume.create', 'subscribe', 'volume.show']);
  t.deepEqual(node.calls[2]?.params, { volume: creating.id });
  t.regex(r.stdout, /\| status +\| available +\|/);
  t.is(r.stderr, '', 'no spinner when not on a terminal');
  await node.close();
});

test('create --wait exits 1 with the error reason when the volume ends in error', async (t) => {
  const creating = volume({ status: 'creating' });
  const failed = volume({ status: 'error', errorReason: 'No valid backend was found. 0 of 1 pools had 10 GiB free.' });
  const node = await startFakeNode({
    'volume.create': () => creating,
    'volume.show': (_p, conn) => { setTimeout(() => conn.push(volumeEvent(failed)), 20); return creating; },
  });
  const r = await kilnAt(node, ['create', '10', '--wait']);
  t.is(r.code, 1);
  t.is(r.stderr, `ERROR: volume ${creating.id} failed to create: No valid backend was found. 0 of 1 pools had 10 GiB free. (status error)\n`);
  t.regex(r.stdout, /\| error_reason +\| No valid backend/);
  await node.close();
});

test('delete --wait returns once the deleted event arrives', async (t) => {
  const deleting = volume({ status: 'deleting' });
  const node = await startFakeNode({
    'volume.delete': () => deleting,
    'volume.show': (_p, conn) => { setTimeout(() => conn.push(volumeEvent(deleting, true)), 20); return deleting; },
  });
  const r = await kilnAt(node, ['delete', 'vol1', '--wait']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(node.methods(), ['volume.delete', 'subscribe', 'volume.show']);
  await node.close();
});

test('extend --wait exits 1 when the extend fails', async (t) => {
  const node = await startFakeNode({
    'volume.extend': () => volume({ status: 'extending' }),
    'volume.show': () => volume({ status: 'error_extending', errorReason: 'out of space' }),
  });
  const r = await kilnAt(node, ['extend', 'vol1', '20', '--wait']);
  t.is(r.code, 1);
  t.regex(r.stderr, /^ERROR: volume vol1 failed to extend: out of space \(status error_extending\)/);
  await node.close();
});

test('--timeout bounds each call and says the outcome is unknown', async (t) => {
  const node = await startFakeNode({ 'volume.delete': () => new Promise(() => {}) });
  const r = await kilnAt(node, ['--timeout', '1', 'delete', 'vol1']);
  t.is(r.code, 1);
  t.regex(r.stderr, /volume\.delete: no answer within 1000 ms; the outcome is unknown/);
  await node.close();
});
