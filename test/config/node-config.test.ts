import test from 'ava';
import { NODE_DEFAULTS } from '../../src/config/node-config.js';
import { build, conf, CWD } from './helpers.js';

const ISSUE_EXAMPLE = conf(
  '[DEFAULT]',
  'enabled_backends = lvm,LVM_iSCSI',
  'default_volume_type = lvm-self',
  '[lvm]',
  'volume_driver = file',
  'volumes_dir = /some/dir',
  'volume_backend_name = lvm',
  '[LVM_iSCSI]',
  'volume_driver = file',
  'volumes_dir = /other/dir',
  'volume_backend_name = LVM_iSCSI',
);

test("the issue's example gives two file backends and the default volume type", (t) => {
  const { options, warnings } = build(ISSUE_EXAMPLE);
  t.deepEqual(warnings, []);
  t.is(options.defaultVolumeType, 'lvm-self');
  t.deepEqual(options.backends.map((b) => [b.name, b.driver, b.volumeBackendName, b.volumesDir]), [
    ['lvm', 'file', 'lvm', '/some/dir'],
    ['LVM_iSCSI', 'file', 'LVM_iSCSI', '/other/dir'],
  ]);
});

test('with no file, flags or env a node runs one file backend under ./data', (t) => {
  const { options, warnings } = build(undefined);
  t.deepEqual(warnings, []);
  t.deepEqual(options, {
    host: 'node1',
    dataDir: `${CWD}/data`,
    listenAddress: '127.0.0.1',
    port: 8776,
    defaultVolumeType: undefined,
    storageAvailabilityZone: 'nova',
    backends: [{
      name: 'file', driver: 'file', volumeBackendName: 'file', volumesDir: `${CWD}/data/volumes`,
      reservedPercentage: 0, maxOverSubscriptionRatio: 20, availabilityZone: 'nova', extra: {},
    }],
    statsIntervalMs: NODE_DEFAULTS.statsIntervalMs,
    serviceDownTimeMs: 60_000,
    schedulerMaxAttempts: 3,
    authStrategy: 'kiln',
    logLevel: 'info',
  });
  t.is(NODE_DEFAULTS.statsIntervalMs, 5000);
});

test('an empty file is the same as no file', (t) => {
  t.deepEqual(build(''), build(undefined));
});

const FILE_LEVEL = conf(
  '[DEFAULT]',
  'state_path = /var/lib/cinder',
  'host = from-file',
  'osapi_volume_listen = 10.0.0.1',
  'osapi_volume_listen_port = 9001',
  'debug = true',
);

test('precedence is flags over env over file over defaults', (t) => {
  const env = { KILN_DATA: '/env/data', KILN_HOST: 'from-env', KILN_LISTEN: '10.0.0.2:9002', KILN_LOG_LEVEL: 'warn' };
  const flags = { dataDir: '/flag/data', host: 'from-flag', listen: '10.0.0.3:9003', logLevel: 'error' };
  const pick = (o: ReturnType<typeof build>['options']) => [o.dataDir, o.host, o.listenAddress, o.port, o.logLevel];
  t.deepEqual(pick(build(undefined).options), [`${CWD}/data`, 'node1', '127.0.0.1', 8776, 'info']);
  t.deepEqual(pick(build(FILE_LEVEL).options), ['/var/lib/cinder', 'from-file', '10.0.0.1', 9001, 'debug']);
  t.deepEqual(pick(build(FILE_LEVEL, {}, env).options), ['/env/data', 'from-env', '10.0.0.2', 9002, 'warn']);
  t.deepEqual(pick(build(FILE_LEVEL, flags, env).options), ['/flag/data', 'from-flag', '10.0.0.3', 9003, 'error']);
});

test('a port flag wins over the port in --listen, which wins over KILN_PORT', (t) => {
  t.is(build(undefined, { listen: '0.0.0.0:9000', port: 9100 }).options.port, 9100);
  t.is(build(undefined, { listen: '0.0.0.0:9000' }, { KILN_PORT: '9200' }).options.port, 9000);
  t.is(build(undefined, { listen: '0.0.0.0' }, { KILN_PORT: '9200' }).options.port, 9200);
  t.is(build(undefined, { listen: '0.0.0.0' }).options.listenAddress, '0.0.0.0');
});

test('relative data dirs resolve against cwd; empty env values count as unset', (t) => {
  t.is(build(undefined, { dataDir: 'state' }).options.dataDir, `${CWD}/state`);
  t.is(build(undefined, {}, { KILN_DATA: '' }).options.dataDir, `${CWD}/data`);
});

test('without enabled_backends, [DEFAULT] configures the single backend', (t) => {
  const { options } = build(conf('[DEFAULT]', 'volume_backend_name = local', 'volumes_dir = /vols', 'reserved_percentage = 5'));
  t.like(options.backends[0], { name: 'file', volumeBackendName: 'local', volumesDir: '/vols', reservedPercentage: 5 });
});

