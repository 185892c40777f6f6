import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf, defaultUrl, resolveConnection } from '../../src/cli/connection.js';
import { KilnError } from '../../src/model/errors.js';
import { emptyDir } from './fake-node.js';

/** A cwd whose ./data holds what a node writes there. */
function nodeHost(dir = emptyDir()): string {
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'admin-token'), 'file-token\n', { mode: 0o600 });
  writeFileSync(join(dir, 'data', 'endpoint'), 'ws://10.0.0.1:8776/ws\n');
  return dir;
}

test('flags beat the environment, which beats the data directory files', async (t) => {
  const cwd = nodeHost();
  const env = { KILN_URL: 'ws://env:1/ws', KILN_TOKEN: 'env-token' };
  t.like(await resolveConnection({ url: 'ws://flag:1/ws', token: 'flag-token' }, env, cwd), {
    url: 'ws://flag:1/ws', token: 'flag-token', urlSource: 'flag', tokenSource: 'flag',
  });
  t.like(await resolveConnection({}, env, cwd), { url: 'ws://env:1/ws', token: 'env-token', urlSource: 'env', tokenSource: 'env' });
  t.like(await resolveConnection({}, {}, cwd), { url: 'ws://10.0.0.1:8776/ws', token: 'file-token', urlSource: 'file', tokenSource: 'file' });
});

test('empty flags and variables count as absent', async (t) => {
  const cwd = nodeHost();
  t.like(await resolveConnection({ token: '' }, { KILN_TOKEN: ' ' }, cwd), { token: 'file-token' });
});

test('the data directory is --data-dir, else KILN_DATA, else ./data, relative to the cwd', (t) => {
  t.is(dataDirOf({ dataDir: 'd1' }, { KILN_DATA: '/srv/kiln' }, '/home/op'), join('/home/op', 'd1'));
  t.is(dataDirOf({}, { KILN_DATA: '/srv/kiln' }, '/home/op'), '/srv/kiln');
  t.is(dataDirOf({}, {}, '/home/op'), join('/home/op', 'data'));
});

test('files are read from the chosen data directory', async (t) => {
  const cwd = nodeHost();
  t.like(await resolveConnection({}, { KILN_DATA: join(cwd, 'data') }, emptyDir()), { token: 'file-token' });
  t.like(await resolveConnection({ dataDir: 'data' }, {}, cwd), { token: 'file-token' });
});

test('without an endpoint file the default url is used', async (t) => {
  t.like(await resolveConnection({ token: 't' }, {}, emptyDir()), { url: defaultUrl, urlSource: 'default' });
});

test('no token anywhere names every way to give one and where it looked', async (t) => {
  const cwd = emptyDir();
  const err = await t.throwsAsync(resolveConnection({}, {}, cwd), { instanceOf: KilnError });
  t.is(err?.message, `no token: pass --token, set KILN_TOKEN, or run kiln on the node's host (looked in ${join(cwd, 'data', 'admin-token')})`);
  t.is(err?.code, 'ERR_CONFIG');
});
