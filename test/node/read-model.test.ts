import test from 'ava';
import { KilnError } from '../../src/model/errors.js';
import type { VolumeRecord } from '../../src/model/volume.js';
import { parseSort, VolumeReadModel, type ListQuery } from '../../src/node/volume-read-model.js';
import { recordFixture } from '../actors/volume/fixtures.js';

const vol = (id: string, overrides: Partial<VolumeRecord> = {}): VolumeRecord => recordFixture({ id, name: id, ...overrides });

// Five volumes in two projects; creation order v1 < v2 < v3 < v4 < v5.
const fixtures: VolumeRecord[] = [
  vol('v1', { projectId: 'p1', name: 'db', status: 'available', sizeGiB: 50, createdAt: '2024-01-01T00:00:01Z', metadata: { tier: 'gold', env: 'prod' }, backend: 'lvm', volumeTypeId: 'gold' }),
  vol('v2', { projectId: 'p1', name: 'web', status: 'error', sizeGiB: 5, createdAt: '2024-01-01T00:00:02Z', metadata: { tier: 'gold' }, backend: 'lvm', volumeTypeId: 'gold' }),
  vol('v3', { projectId: 'p1', name: null, status: 'available', sizeGiB: 20, createdAt: '2024-01-01T00:00:03Z', metadata: {}, backend: 'file', volumeTypeId: 'silver' }),
  vol('v4', { projectId: 'p2', name: 'db', status: 'creating', sizeGiB: 10, createdAt: '2024-01-01T00:00:04Z', metadata: { env: 'prod' }, backend: null, volumeTypeId: 'gold' }),
  vol('v5', { projectId: 'p2', name: 'cache', status: 'available', sizeGiB: 1, createdAt: '2024-01-01T00:00:05Z', metadata: {}, backend: 'lvm', volumeTypeId: 'silver' }),
];

function model(records: VolumeRecord[] = fixtures): VolumeReadModel {
  const m = new VolumeReadModel();
  for (const r of records) m.put(r);
  return m;
}

function thrown(t: import('ava').ExecutionContext, fn: () => unknown): KilnError {
  const err = t.throws(fn, { instanceOf: KilnError });
  if (!err) throw new Error('expected a KilnError');
  return err;
}

type ListRow = [behaviour: string, query: ListQuery, ids: string[]];

const lists: ListRow[] = [
  ['all projects, newest first by default', { projectId: undefined }, ['v5', 'v4', 'v3', 'v2', 'v1']],
  ['one project only', { projectId: 'p1' }, ['v3', 'v2', 'v1']],
  ['an unknown project sees nothing', { projectId: 'p9' }, []],
  ['by exact name across projects', { projectId: undefined, name: 'db' }, ['v4', 'v1']],
  ['by name within a project', { projectId: 'p2', name: 'db' }, ['v4']],
  ['name matching is exact', { projectId: undefined, name: 'DB' }, []],
  ['by status', { projectId: undefined, status: 'available' }, ['v5', 'v3', 'v1']],
  ['by one metadata pair', { projectId: undefined, metadata: { tier: 'gold' } }, ['v2', 'v1']],
  ['by all of several metadata pairs', { projectId: undefined, metadata: { tier: 'gold', env: 'prod' } }, ['v1']],
  ['metadata values must match', { projectId: undefined, metadata: { env: 'dev' } }, []],
  ['empty metadata filter matches all', { projectId: 'p2', metadata: {} }, ['v5', 'v4']],
  ['filters combine', { projectId: 'p1', status: 'available', metadata: { tier: 'gold' } }, ['v1']],
  ['sort by size ascending', { projectId: undefined, sort: 'size:asc' }, ['v5', 'v2', 'v4', 'v3', 'v1']],
  ['sort by size descending', { projectId: undefined, sort: 'size:desc' }, ['v1', 'v3', 'v4', 'v2', 'v5']],
  ['sizes sort as numbers, not strings', { projectId: undefined, sort: 'size' }, ['v1', 'v3', 'v4', 'v2', 'v5']],
  ['a sort key without direction is descending', { projectId: undefined, sort: 'created_at' }, ['v5', 'v4', 'v3', 'v2', 'v1']],
  ['created_at ascending', { projectId: undefined, sort: 'created_at:asc' }, ['v1', 'v2', 'v3', 'v4', 'v5']],
  ['ties break on id in the first key direction', { projectId: undefined, sort: 'name:asc' }, ['v3', 'v5', 'v1', 'v4', 'v2']],
  ['two keys: status ascending, then size descending', { projectId: undefined, sort: 'status:asc,size:desc' }, ['v1', 'v3', 'v5', 'v4', 'v2']],
  ['blanks around keys are tolerated', { projectId: undefined, sort: ' status:asc , size:desc ' }, ['v1', 'v3', 'v5', 'v4', 'v2']],
  ['limit takes the first rows', { projectId: undefined, limit: 2 }, ['v5', 'v4']],
  ['marker starts after the marked row', { projectId: undefined, marker: 'v4' }, ['v3', 'v2', 'v1']],
  ['marker and limit page through', { projectId: undefined, marker: 'v4', limit: 2 }, ['v3', 'v2']],
  ['the last page after the last row is empty', { projectId: undefined, marker: 'v1', limit: 2 }, []],
  ['marker follows the requested sort', { projectId: undefined, sort: 'size:asc', marker: 'v2', limit: 2 }, ['v4', 'v3']],
  ['marker within filtered rows', { projectId: 'p1', marker: 'v3' }, ['v2', 'v1']],
];

