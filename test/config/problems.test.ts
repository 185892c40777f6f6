import test from 'ava';
import { KilnError } from '../../src/model/errors.js';
import { build, conf, problemsOf, rows } from './helpers.js';

test('every impossible value is reported with its line, section and key, all at once', (t) => {
  const problems = problemsOf(t, () => build(conf(
    '[DEFAULT]',
    'enabled_backends = a',
    'osapi_volume_listen_port = 70000',
    'osapi_volume_listen = not a host',
    'report_interval = soon',
    'service_down_time = 0',
    'scheduler_max_attempts = 1.5',
    'debug = maybe',
    'host = node@a',
    'auth_strategy = magic',
    'default_volume_type =',
    '[a]',
    'reserved_percentage = 101',
    'max_over_subscription_ratio = 0.5',
    'volume_clear = shred',
    'iscsi_port = 0',
  )));
  t.deepEqual(rows(problems), [
    [3, 'DEFAULT', 'osapi_volume_listen_port', '"70000" is not a port (must be an integer 1..65535)'],
    [4, 'DEFAULT', 'osapi_volume_listen', '"not a host" is not an IP address or host name'],
    [5, 'DEFAULT', 'report_interval', '"soon" is not an integer'],
    [6, 'DEFAULT', 'service_down_time', '0 is out of range (must be at least 1)'],
    [7, 'DEFAULT', 'scheduler_max_attempts', '"1.5" is not an integer'],
    [8, 'DEFAULT', 'debug', '"maybe" is not a boolean (use true/false, yes/no, on/off or 1/0)'],
    [9, 'DEFAULT', 'host', '"node@a" is not a usable host name (no spaces, @ or #)'],
    [10, 'DEFAULT', 'auth_strategy', '"magic" is not one of noauth, noauth_include_project_id, keystone, kiln'],
    [11, 'DEFAULT', 'default_volume_type', 'must not be empty'],
    [13, 'a', 'reserved_percentage', '"101" is not a percentage (must be an integer 0..100)'],
    [14, 'a', 'max_over_subscription_ratio', '0.5 is out of range (must be at least 1)'],
    [15, 'a', 'volume_clear', '"shred" is not one of none, zero'],
    [16, 'a', 'iscsi_port', '"0" is not a port (must be an integer 1..65535)'],
  ]);
  t.true(problems.every((p) => p.file === 'cinder.conf'));
});

test('the error message lists each problem as file:line: [section] key: message', (t) => {
  const err = t.throws(() => build(conf('[DEFAULT]', 'enabled_backends = a', '[a]', 'reserved_percentage = -1')), { instanceOf: KilnError });
  t.is(err?.code, 'ERR_CONFIG');
  t.is(err?.message, [
    'invalid configuration (1 problem):',
    '  cinder.conf:4: [a] reserved_percentage: "-1" is not a percentage (must be an integer 0..100)',
  ].join('\n'));
});

test('an enabled backend without a section is reported at the enabled_backends line', (t) => {
  const problems = problemsOf(t, () => build(conf('# header', '[DEFAULT]', 'enabled_backends = lvm, ceph', '[lvm2]', 'volume_driver = file')));
  t.deepEqual(rows(problems), [
    [3, 'DEFAULT', 'enabled_backends', 'backend lvm has no [lvm] section (did you mean [lvm2]?)'],
    [3, 'DEFAULT', 'enabled_backends', 'backend ceph has no [ceph] section'],
  ]);
});

test('an empty or repetitive enabled_backends is a problem', (t) => {
  t.deepEqual(rows(problemsOf(t, () => build(conf('[DEFAULT]', 'enabled_backends =')))), [
    [2, 'DEFAULT', 'enabled_backends', 'must list at least one name'],
  ]);
  t.deepEqual(rows(problemsOf(t, () => build(conf('[DEFAULT]', 'enabled_backends = a,a', '[a]')))), [
    [2, 'DEFAULT', 'enabled_backends', 'lists a backend more than once'],
  ]);
  t.deepEqual(rows(problemsOf(t, () => build(conf('[DEFAULT]', 'enabled_backends = a@b')))), [
    [2, 'DEFAULT', 'enabled_backends', 'backend name a@b must not contain @ or #'],
  ]);
  t.deepEqual(rows(problemsOf(t, () => build(conf('[DEFAULT]', 'enabled_backends = DEFAULT')))), [
    [2, 'DEFAULT', 'enabled_backends', 'backend name DEFAULT is reserved'],
  ]);
});

