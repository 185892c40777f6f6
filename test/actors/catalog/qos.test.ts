import test from 'ava';
import { decideCatalog } from '../../../src/actors/catalog/decide.js';
import { evolveCatalog } from '../../../src/actors/catalog/evolve.js';
import { initialCatalog, type CatalogCommand, type CatalogEvent } from '../../../src/actors/catalog/state.js';
import { decode, encode } from '../../../src/store/codec.js';
import { catalogOf, ctx, now, qosFixture, typeFixture, testCatalogRows, type CatalogRow } from './fixtures.js';

type Row = CatalogRow;

const fe = qosFixture('q-fe', { name: 'limits', consumer: 'front-end', specs: { read_iops_sec: '100' } });
const be = qosFixture('q-be', { name: 'vendor', consumer: 'back-end', specs: { 'vendor:minIOPS': '10' } });
const free = typeFixture('t-free', { name: 'free' });
const linked1 = typeFixture('t-a', { name: 'a', qosSpecsId: 'q-fe' });
const linked2 = typeFixture('t-b', { name: 'b', qosSpecsId: 'q-fe' });
const other = typeFixture('t-c', { name: 'c', qosSpecsId: 'q-be' });
const base = catalogOf([free, linked1, linked2, other], [fe, be]);

const create = (consumer: 'front-end' | 'back-end' | 'both', specs: Record<string, string>, name = 'new'): CatalogCommand =>
  ({ type: 'CreateQos', id: 'q-new', name, consumer, specs });

const invalidValue = (value: string): Row => ({
  behaviour: `a Cinder key with value ${JSON.stringify(value)} is refused on specs.<key>`,
  state: base, cmd: create('back-end', { total_iops_sec: value }),
  error: { code: 'ERR_INVALID_PARAMS', field: 'specs.total_iops_sec' },
});

