import test from 'ava';
import { decideCatalog } from '../../../src/actors/catalog/decide.js';
import { evolveCatalog } from '../../../src/actors/catalog/evolve.js';
import type { CatalogCommand, CatalogEvent } from '../../../src/actors/catalog/state.js';
import { catalogOf, created, ctx, now, qosFixture, typeFixture, testCatalogRows, type CatalogRow } from './fixtures.js';

type Row = CatalogRow;

const gold = typeFixture('t-gold', { name: 'gold', extraSpecs: { volume_backend_name: 'lvm', tier: 'gold' } });
const silver = typeFixture('t-silver', { name: 'silver', description: 'cheap', isPublic: false });
const base = catalogOf([gold, silver]);

const rows: Row[] = [
  {
    behaviour: 'creating a type records it without QoS and with both timestamps',
    state: catalogOf(), cmd: { type: 'CreateType', id: 't-1', name: 'fast', description: 'ssd', isPublic: true, extraSpecs: { a: '1' } },
    events: [{ type: 'TypeCreated', volumeType: { id: 't-1', name: 'fast', description: 'ssd', isPublic: true, extraSpecs: { a: '1' }, qosSpecsId: null, createdAt: now, updatedAt: now } }],
    after: (s) => Object.keys(s.types), expected: ['t-1'],
  },
  { behaviour: 'a type name already taken is a conflict on name', state: base, cmd: { type: 'CreateType', id: 't-2', name: 'gold', description: null, isPublic: true, extraSpecs: {} }, error: { code: 'ERR_CONFLICT', field: 'name' } },
  { behaviour: 'type names conflict regardless of case', state: base, cmd: { type: 'CreateType', id: 't-2', name: 'GoLD', description: null, isPublic: true, extraSpecs: {} }, error: { code: 'ERR_CONFLICT', field: 'name' } },
  {
    behaviour: 'a name that only shares a prefix is not a conflict',
    state: base, cmd: { type: 'CreateType', id: 't-2', name: 'gold-2', description: null, isPublic: true, extraSpecs: {} },
    after: (s) => s.types['t-2']?.name, expected: 'gold-2',
  },

  // Update
  {
    behaviour: 'renaming a type changes only the name and updatedAt',
    state: base, cmd: { type: 'UpdateType', id: 't-silver', name: 'bronze' },
    events: [{ type: 'TypeUpdated', id: 't-silver', at: now, name: 'bronze', description: undefined, isPublic: undefined }],
    after: (s) => s.types['t-silver'], expected: { ...silver, name: 'bronze', updatedAt: now },
  },
  {
    behaviour: 'updating description and visibility keeps the name',
    state: base, cmd: { type: 'UpdateType', id: 't-silver', description: 'archive', isPublic: true },
    after: (s) => s.types['t-silver'], expected: { ...silver, description: 'archive', isPublic: true, updatedAt: now },
  },
  { behaviour: 'renaming to another type name (any case) is a conflict on name', state: base, cmd: { type: 'UpdateType', id: 't-silver', name: 'GOLD' }, error: { code: 'ERR_CONFLICT', field: 'name' } },
  {
    behaviour: 'renaming a type to its own name in another case is allowed',
    state: base, cmd: { type: 'UpdateType', id: 't-gold', name: 'Gold' },
    after: (s) => s.types['t-gold']?.name, expected: 'Gold',
  },
  { behaviour: 'updating an unknown type is not found', state: base, cmd: { type: 'UpdateType', id: 'nope', name: 'x' }, error: { code: 'ERR_NOT_FOUND' } },

  // Delete
  {
    behaviour: 'an unused type that is not the default can be deleted',
    state: base, cmd: { type: 'DeleteType', id: 't-silver', volumesUsing: 0, defaultTypeId: 't-gold' },
    events: [{ type: 'TypeDeleted', id: 't-silver' }],
    after: (s) => Object.keys(s.types), expected: ['t-gold'],
  },
  {
    behaviour: 'without a default type any unused type can be deleted',
    state: base, cmd: { type: 'DeleteType', id: 't-gold', volumesUsing: 0, defaultTypeId: undefined },
    events: [{ type: 'TypeDeleted', id: 't-gold' }],
  },
  { behaviour: 'the default type cannot be deleted', state: base, cmd: { type: 'DeleteType', id: 't-gold', volumesUsing: 0, defaultTypeId: 't-gold' }, error: { code: 'ERR_INVALID_STATE' } },
  {
    behaviour: 'a type still used by volumes cannot be deleted',
    state: base, cmd: { type: 'DeleteType', id: 't-silver', volumesUsing: 2, defaultTypeId: 't-gold' },
    error: { code: 'ERR_INVALID_STATE', details: { volumesUsing: 2 } },
  },
  { behaviour: 'deleting an unknown type is not found', state: base, cmd: { type: 'DeleteType', id: 'nope', volumesUsing: 0, defaultTypeId: undefined }, error: { code: 'ERR_NOT_FOUND' } },

  // Extra specs
  {
    behaviour: 'setting keys merges them into the extra specs, overwriting equal keys',
    state: base, cmd: { type: 'SetTypeKeys', id: 't-gold', specs: { tier: 'platinum', multiattach: '<is> True' } },
    events: [{ type: 'TypeKeysSet', id: 't-gold', at: now, specs: { tier: 'platinum', multiattach: '<is> True' } }],
    after: (s) => s.types['t-gold']?.extraSpecs, expected: { volume_backend_name: 'lvm', tier: 'platinum', multiattach: '<is> True' },
  },
  { behaviour: 'setting keys on an unknown type is not found', state: base, cmd: { type: 'SetTypeKeys', id: 'nope', specs: { a: '1' } }, error: { code: 'ERR_NOT_FOUND' } },
  {
    behaviour: 'unsetting keys removes exactly those keys',
    state: base, cmd: { type: 'UnsetTypeKeys', id: 't-gold', keys: ['tier'] },
    events: [{ type: 'TypeKeysUnset', id: 't-gold', at: now, keys: ['tier'] }],
    after: (s) => s.types['t-gold'], expected: { ...gold, extraSpecs: { volume_backend_name: 'lvm' }, updatedAt: now },
  },
  {
    behaviour: 'unsetting a key the type does not have is not found, naming the key',
    state: base, cmd: { type: 'UnsetTypeKeys', id: 't-gold', keys: ['tier', 'missing'] },
    error: { code: 'ERR_NOT_FOUND', details: { kind: 'Volume type extra spec', id: 'missing' } },
  },
  { behaviour: 'unsetting keys on an unknown type is not found', state: base, cmd: { type: 'UnsetTypeKeys', id: 'nope', keys: ['a'] }, error: { code: 'ERR_NOT_FOUND' } },

  // Services
  {
    behaviour: 'disabling a service records the reason and time',
    state: base, cmd: { type: 'SetServiceStatus', host: 'node1@lvm', disabled: true, reason: 'maintenance' },
    events: [{ type: 'ServiceStatusSet', host: 'node1@lvm', at: now, disabled: true, reason: 'maintenance' }],
    after: (s) => s.services, expected: { 'node1@lvm': { disabled: true, reason: 'maintenance', updatedAt: now } },
  },
  {
    behaviour: 'enabling a disabled service clears the reason',
    state: { ...base, services: { 'node1@lvm': { disabled: true, reason: 'maintenance', updatedAt: created } } },
    cmd: { type: 'SetServiceStatus', host: 'node1@lvm', disabled: false, reason: null },
    after: (s) => s.services['node1@lvm'], expected: { disabled: false, reason: null, updatedAt: now },
  },
  {
    behaviour: 'an unknown catalog command is refused on type',
    state: base, cmd: { type: 'Bogus' } as unknown as CatalogCommand,
    error: { code: 'ERR_INVALID_PARAMS', field: 'type' },
  },
];

testCatalogRows(rows);

test('decideCatalog: QoS association survives a type rename', (t) => {
  const s = catalogOf([typeFixture('t', { qosSpecsId: 'q' })], [qosFixture('q')]);
  const d = decideCatalog(s, { type: 'UpdateType', id: 't', name: 'renamed' }, ctx);
  if ('error' in d) return t.fail();
  t.is(d.events.reduce(evolveCatalog, s).types.t?.qosSpecsId, 'q');
});

test('evolveCatalog: events for a type that no longer exists change nothing', (t) => {
  const s = catalogOf([gold]);
  const events: CatalogEvent[] = [
    { type: 'TypeUpdated', id: 'gone', at: now, name: 'x' },
    { type: 'TypeKeysSet', id: 'gone', at: now, specs: { a: '1' } },
    { type: 'TypeKeysUnset', id: 'gone', at: now, keys: ['a'] },
    { type: 'QosAssociated', qosId: 'q', typeId: 'gone', at: now },
    { type: 'QosKeysSet', id: 'gone', at: now, specs: { a: '1' } },
  ];
  for (const e of events) t.deepEqual(evolveCatalog(s, e), s, e.type);
});