test('a mistyped key is an error naming file, line, section and key, with a suggestion', (t) => {
  const problems = problemsOf(t, () => build(conf(
    '[DEFAULT]',
    'enabled_backends = lvm',
    'defualt_volume_type = x',
    '[lvm]',
    'volum_driver = file',
    'volume_groop = vg',
    'frobnicate = 1',
  )));
  t.deepEqual(rows(problems), [
    [3, 'DEFAULT', 'defualt_volume_type', 'unknown option (did you mean default_volume_type?)'],
    [5, 'lvm', 'volum_driver', 'unknown option (did you mean volume_driver?)'],
    [6, 'lvm', 'volume_groop', 'unknown option (did you mean volume_group?)'],
    [7, 'lvm', 'frobnicate', 'unknown option'],
  ]);
});

test('a near-miss of a used key is an error even inside a family of ignored options', (t) => {
  const problems = problemsOf(t, () => build(conf('[DEFAULT]', 'enabled_backends = c', '[c]', 'rbd_pol = volumes')));
  t.deepEqual(rows(problems), [[4, 'c', 'rbd_pol', 'unknown option (did you mean rbd_pool?)']]);
});

test('the RBD driver, by name or Cinder class path, is not available yet; unknown drivers are refused', (t) => {
  const problems = problemsOf(t, () => build(conf(
    '[DEFAULT]',
    'enabled_backends = a, b, c, d',
    '[a]',
    'volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver',
    '[b]',
    'volume_driver = rbd',
    '[c]',
    'volume_driver = cinder.volume.drivers.netapp.common.NetAppDriver',
    '[d]',
    'volume_driver = cinder.volume.drivers.rbd.RBDDriver',
  )));
  t.deepEqual(rows(problems), [
    [6, 'b', 'volume_driver', 'volume driver rbd is not available in this Kiln version'],
    [8, 'c', 'volume_driver', 'volume driver cinder.volume.drivers.netapp.common.NetAppDriver is not supported by Kiln (use file, lvm or rbd)'],
    [10, 'd', 'volume_driver', 'volume driver rbd is not available in this Kiln version'],
  ]);
});

test('a value inherited by several backends is reported once', (t) => {
  const problems = problemsOf(t, () => build(conf('[DEFAULT]', 'enabled_backends = a, b', 'reserved_percentage = lots', '[a]', '[b]')));
  t.deepEqual(rows(problems), [[3, 'DEFAULT', 'reserved_percentage', '"lots" is not a percentage (must be an integer 0..100)']]);
});

test('two file backends in one directory is a problem at the second volumes_dir', (t) => {
  const problems = problemsOf(t, () => build(conf('[DEFAULT]', 'enabled_backends = a, b', '[a]', 'volumes_dir = /v', '[b]', 'volumes_dir = /v')));
  t.deepEqual(rows(problems), [[6, 'b', 'volumes_dir', 'backend b uses the same volumes_dir as backend a (/v)']]);
});

test('an unresolvable $name is a problem at the line using it', (t) => {
  const problems = problemsOf(t, () => build(conf('[DEFAULT]', 'enabled_backends = a', '[a]', 'target_ip_address = $my_ip')));
  t.deepEqual(rows(problems), [[4, 'a', 'target_ip_address', 'cannot substitute $my_ip: it is not set']]);
});

test('parse problems and value problems come together, in line order', (t) => {
  const problems = problemsOf(t, () => build(conf('host = early', '[DEFAULT]', 'debug = sometimes', 'no separator here')));
  t.deepEqual(rows(problems), [
    [1, undefined, 'host', 'key comes before any [section]; put it under [DEFAULT]'],
    [3, 'DEFAULT', 'debug', '"sometimes" is not a boolean (use true/false, yes/no, on/off or 1/0)'],
    [4, 'DEFAULT', '', 'expected "key = value", found "no separator here"'],
  ]);
});

test('bad flags and env values name their source', (t) => {
  const problems = problemsOf(t, () => build(undefined, { port: 0, listen: 'a b', logLevel: 'loud' }, { KILN_PORT: 'x', KILN_HOST: 'a#b' }));
  t.deepEqual(problems.map((p) => [p.file, p.line, p.key]), [
    ['<env>', 0, 'KILN_HOST'],
    ['<flags>', 0, '--listen'],
    ['<flags>', 0, '--port'],
    ['<env>', 0, 'KILN_PORT'],
    ['<flags>', 0, '--log-level'],
  ]);
  t.true(problems.every((p) => p.section === undefined));
  const err = t.throws(() => build(undefined, {}, { KILN_PORT: 'x' }));
  t.true(err?.message.endsWith('\n  <env>: KILN_PORT: "x" is not a port (must be an integer 1..65535)'));
});

test('[default] in lower case is not [DEFAULT]: a problem with a suggestion', (t) => {
  const problems = problemsOf(t, () => build(conf('[default]', 'enabled_backends = a')));
  t.deepEqual(rows(problems), [[1, 'default', '', 'unknown section (did you mean [DEFAULT]?)']]);
});