const rows: Row[] = [
  // Create
  {
    behaviour: 'creating a front-end spec with Cinder keys records it',
    state: base, cmd: create('front-end', { read_iops_sec: '500', write_bytes_sec_per_gb: '1048576', total_iops_sec_per_gb_min: '0' }),
    events: [{ type: 'QosCreated', qos: { id: 'q-new', name: 'new', consumer: 'front-end', specs: { read_iops_sec: '500', write_bytes_sec_per_gb: '1048576', total_iops_sec_per_gb_min: '0' }, createdAt: now, updatedAt: now } }],
    after: (s) => s.qos['q-new']?.consumer, expected: 'front-end',
  },
  {
    behaviour: 'a back-end spec may carry vendor keys',
    state: base, cmd: create('back-end', { 'vendor:maxIOPS': 'lots', minBW: 'x' }),
    after: (s) => s.qos['q-new']?.specs, expected: { 'vendor:maxIOPS': 'lots', minBW: 'x' },
  },
  {
    behaviour: 'a both-ends spec may carry vendor keys next to Cinder keys',
    state: base, cmd: create('both', { 'vendor:x': 'y', read_iops_sec_max: '900' }),
    after: (s) => s.qos['q-new']?.specs, expected: { 'vendor:x': 'y', read_iops_sec_max: '900' },
  },
  { behaviour: 'an unknown key on a front-end spec is refused on specs.<key>', state: base, cmd: create('front-end', { read_iops_sec: '1', iops: '5' }), error: { code: 'ERR_INVALID_PARAMS', field: 'specs.iops' } },
  { behaviour: 'a vendor key on a front-end spec is refused', state: base, cmd: create('front-end', { 'vendor:x': '1' }), error: { code: 'ERR_INVALID_PARAMS', field: 'specs.vendor:x' } },
  invalidValue('-1'),
  invalidValue('1.5'),
  invalidValue('abc'),
  invalidValue(''),
  invalidValue('1e3'),
  {
    behaviour: 'zero is a valid Cinder key value',
    state: base, cmd: create('front-end', { total_iops_sec: '0' }),
    after: (s) => s.qos['q-new']?.specs, expected: { total_iops_sec: '0' },
  },
  { behaviour: 'a QoS spec name already taken (any case) is a conflict on name', state: base, cmd: create('back-end', {}, 'LIMITS'), error: { code: 'ERR_CONFLICT', field: 'name' } },

  // Keys
  {
    behaviour: 'setting keys merges them into the specs',
    state: base, cmd: { type: 'SetQosKeys', id: 'q-fe', specs: { read_iops_sec: '200', write_iops_sec: '50' } },
    events: [{ type: 'QosKeysSet', id: 'q-fe', at: now, specs: { read_iops_sec: '200', write_iops_sec: '50' } }],
    after: (s) => s.qos['q-fe'], expected: { ...fe, specs: { read_iops_sec: '200', write_iops_sec: '50' }, updatedAt: now },
  },
  { behaviour: 'setting keys validates against the spec consumer (front-end refuses vendor keys)', state: base, cmd: { type: 'SetQosKeys', id: 'q-fe', specs: { 'vendor:x': '1' } }, error: { code: 'ERR_INVALID_PARAMS', field: 'specs.vendor:x' } },
  {
    behaviour: 'setting vendor keys on a back-end spec is allowed',
    state: base, cmd: { type: 'SetQosKeys', id: 'q-be', specs: { 'vendor:maxIOPS': '99' } },
    after: (s) => s.qos['q-be']?.specs, expected: { 'vendor:minIOPS': '10', 'vendor:maxIOPS': '99' },
  },
  { behaviour: 'setting a bad Cinder value on a back-end spec is refused', state: base, cmd: { type: 'SetQosKeys', id: 'q-be', specs: { read_bytes_sec: 'fast' } }, error: { code: 'ERR_INVALID_PARAMS', field: 'specs.read_bytes_sec' } },
  { behaviour: 'setting keys on an unknown spec is not found', state: base, cmd: { type: 'SetQosKeys', id: 'nope', specs: {} }, error: { code: 'ERR_NOT_FOUND' } },
  {
    behaviour: 'unsetting keys removes them',
    state: base, cmd: { type: 'UnsetQosKeys', id: 'q-fe', keys: ['read_iops_sec'] },
    events: [{ type: 'QosKeysUnset', id: 'q-fe', at: now, keys: ['read_iops_sec'] }],
    after: (s) => s.qos['q-fe']?.specs, expected: {},
  },
  { behaviour: 'unsetting a missing key is not found, naming the key', state: base, cmd: { type: 'UnsetQosKeys', id: 'q-fe', keys: ['write_iops_sec'] }, error: { code: 'ERR_NOT_FOUND', details: { id: 'write_iops_sec' } } },
  { behaviour: 'unsetting keys on an unknown spec is not found', state: base, cmd: { type: 'UnsetQosKeys', id: 'nope', keys: ['a'] }, error: { code: 'ERR_NOT_FOUND' } },

  // Associations
  {
    behaviour: 'associating a free type links it to the spec',
    state: base, cmd: { type: 'AssociateQos', qosId: 'q-fe', typeId: 't-free' },
    events: [{ type: 'QosAssociated', qosId: 'q-fe', typeId: 't-free', at: now }],
    after: (s) => s.types['t-free']?.qosSpecsId, expected: 'q-fe',
  },
  { behaviour: 'associating again with the same spec changes nothing', state: base, cmd: { type: 'AssociateQos', qosId: 'q-fe', typeId: 't-a' }, events: [] },
  { behaviour: 'associating a type that already has another spec is refused', state: base, cmd: { type: 'AssociateQos', qosId: 'q-be', typeId: 't-a' }, error: { code: 'ERR_INVALID_STATE' } },
  { behaviour: 'associating an unknown spec is not found', state: base, cmd: { type: 'AssociateQos', qosId: 'nope', typeId: 't-free' }, error: { code: 'ERR_NOT_FOUND', details: { kind: 'QoS spec' } } },
  { behaviour: 'associating with an unknown type is not found', state: base, cmd: { type: 'AssociateQos', qosId: 'q-fe', typeId: 'nope' }, error: { code: 'ERR_NOT_FOUND', details: { kind: 'Volume type' } } },
  {
    behaviour: 'disassociating a linked type clears its spec',
    state: base, cmd: { type: 'DisassociateQos', qosId: 'q-fe', typeId: 't-a' },
    events: [{ type: 'QosDisassociated', qosId: 'q-fe', typeId: 't-a', at: now }],
    after: (s) => [s.types['t-a']?.qosSpecsId, s.types['t-b']?.qosSpecsId], expected: [null, 'q-fe'],
  },
  { behaviour: 'disassociating a type that is not linked is refused', state: base, cmd: { type: 'DisassociateQos', qosId: 'q-fe', typeId: 't-free' }, error: { code: 'ERR_INVALID_STATE' } },
  { behaviour: 'disassociating a type linked to another spec is refused', state: base, cmd: { type: 'DisassociateQos', qosId: 'q-fe', typeId: 't-c' }, error: { code: 'ERR_INVALID_STATE' } },
  { behaviour: 'disassociating from an unknown spec is not found', state: base, cmd: { type: 'DisassociateQos', qosId: 'nope', typeId: 't-a' }, error: { code: 'ERR_NOT_FOUND' } },
  { behaviour: 'disassociating an unknown type is not found', state: base, cmd: { type: 'DisassociateQos', qosId: 'q-fe', typeId: 'nope' }, error: { code: 'ERR_NOT_FOUND' } },
  {
    behaviour: 'disassociating all unlinks every type of that spec and no other',
    state: base, cmd: { type: 'DisassociateAllQos', qosId: 'q-fe' },
    events: [
      { type: 'QosDisassociated', qosId: 'q-fe', typeId: 't-a', at: now },
      { type: 'QosDisassociated', qosId: 'q-fe', typeId: 't-b', at: now },
    ],
    after: (s) => Object.values(s.types).map((t) => [t.id, t.qosSpecsId]), expected: [['t-free', null], ['t-a', null], ['t-b', null], ['t-c', 'q-be']],
  },
  { behaviour: 'disassociating all from a spec without links changes nothing', state: catalogOf([free], [fe]), cmd: { type: 'DisassociateAllQos', qosId: 'q-fe' }, events: [] },
  { behaviour: 'disassociating all from an unknown spec is not found', state: base, cmd: { type: 'DisassociateAllQos', qosId: 'nope' }, error: { code: 'ERR_NOT_FOUND' } },

  // Delete
  {
    behaviour: 'an unassociated spec can be deleted',
    state: catalogOf([free], [fe, be]), cmd: { type: 'DeleteQos', id: 'q-fe', force: false },
    events: [{ type: 'QosDeleted', id: 'q-fe' }],
    after: (s) => Object.keys(s.qos), expected: ['q-be'],
  },
  {
    behaviour: 'an associated spec cannot be deleted without force',
    state: base, cmd: { type: 'DeleteQos', id: 'q-fe', force: false },
    error: { code: 'ERR_INVALID_STATE', details: { associations: 2 } },
  },
  {
    behaviour: 'force delete disassociates every linked type, then deletes',
    state: base, cmd: { type: 'DeleteQos', id: 'q-fe', force: true },
    events: [
      { type: 'QosDisassociated', qosId: 'q-fe', typeId: 't-a', at: now },
      { type: 'QosDisassociated', qosId: 'q-fe', typeId: 't-b', at: now },
      { type: 'QosDeleted', id: 'q-fe' },
    ],
    after: (s) => ({ qos: Object.keys(s.qos), links: Object.values(s.types).map((t) => t.qosSpecsId) }),
    expected: { qos: ['q-be'], links: [null, null, null, 'q-be'] },
  },
  { behaviour: 'deleting an unknown spec is not found', state: base, cmd: { type: 'DeleteQos', id: 'nope', force: true }, error: { code: 'ERR_NOT_FOUND' } },
];

