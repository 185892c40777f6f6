import test from 'ava';
import { formatJson, formatProperties, formatTable, pyRepr } from '../../src/cli/format.js';
import {
  formatExtraSpecsList, formatPoolDetails, formatPoolNames, formatQosAssociations, formatQosList, formatQosShow,
  formatServiceChange, formatServiceList, formatTypeList, formatTypeShow, formatVolumeList, formatVolumeShow,
} from '../../src/cli/views.js';
import type { ServiceRecord } from '../../src/api/protocol.js';
import type { PoolState } from '../../src/model/backend.js';
import type { QosSpec, VolumeType } from '../../src/model/catalog.js';
import { volume } from './fake-node.js';

const lines = (text: string) => text.trimEnd().split('\n');
const header = (text: string) => lines(text)[1] ?? '';
const row = (text: string, i: number) => lines(text)[i] ?? '';

const gold: VolumeType = {
  id: 't-1', name: 'gold', description: null, isPublic: true, extraSpecs: { volume_backend_name: 'LVM_iSCSI' },
  qosSpecsId: null, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z',
};
const fast: QosSpec = {
  id: 'q-1', name: 'fast', consumer: 'front-end', specs: { read_iops_sec: '100' },
  createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z',
};

test('a list table has ASCII borders and a rule under the header only, like prettytable', (t) => {
  t.is(formatTable(['ID', 'Name'], [['a', 'b'], ['cc', null]]), [
    '+----+------+',
    '| ID | Name |',
    '+----+------+',
    '| a  | b    |',
    '| cc | -    |',
    '+----+------+',
    '',
  ].join('\n'));
});

test('an empty list still prints its header between rules', (t) => {
  t.deepEqual(lines(formatTable(['ID'], [])), ['+----+', '| ID |', '+----+', '+----+']);
});

test('tables carry no ANSI colour codes', (t) => {
  t.false(formatTable(['ID'], [['x']]).includes('\u001b'));
});

test('a multi-line value keeps the borders aligned', (t) => {
  t.deepEqual(lines(formatProperties({ description: 'two\nlines' })).slice(3, 5), ['| description | two   |', '|             | lines |']);
});

test('properties are sorted, with None for nulls and Python reprs for maps', (t) => {
  t.deepEqual(lines(formatProperties({ name: 'v', description: null, metadata: { a: '1' }, multiattach: false })), [
    '+-------------+------------+',
    '| Property    | Value      |',
    '+-------------+------------+',
    '| description | None       |',
    "| metadata    | {'a': '1'} |",
    '| multiattach | False      |',
    '| name        | v          |',
    '+-------------+------------+',
  ]);
});

test('pyRepr prints maps and lists the way Python str() does', (t) => {
  t.is(pyRepr({ volume_backend_name: 'LVM_iSCSI', n: 2 }), "{'volume_backend_name': 'LVM_iSCSI', 'n': 2}");
  t.is(pyRepr({}), '{}');
  t.is(pyRepr([]), '[]');
  t.is(pyRepr("it's"), '"it\'s"');
  t.is(pyRepr({ x: null, y: true }), "{'x': None, 'y': True}");
});

test('--json output is the value, pretty-printed, and null for nothing', (t) => {
  t.deepEqual(JSON.parse(formatJson({ a: 1 })), { a: 1 });
  t.is(formatJson(undefined), 'null\n');
});

test('type-list and extra-specs-list use cinder columns', (t) => {
  t.is(header(formatTypeList([gold])), '| ID  | Name | Description | Is_Public |');
  t.is(lines(formatTypeList([gold]))[3], '| t-1 | gold | -           | True      |');
  t.is(header(formatExtraSpecsList([gold])), "| ID  | Name | extra_specs                          |");
  t.is(lines(formatExtraSpecsList([gold]))[3], "| t-1 | gold | {'volume_backend_name': 'LVM_iSCSI'} |");
});

test('type-show names the properties as cinder does', (t) => {
  const props = lines(formatTypeShow(gold)).slice(3, -1).map((l) => l.split('|')[1]!.trim());
  t.deepEqual(props, ['description', 'extra_specs', 'id', 'is_public', 'name', 'os-volume-type-access:is_public', 'qos_specs_id']);
});

