import test from 'ava';
import { parseTgtAccounts, parseTgtTargets } from '../../src/drivers/targets/tgtadm-show.js';
import { KilnError } from '../../src/model/errors.js';
import { stdoutOf } from './fixture.js';

test('recorded show: targets with LUNs, accounts, ACLs and an open session', (t) => {
  const [t1, t2, ...rest] = parseTgtTargets(stdoutOf('tgt', 'show-two-targets-one-session.txt'));
  t.is(rest.length, 0);
  t.like(t1, { tid: 1, iqn: 'iqn.2010-10.org.openstack:volume-0b6f2c8e-5d2a-4c55-9a43-111111111111', state: 'ready' });
  t.deepEqual(t1?.sessions, [{ sid: 1, initiator: 'iqn.2008-11.org.linux-kvm', connections: [{ cid: 0, address: '127.0.0.1' }] }]);
  t.deepEqual(t1?.luns.map((l) => [l.lun, l.type, l.sizeMB, l.backingStoreFlags]), [[0, 'controller', 0, ''], [1, 'disk', 67, '']]);
  t.is(t1?.luns[0]?.backingStore, undefined);
  t.regex(t1?.luns[1]?.backingStore ?? '', /\/vol1\.img$/);
  t.deepEqual(t1?.accounts, ['kiln4f2a9c1d7e3b']);
  t.deepEqual(t1?.acl, ['iqn.2024-01.org.example:host-a', 'iqn.2008-11.org.linux-kvm']);
  t.like(t2, { tid: 2, sessions: [], accounts: [], acl: ['192.0.2.7'] });
  t.is(t2?.luns[1]?.backingStoreFlags, 'direct');
});

test('no targets is an empty list; accounts are one per line', (t) => {
  t.deepEqual(parseTgtTargets(stdoutOf('tgt', 'show-empty.txt')), []);
  t.deepEqual(parseTgtAccounts(stdoutOf('tgt', 'show-accounts.txt')), ['kiln4f2a9c1d7e3b']);
  t.deepEqual(parseTgtAccounts('Account list:'), []);
});

test('output that is not tgtadm show is a driver error', (t) => {
  t.is(t.throws(() => parseTgtTargets('tgtadm: something else'), { instanceOf: KilnError })?.code, 'ERR_DRIVER');
});