testCatalogRows(rows);

test('catalog replay: the events of a session rebuild the live catalog, also through the codec', (t) => {
  const commands: CatalogCommand[] = [
    { type: 'CreateType', id: 't1', name: 'gold', description: null, isPublic: true, extraSpecs: { tier: 'gold' } },
    { type: 'CreateType', id: 't2', name: 'silver', description: 'cheap', isPublic: true, extraSpecs: {} },
    { type: 'CreateType', id: 't3', name: 'GOLD', description: null, isPublic: true, extraSpecs: {} }, // refused
    { type: 'CreateQos', id: 'q1', name: 'limits', consumer: 'front-end', specs: { read_iops_sec_per_gb: '10' } },
    { type: 'AssociateQos', qosId: 'q1', typeId: 't1' },
    { type: 'AssociateQos', qosId: 'q1', typeId: 't2' },
    { type: 'SetTypeKeys', id: 't2', specs: { volume_backend_name: 'lvm' } },
    { type: 'UnsetTypeKeys', id: 't1', keys: ['tier'] },
    { type: 'UpdateType', id: 't2', name: 'bronze' },
    { type: 'SetQosKeys', id: 'q1', specs: { read_iops_sec_per_gb_min: '100' } },
    { type: 'DeleteQos', id: 'q1', force: true },
    { type: 'SetServiceStatus', host: 'n1@lvm', disabled: true, reason: 'disk swap' },
    { type: 'DeleteType', id: 't1', volumesUsing: 0, defaultTypeId: 't2' },
  ];
  let live = initialCatalog();
  const events: CatalogEvent[] = [];
  let refused = 0;
  for (const cmd of commands) {
    const d = decideCatalog(live, cmd, ctx);
    if ('error' in d) { refused++; continue; }
    events.push(...d.events);
    live = d.events.reduce(evolveCatalog, live);
  }
  t.is(refused, 1);
  t.deepEqual(Object.keys(live.types), ['t2']);
  t.deepEqual(live.types.t2, {
    id: 't2', name: 'bronze', description: 'cheap', isPublic: true, extraSpecs: { volume_backend_name: 'lvm' }, qosSpecsId: null, createdAt: now, updatedAt: now,
  });
  t.deepEqual(live.qos, {});
  t.deepEqual(events.reduce(evolveCatalog, initialCatalog()), live);
  t.deepEqual(decode<CatalogEvent[]>(encode(events)).reduce(evolveCatalog, initialCatalog()), live);
});