test('qos views use cinder columns', (t) => {
  t.is(header(formatQosList([fast])), '| ID  | Name | Consumer  | specs                    |');
  t.regex(formatQosShow(fast), /\| specs {4}\| \{'read_iops_sec': '100'\} \|/);
  t.is(header(formatQosAssociations([{ id: 't-1', name: 'gold' }])), '| Association_Type | Name | ID  |');
  t.is(lines(formatQosAssociations([{ id: 't-1', name: 'gold' }]))[3], '| volume_type      | gold | t-1 |');
});

test('volume list has cinder columns, and a Tenant ID column with all tenants', (t) => {
  const v = volume();
  t.is(header(formatVolumeList([v])).replace(/ +/g, ' '), '| ID | Status | Name | Size | Volume Type | Bootable | Attached to |');
  t.is(row(formatVolumeList([v]), 3).replace(/ +/g, ' '), `| ${v.id} | available | vol1 | 1 | __DEFAULT__ | false | |`);
  t.regex(header(formatVolumeList([v], true)), /^\| ID +\| Tenant ID +\| Status/);
});

test('volume show uses cinder property names and shows error_reason only when set', (t) => {
  const names = (text: string) => lines(text).slice(3, -1).map((l) => l.split('|')[1]!.trim());
  t.deepEqual(names(formatVolumeShow(volume())), [
    'attachments', 'availability_zone', 'bootable', 'created_at', 'description', 'id', 'metadata', 'multiattach', 'name',
    'os-vol-host-attr:host', 'os-vol-tenant-attr:tenant_id', 'size', 'status', 'updated_at', 'user_id', 'volume_type',
  ]);
  const failed = formatVolumeShow(volume({ status: 'error', errorReason: 'no valid backend: 0 of 1 pools had 5 GiB free' }));
  t.regex(failed, /\| error_reason +\| no valid backend: 0 of 1 pools had 5 GiB free \|/);
});

test('service views use cinder columns', (t) => {
  const svc: ServiceRecord = { binary: 'cinder-volume', host: 'node1@LVM_iSCSI', zone: 'nova', status: 'enabled', state: 'up', updatedAt: null, disabledReason: null };
  t.is(header(formatServiceList([svc])).replace(/ +/g, ' '), '| Binary | Host | Zone | Status | State | Updated_at | Disabled Reason |');
  t.is(header(formatServiceChange({ host: 'h', binary: 'cinder-volume', status: 'enabled' })).replace(/ +/g, ' '), '| Host | Binary | Status |');
  t.regex(header(formatServiceChange({ host: 'h', binary: 'b', status: 'disabled', disabledReason: 'maint' })), /Disabled Reason/);
});

const pool: PoolState = {
  name: 'node1@LVM_iSCSI#LVM_iSCSI', node: 'node1', backend: 'LVM_iSCSI', pool: 'LVM_iSCSI', volumeBackendName: 'LVM_iSCSI',
  availabilityZone: 'nova', driver: 'file', storageProtocol: 'iSCSI', totalCapacityGiB: 100, freeCapacityGiB: undefined,
  provisionedCapacityGiB: 3, reservedPercentage: 0, maxOverSubscriptionRatio: 20, thinProvisioningSupport: true,
  thickProvisioningSupport: false, qosSupport: false, multiattach: false, capabilities: { fast_disk: true },
  volumeCount: 2, generation: 1, updatedAtMs: Date.UTC(2025, 0, 1), enabled: true, up: true,
};

test('get-pools without detail prints one name table per pool', (t) => {
  t.deepEqual(lines(formatPoolNames([pool])), [
    '+----------+---------------------------+',
    '| Property | Value                     |',
    '+----------+---------------------------+',
    '| name     | node1@LVM_iSCSI#LVM_iSCSI |',
    '+----------+---------------------------+',
  ]);
});

test('get-pools --detail prints the capabilities under cinder names, unknown for what the driver cannot tell', (t) => {
  const text = formatPoolDetails([pool]);
  const value = (k: string) => lines(text).find((l) => l.startsWith(`| ${k} `))?.split('|')[2]?.trim();
  t.is(value('total_capacity_gb'), '100');
  t.is(value('free_capacity_gb'), 'unknown');
  t.is(value('thin_provisioning_support'), 'True');
  t.is(value('QoS_support'), 'False');
  t.is(value('timestamp'), '2025-01-01T00:00:00.000Z');
  t.is(value('fast_disk'), 'True');
  for (const k of ['volume_backend_name', 'provisioned_capacity_gb', 'reserved_percentage', 'max_over_subscription_ratio',
    'thick_provisioning_support', 'multiattach', 'driver_version', 'storage_protocol', 'vendor_name']) {
    t.not(value(k), undefined, k);
  }
});
