import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { loadNodeOptions } from '../../src/config/node-config.js';
import { KilnError } from '../../src/model/errors.js';
import { conf } from './helpers.js';

const withDir = async (fn: (dir: string) => Promise<void>) => {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-config-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

test('loads a real file, resolving a relative path against cwd', async (t) => {
  await withDir(async (dir) => {
    await writeFile(join(dir, 'cinder.conf'), conf('[DEFAULT]', 'enabled_backends = a', 'my_ip = 10.0.0.1', '[a]'));
    const { options, warnings } = await loadNodeOptions({ configFile: 'cinder.conf', flags: {}, env: {}, cwd: dir, hostname: 'h' });
    t.deepEqual(options.backends.map((b) => [b.name, b.volumesDir]), [['a', join(dir, 'data', 'volumes', 'a')]]);
    t.deepEqual(warnings.map((w) => [w.file, w.line, w.key]), [['cinder.conf', 3, 'my_ip']]);
  });
});

test('KILN_CONFIG names the file when no config file is given', async (t) => {
  await withDir(async (dir) => {
    const file = join(dir, 'kiln.conf');
    await writeFile(file, conf('[DEFAULT]', 'default_volume_type = gold'));
    const { options } = await loadNodeOptions({ flags: {}, env: { KILN_CONFIG: file }, cwd: '/', hostname: 'h' });
    t.is(options.defaultVolumeType, 'gold');
  });
});

test('problems in a real file name that file', async (t) => {
  await withDir(async (dir) => {
    const file = join(dir, 'cinder.conf');
    await writeFile(file, conf('[DEFAULT]', 'debug = perhaps'));
    const err = await t.throwsAsync(loadNodeOptions({ configFile: file, flags: {}, env: {}, cwd: dir, hostname: 'h' }), { instanceOf: KilnError });
    t.true(err?.message.includes(`${file}:2: [DEFAULT] debug: "perhaps" is not a boolean`));
  });
});

test('a missing file is a config problem naming the file', async (t) => {
  await withDir(async (dir) => {
    const file = join(dir, 'absent.conf');
    const err = await t.throwsAsync(loadNodeOptions({ configFile: file, flags: {}, env: {}, cwd: dir, hostname: 'h' }), { instanceOf: KilnError });
    t.is(err?.code, 'ERR_CONFIG');
    t.deepEqual(err?.details?.['problems'], [{ file, line: 0, key: '', message: 'cannot read config file: no such file' }]);
    t.true(err?.message.includes(`${file}: cannot read config file: no such file`));
  });
});

test('no config file at all gives the zero-config node', async (t) => {
  const { options, warnings } = await loadNodeOptions({ flags: {}, env: {}, cwd: '/srv/k', hostname: 'h' });
  t.like(options, { host: 'h', dataDir: '/srv/k/data', port: 8776 });
  t.deepEqual(warnings, []);
});
