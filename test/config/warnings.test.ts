import test from 'ava';
import { build, conf, rows } from './helpers.js';

/** Trimmed from a real multi-backend deployment's cinder.conf. */
const OPERATOR_CONF = conf(
  '[DEFAULT]',
  'transport_url = rabbit://openstack:secret@controller',
  'auth_strategy = keystone',
  'my_ip = 10.0.0.41',
  'glance_api_servers = http://controller:9292',
  'rootwrap_config = /etc/cinder/rootwrap.conf',
  'api_paste_config = /etc/cinder/api-paste.ini',
  'enabled_backends = lvm',
  'log_dir = /var/log/cinder',
  'backup_swift_url = http://controller:8080/v1/AUTH_',
  'verbose = True',
  '',
  '[database]',
  'connection = mysql+pymysql://cinder:secret@controller/cinder',
  '',
  '[keystone_authtoken]',
  'www_authenticate_uri = http://controller:5000',
  'memcached_servers = controller:11211',
  '',
  '[oslo_concurrency]',
  'lock_path = /var/lib/cinder/tmp',
  '',
  '[oslo_messaging_notifications]',
  'driver = messagingv2',
  '',
  '[lvm]',
  'volume_driver = file',
  'volume_group = cinder-volumes',
  'target_protocol = iscsi',
  'target_helper = lioadm',
  'image_volume_cache_enabled = True',
  '',
  '[lvm-old]',
  'volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver',
  '',
  '[brocade_fabric]',
  'fc_fabric_address = 10.0.0.9',
);

test("an operator's cinder.conf loads; what Kiln does not use comes back as warnings", (t) => {
  const { options, warnings } = build(OPERATOR_CONF);
  t.deepEqual(options.backends.map((b) => [b.name, b.extra]), [
    ['lvm', { volume_group: 'cinder-volumes', target_helper: 'lioadm', target_protocol: 'iscsi' }],
  ]);
  t.deepEqual(rows(warnings), [
    [2, 'DEFAULT', 'transport_url', 'accepted but not used by Kiln'],
    [3, 'DEFAULT', 'auth_strategy', 'Kiln does not speak keystone; using Kiln tokens (auth_strategy = kiln)'],
    [4, 'DEFAULT', 'my_ip', 'accepted but not used by Kiln'],
    [5, 'DEFAULT', 'glance_api_servers', 'accepted but not used by Kiln'],
    [6, 'DEFAULT', 'rootwrap_config', 'accepted but not used by Kiln'],
    [7, 'DEFAULT', 'api_paste_config', 'accepted but not used by Kiln'],
    [9, 'DEFAULT', 'log_dir', 'ignored: Kiln logs to stdout'],
    [10, 'DEFAULT', 'backup_swift_url', 'accepted but not used by Kiln'],
    [13, 'database', '', 'section accepted but not used by Kiln'],
    [16, 'keystone_authtoken', '', 'section accepted but not used by Kiln'],
    [20, 'oslo_concurrency', '', 'section accepted but not used by Kiln'],
    [23, 'oslo_messaging_notifications', '', 'section accepted but not used by Kiln'],
    [31, 'lvm', 'image_volume_cache_enabled', 'accepted but not used by Kiln'],
    [33, 'lvm-old', '', 'backend section is not listed in enabled_backends; ignored'],
    [36, 'brocade_fabric', '', 'unknown section; ignored'],
  ]);
  t.true(warnings.every((w) => w.file === 'cinder.conf'));
});

test('an unknown section close to a known one suggests it', (t) => {
  const { warnings } = build(conf('[keystone_authtokn]', 'x = 1'));
  t.deepEqual(rows(warnings), [[1, 'keystone_authtokn', '', 'unknown section; ignored (did you mean [keystone_authtoken]?)']]);
});

test('volume_backend_name in [DEFAULT] is ignored, with a warning, once backends have sections', (t) => {
  const { options, warnings } = build(conf('[DEFAULT]', 'enabled_backends = a', 'volume_backend_name = shared', '[a]'));
  t.is(options.backends[0]?.volumeBackendName, 'a');
  t.deepEqual(rows(warnings), [[3, 'DEFAULT', 'volume_backend_name', 'ignored with enabled_backends: each backend section names itself']]);
});