test('[DEFAULT] and [backend_defaults] give defaults that a backend section overrides', (t) => {
  const { options } = build(conf(
    '[DEFAULT]',
    'enabled_backends = a, b',
    'state_path = /st',
    'reserved_percentage = 10',
    'max_over_subscription_ratio = 2.5',
    'volume_group = cinder-volumes',
    'storage_availability_zone = az1',
    '[backend_defaults]',
    'target_helper = lioadm',
    '[a]',
    'reserved_percentage = 3',
    'backend_availability_zone = az2',
    '[b]',
    'volume_group = vg-b',
  ));
  t.is(options.storageAvailabilityZone, 'az1');
  t.deepEqual(options.backends.map((b) => [b.name, b.volumesDir, b.reservedPercentage, b.maxOverSubscriptionRatio, b.availabilityZone]), [
    ['a', '/st/volumes/a', 3, 2.5, 'az2'],
    ['b', '/st/volumes/b', 10, 2.5, 'az1'],
  ]);
  t.deepEqual(options.backends.map((b) => b.extra), [
    { volume_group: 'cinder-volumes', target_helper: 'lioadm' },
    { volume_group: 'vg-b', target_helper: 'lioadm' },
  ]);
});

test('LVM and iSCSI keys are kept in extra after $ substitution', (t) => {
  const { options, warnings } = build(conf(
    '[DEFAULT]',
    'enabled_backends = lvm',
    'my_ip = 192.0.2.10',
    '[lvm]',
    'lvm_type = thin',
    'volume_clear = zero',
    'target_ip_address = $my_ip',
    'target_port = 3260',
    'target_prefix = iqn.2010-10.org.openstack:',
    'rbd_user = ',
  ));
  t.deepEqual(options.backends[0]?.extra, {
    lvm_type: 'thin', volume_clear: 'zero', target_ip_address: '192.0.2.10', target_port: '3260',
    target_prefix: 'iqn.2010-10.org.openstack:', rbd_user: '',
  });
  t.deepEqual(warnings.map((w) => w.key), ['my_ip']);
});

test("$state_path means the data dir in effect, even when a flag overrides Cinder's state_path", (t) => {
  const text = conf('[DEFAULT]', 'state_path = /var/lib/cinder', 'volumes_dir = $state_path/vols');
  t.is(build(text).options.backends[0]?.volumesDir, '/var/lib/cinder/vols');
  t.is(build(text, { dataDir: '/fast' }).options.backends[0]?.volumesDir, '/fast/vols');
});

test('backend sections match enabled_backends ignoring case, as oslo lower-cases groups', (t) => {
  const { options } = build(conf('[DEFAULT]', 'enabled_backends = LVM_iSCSI', '[lvm_iscsi]', 'volume_driver = file'));
  t.like(options.backends[0], { name: 'LVM_iSCSI', volumeBackendName: 'LVM_iSCSI', volumesDir: `${CWD}/data/volumes/LVM_iSCSI` });
});

test('enabled_backends may continue over several lines', (t) => {
  const text = conf('# two backends', '[DEFAULT]', 'enabled_backends = a,', '    b', '; end', '[a]', '[b]');
  t.deepEqual(build(text).options.backends.map((b) => b.name), ['a', 'b']);
});

test('seconds become milliseconds; debug turns on debug logging', (t) => {
  const { options } = build(conf('[DEFAULT]', 'report_interval = 2', 'service_down_time = 30', 'scheduler_max_attempts = 5', 'debug = yes'));
  t.like(options, { statsIntervalMs: 2000, serviceDownTimeMs: 30_000, schedulerMaxAttempts: 5, logLevel: 'debug' });
});

test('a service_down_time not above report_interval is raised to 2.5x, as Cinder does', (t) => {
  const { options, warnings } = build(conf('[DEFAULT]', 'report_interval = 60'));
  t.is(options.serviceDownTimeMs, 150_000);
  t.deepEqual(warnings.map((w) => [w.line, w.key]), [[2, 'report_interval']]);
});

test("max_over_subscription_ratio 'auto' is taken as 20 with a warning", (t) => {
  const { options, warnings } = build(conf('[DEFAULT]', 'enabled_backends = a', '[a]', 'max_over_subscription_ratio = auto'));
  t.is(options.backends[0]?.maxOverSubscriptionRatio, 20);
  t.deepEqual(warnings.map((w) => [w.line, w.section, w.key]), [[4, 'a', 'max_over_subscription_ratio']]);
});

test("auth_strategy: Cinder's noauth kinds mean noauth; keystone falls back to Kiln tokens with a warning", (t) => {
  const strategy = (value: string) => build(conf('[DEFAULT]', `auth_strategy = ${value}`));
  t.is(strategy('noauth').options.authStrategy, 'noauth');
  t.is(strategy('noauth_include_project_id').options.authStrategy, 'noauth');
  t.is(strategy('kiln').options.authStrategy, 'kiln');
  t.deepEqual(strategy('noauth').warnings, []);
  const keystone = strategy('keystone');
  t.is(keystone.options.authStrategy, 'kiln');
  t.deepEqual(keystone.warnings.map((w) => [w.line, w.key]), [[2, 'auth_strategy']]);
});
