import test from 'ava';
import { targetSettingsFromExtra } from '../../src/drivers/targets/target-settings.js';
import { formatPortal, requireInitiator } from '../../src/drivers/target-driver.js';
import { iqnFor, volumeIdOfIqn, generateChap } from '../../src/drivers/targets/iscsi-naming.js';

const defaults = { helper: 'tgtadm', ip: '127.0.0.1' } as const;

test("Cinder's target keys, their iscsi_* spellings, and Cinder's defaults", (t) => {
  t.deepEqual(targetSettingsFromExtra({}, defaults), { helper: 'tgtadm', portals: ['127.0.0.1:3260'], targetPrefix: 'iqn.2010-10.org.openstack:', controlPort: 0 });
  t.deepEqual(
    targetSettingsFromExtra({ iscsi_helper: 'lioadm', iscsi_ip_address: '192.0.2.1', iscsi_port: '3261', target_prefix: 'iqn.2024-01.org.example:', tgt_control_port: '17' }, defaults),
    { helper: 'lioadm', portals: ['192.0.2.1:3261'], targetPrefix: 'iqn.2024-01.org.example:', controlPort: 17 },
  );
  t.is(targetSettingsFromExtra({ target_ip_address: 'fd00::1', iscsi_ip_address: '192.0.2.1' }, defaults).portals[0], '[fd00::1]:3260');
  t.like(t.throws(() => targetSettingsFromExtra({ target_helper: 'scstadmin' }, defaults)), { code: 'ERR_DRIVER' });
});

test('IQNs are prefix + volume-<id>, and only ours map back to a volume', (t) => {
  t.is(iqnFor('iqn.2010-10.org.openstack:', 'abc-1'), 'iqn.2010-10.org.openstack:volume-abc-1');
  t.is(volumeIdOfIqn('iqn.2010-10.org.openstack:', 'iqn.2010-10.org.openstack:volume-abc-1'), 'abc-1');
  t.is(volumeIdOfIqn('iqn.2010-10.org.openstack:', 'iqn.other:volume-abc-1'), undefined);
  t.like(t.throws(() => iqnFor('p:', 'a b')), { field: 'volumeId' });
});

test('CHAP credentials: 20 and 16 characters, different every time', (t) => {
  const a = generateChap();
  t.regex(a.username, /^[A-Za-z0-9]{20}$/);
  t.regex(a.password, /^[A-Za-z0-9]{16}$/);
  t.notDeepEqual(generateChap(), a);
});

test('portals and initiators', (t) => {
  t.is(formatPortal('192.0.2.1', 3260), '192.0.2.1:3260');
  t.is(formatPortal('fd00::1', 3260), '[fd00::1]:3260');
  t.is(requireInitiator({ host: 'h', initiator: 'iqn.1994-05.com.redhat:h' }), 'iqn.1994-05.com.redhat:h');
  t.like(t.throws(() => requireInitiator({ host: 'h', initiator: 'not-an-iqn' })), { field: 'connector.initiator' });
});
