import test from 'ava';
import { RestError } from '../../src/api/rest/faults.js';
import { cinderTime, derivedUuid } from '../../src/api/rest/format.js';
import { boolParam, dictParam, intParam, isPublicParam } from '../../src/api/rest/query.js';

const bools: [string | null, boolean | undefined | 'error'][] = [
  [null, undefined], ['1', true], ['True', true], ['yes', true], ['0', false], ['False', false], ['off', false], ['maybe', 'error'],
];
for (const [input, expected] of bools) {
  test(`reads boolean ${JSON.stringify(input)}`, (t) => {
    if (expected === 'error') t.throws(() => boolParam('all_tenants', input), { instanceOf: RestError });
    else t.is(boolParam('all_tenants', input), expected);
  });
}

const publics: [string | null, boolean | 'all' | 'error'][] = [[null, true], ['None', 'all'], ['true', true], ['false', false], ['x', 'error']];
for (const [input, expected] of publics) {
  test(`reads is_public ${JSON.stringify(input)}`, (t) => {
    if (expected === 'error') t.throws(() => isPublicParam(input), { message: 'Invalid is_public filter [x]' });
    else t.is(isPublicParam(input), expected);
  });
}

const dicts: [string, Record<string, string> | 'error'][] = [
  ["{'k': 'v'}", { k: 'v' }],
  ["{'a': '1', 'b': 'x y'}", { a: '1', b: 'x y' }],
  ['{"k": "v"}', { k: 'v' }],
  ['{}', {}],
  ["{'it\\'s': 'ok'}", { "it's": 'ok' }],
  ['k=v', 'error'],
  ["{'k': 1}", 'error'],
];
for (const [input, expected] of dicts) {
  test(`reads the metadata filter ${input}`, (t) => {
    if (expected === 'error') t.throws(() => dictParam('metadata', input), { instanceOf: RestError });
    else t.deepEqual(dictParam('metadata', input), expected);
  });
}

test('reads limits as non-negative integers', (t) => {
  t.is(intParam('limit', '5', 1), 5);
  t.is(intParam('limit', null), undefined);
  t.throws(() => intParam('limit', 'x'), { message: 'limit param must be an integer' });
  t.throws(() => intParam('limit', '0', 1), { message: 'limit param must be positive' });
});

test('prints timestamps the way Cinder does: naive UTC with microseconds', (t) => {
  t.is(cinderTime('2026-11-25T13:17:08.649Z'), '2026-11-25T13:17:08.649000');
  t.is(cinderTime(null), null);
});

test('derives stable RFC 4122 UUIDs', (t) => {
  const a = derivedUuid('ns', 'host@backend');
  t.is(a, derivedUuid('ns', 'host@backend'));
  t.not(a, derivedUuid('ns', 'host@other'));
  t.regex(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
