import test from 'ava';
import { build, conf } from './helpers.js';

test('volume_driver = lvm, or an LVM Cinder class path, builds an lvm backend with its keys in extra', (t) => {
  const { options } = build(conf(
    '[DEFAULT]',
    'enabled_backends = lvm, old',
    '[lvm]',
    'volume_driver = lvm',
    'volume_group = cinder-volumes',
    'target_helper = tgtadm',
    'target_ip_address = 192.0.2.10',
    'tgt_control_port = 17',
    '[old]',
    'volume_driver = cinder.volume.drivers.lvm.LVMISCSIDriver',
    'volume_group = vg-old',
  ));
  t.deepEqual(options.backends.map((b) => [b.name, b.driver, b.extra]), [
    ['lvm', 'lvm', { volume_group: 'cinder-volumes', target_helper: 'tgtadm', target_ip_address: '192.0.2.10', tgt_control_port: '17' }],
    ['old', 'lvm', { volume_group: 'vg-old' }],
  ]);
});

test('target_helper = tgtadm is accepted for a file backend', (t) => {
  const { options } = build(conf('[DEFAULT]', 'enabled_backends = f', '[f]', 'volume_driver = file', 'target_helper = tgtadm'));
  t.like(options.backends[0], { name: 'f', driver: 'file', extra: { target_helper: 'tgtadm' } });
});

test('LVM backends may share a volumes_dir, as Cinder keeps its target files there', (t) => {
  const { options } = build(conf('[DEFAULT]', 'enabled_backends = a, b', '[a]', 'volume_driver = lvm', 'volumes_dir = /v', '[b]', 'volume_driver = lvm', 'volumes_dir = /v'));
  t.deepEqual(options.backends.map((b) => [b.name, b.volumesDir]), [['a', '/v'], ['b', '/v']]);
});

test('tgt_control_port is checked against the range tgtd accepts', (t) => {
  t.is(build(conf('[DEFAULT]', 'enabled_backends = a', '[a]', 'volume_driver = lvm', 'tgt_control_port = 0')).options.backends[0]?.extra.tgt_control_port, '0');
  t.throws(() => build(conf('[DEFAULT]', 'enabled_backends = a', '[a]', 'volume_driver = lvm', 'tgt_control_port = 40000')), { message: /40000 is out of range/ });
});