for (const [behaviour, query, ids] of lists) {
  test(`list: ${behaviour}`, (t) => {
    t.deepEqual(model().list(query).map((v) => v.id), ids);
  });
}

test('list: paging with limit and marker visits every row exactly once', (t) => {
  const m = model();
  const seen: string[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 10; page++) {
    const rows = m.list({ projectId: undefined, sort: 'size:asc', limit: 2, ...(marker ? { marker } : {}) });
    if (rows.length === 0) break;
    seen.push(...rows.map((r) => r.id));
    marker = rows.at(-1)?.id;
  }
  t.deepEqual(seen, ['v5', 'v2', 'v4', 'v3', 'v1']);
});

type BadListRow = [behaviour: string, query: ListQuery, field: string];

const badLists: BadListRow[] = [
  ['an unknown sort key', { projectId: undefined, sort: 'colour' }, 'sort'],
  ['a camelCase sort key', { projectId: undefined, sort: 'createdAt' }, 'sort'],
  ['an unknown sort direction', { projectId: undefined, sort: 'size:up' }, 'sort'],
  ['an unknown key after a good one', { projectId: undefined, sort: 'size:asc,bogus' }, 'sort'],
  ['an unknown marker', { projectId: undefined, marker: 'v9' }, 'marker'],
  ['a marker filtered out by project', { projectId: 'p1', marker: 'v5' }, 'marker'],
];

for (const [behaviour, query, field] of badLists) {
  test(`list: ${behaviour} is refused as invalid params on ${field}`, (t) => {
    const err = thrown(t, () => model().list(query));
    t.is(err.code, 'ERR_INVALID_PARAMS');
    t.is(err.field, field);
  });
}

test('parseSort: the default is created_at then id, both descending', (t) => {
  t.deepEqual(parseSort(undefined), [{ key: 'createdAt', desc: true }, { key: 'id', desc: true }]);
  t.deepEqual(parseSort(''), [{ key: 'createdAt', desc: true }, { key: 'id', desc: true }]);
});

test('parseSort: maps Cinder keys to record fields and appends id once', (t) => {
  t.deepEqual(parseSort('volume_type:asc,availability_zone'), [
    { key: 'volumeTypeName', desc: false }, { key: 'availabilityZone', desc: true }, { key: 'id', desc: false },
  ]);
  t.deepEqual(parseSort('id:asc,size'), [{ key: 'id', desc: false }, { key: 'sizeGiB', desc: true }]);
});

test('resolve: finds a volume by id', (t) => {
  t.is(model().resolve('v2', 'p1').id, 'v2');
});

test('resolve: finds a volume by name within the project', (t) => {
  t.is(model().resolve('db', 'p1').id, 'v1');
  t.is(model().resolve('db', 'p2').id, 'v4');
});

test('resolve: an id of another project is not found for a member', (t) => {
  const err = thrown(t, () => model().resolve('v4', 'p1'));
  t.is(err.code, 'ERR_NOT_FOUND');
});

test('resolve: an admin (no project) finds any id', (t) => {
  t.is(model().resolve('v4', undefined).projectId, 'p2');
});

test('resolve: a name used in two projects is ambiguous for an admin', (t) => {
  const err = thrown(t, () => model().resolve('db', undefined));
  t.is(err.code, 'ERR_CONFLICT');
  t.is(err.field, 'volume');
  t.deepEqual([...(err.details?.ids as string[])].sort(), ['v1', 'v4']);
});

test('resolve: a name used twice in one project is ambiguous', (t) => {
  const m = model([...fixtures, vol('v6', { projectId: 'p1', name: 'web' })]);
  const err = thrown(t, () => m.resolve('web', 'p1'));
  t.is(err.code, 'ERR_CONFLICT');
});

test('resolve: an id wins over a name equal to it', (t) => {
  const m = model([...fixtures, vol('v7', { projectId: 'p1', name: 'v1' })]);
  t.is(m.resolve('v1', 'p1').id, 'v1');
});

test('resolve: an unknown id or name is not found', (t) => {
  const err = thrown(t, () => model().resolve('nothing', 'p1'));
  t.is(err.code, 'ERR_NOT_FOUND');
  t.deepEqual(err.details, { kind: 'Volume', id: 'nothing' });
});

test('put replaces the record with the same id; delete removes it', (t) => {
  const m = model();
  m.put(vol('v1', { projectId: 'p1', name: 'renamed', status: 'deleting' }));
  t.is(m.size, 5);
  t.is(m.get('v1')?.name, 'renamed');
  m.delete('v1');
  t.is(m.size, 4);
  t.is(m.get('v1'), undefined);
  t.deepEqual(m.list({ projectId: 'p1' }).map((v) => v.id), ['v3', 'v2']);
});

test('countByType: counts the volumes of each type', (t) => {
  const m = model();
  t.is(m.countByType('gold'), 3);
  t.is(m.countByType('silver'), 2);
  t.is(m.countByType('bronze'), 0);
});

test('usageOf: sums sizes and counts volumes per backend; unplaced volumes count nowhere', (t) => {
  const m = model();
  t.deepEqual(m.usageOf('lvm'), { provisionedGiB: 56, volumeCount: 3 });
  t.deepEqual(m.usageOf('file'), { provisionedGiB: 20, volumeCount: 1 });
  t.deepEqual(m.usageOf('nfs'), { provisionedGiB: 0, volumeCount: 0 });
});
