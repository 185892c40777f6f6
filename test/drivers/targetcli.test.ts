import test from 'ava';
import {
  aclAuthArgs, aclCreateArgs, backstoreCreateArgs, backstoreKindOf, classifyTargetcliFailure, lioTargets, lunCreateArgs,
  parseTargetcliTree, portalCreateArgs, tpgSecureArgs,
} from '../../src/drivers/targets/targetcli.js';
import { fixture } from './fixture.js';

// targetcli-fb output as its documentation shows it: LIO cannot run on the test kernels.
const ls = fixture('tgt', 'targetcli-ls-iscsi.constructed.txt');

test('argv: block backstores for devices, fileio for files; LUN, portal, CHAP and ACLs under tpg1', (t) => {
  t.is(backstoreKindOf('/dev/vg/volume-a'), 'block');
  t.is(backstoreKindOf('/srv/volumes/volume-a'), 'fileio');
  t.deepEqual(backstoreCreateArgs('targetcli', 'block', 'volume-a', '/dev/vg/volume-a'), ['targetcli', '/backstores/block', 'create', 'name=volume-a', 'dev=/dev/vg/volume-a']);
  t.deepEqual(backstoreCreateArgs('targetcli', 'fileio', 'volume-a', '/srv/v'), ['targetcli', '/backstores/fileio', 'create', 'name=volume-a', 'file_or_dev=/srv/v']);
  t.deepEqual(lunCreateArgs('targetcli', 'iqn.x:v', 'block', 'volume-a', 0), ['targetcli', '/iscsi/iqn.x:v/tpg1/luns', 'create', '/backstores/block/volume-a', 'lun=0']);
  t.deepEqual(portalCreateArgs('targetcli', 'iqn.x:v', '192.0.2.10', 3260), ['targetcli', '/iscsi/iqn.x:v/tpg1/portals', 'create', '192.0.2.10', '3260']);
  t.deepEqual(tpgSecureArgs('targetcli', 'iqn.x:v'), ['targetcli', '/iscsi/iqn.x:v/tpg1', 'set', 'attribute', 'authentication=1', 'generate_node_acls=0', 'demo_mode_write_protect=0']);
  t.deepEqual(aclCreateArgs('targetcli', 'iqn.x:v', 'iqn.h:a'), ['targetcli', '/iscsi/iqn.x:v/tpg1/acls', 'create', 'iqn.h:a']);
  t.deepEqual(aclAuthArgs('targetcli', 'iqn.x:v', 'iqn.h:a', 'u', 'p'), ['targetcli', '/iscsi/iqn.x:v/tpg1/acls/iqn.h:a', 'set', 'auth', 'userid=u', 'password=p']);
});

test('the ls tree nests by the column of "o-"', (t) => {
  const [root] = parseTargetcliTree(ls);
  t.is(root?.name, 'iscsi');
  t.is(root?.info, 'Targets: 2');
  t.deepEqual(root?.children.map((c) => c.children[0]?.children.map((g) => g.name)), [['acls', 'luns', 'portals'], ['acls', 'luns', 'portals']]);
});

test('targets with their ACLs, LUN backing and portals', (t) => {
  t.deepEqual(lioTargets(parseTargetcliTree(ls)), [
    {
      iqn: 'iqn.2010-10.org.openstack:volume-0b6f2c8e-5d2a-4c55-9a43-111111111111',
      acls: ['iqn.1994-05.com.redhat:compute-1'],
      luns: [{ lun: 0, backstore: 'block/volume-0b6f2c8e-5d2a-4c55-9a43-111111111111', backingStore: '/dev/cinder-volumes/volume-0b6f2c8e-5d2a-4c55-9a43-111111111111' }],
      portals: ['192.0.2.10:3260'],
    },
    { iqn: 'iqn.2003-01.org.linux-iscsi.storage.x8664:sn.4a1b2c3d4e5f', acls: [], luns: [{ lun: 0, backstore: 'fileio/disk1', backingStore: '/srv/disk1.img' }], portals: ['0.0.0.0:3260'] },
  ]);
  t.deepEqual(lioTargets(parseTargetcliTree('o- iscsi .... [Targets: 0]')), []);
});

test('failures: exists and not found', (t) => {
  t.is(classifyTargetcliFailure('This NodeACL already exists in configFS'), 'exists');
  t.is(classifyTargetcliFailure('No such path /iscsi/iqn.x:v'), 'not-found');
  t.is(classifyTargetcliFailure('Could not create Target in configFS'), 'other');
});
