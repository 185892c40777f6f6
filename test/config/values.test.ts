import test from 'ava';
import {
  address, boolean, choice, float, hostAndPort, integer, list, nodeName, percentage, port, substitute, type Parser,
} from '../../src/config/values.js';

const value = <T>(parse: Parser<T>, raw: string): T | string => {
  const r = parse(raw);
  return r.ok ? r.value : `error: ${r.error}`;
};
const fails = <T>(parse: Parser<T>, raw: string): boolean => !parse(raw).ok;

test('integers: signs and spaces are fine, fractions and words are not, range is checked', (t) => {
  t.is(value(integer(0), ' +7 '), 7);
  t.true(fails(integer(0), '1.5'));
  t.true(fails(integer(0), 'ten'));
  t.is(value(integer(1), '0'), 'error: 0 is out of range (must be at least 1)');
});

test('floats accept decimals and exponents, not inf or nan', (t) => {
  t.is(value(float(1), '1.5'), 1.5);
  t.is(value(float(1), '2e1'), 20);
  t.true(fails(float(1), 'inf'));
  t.true(fails(float(1), 'nan'));
  t.true(fails(float(1), '0.5'));
});

test('booleans take the oslo words in any case', (t) => {
  for (const w of ['true', 'YES', '1', 'On']) t.is(value(boolean, w), true, w);
  for (const w of ['false', 'No', '0', 'OFF']) t.is(value(boolean, w), false, w);
  t.true(fails(boolean, 'maybe'));
});

test('ports are 1..65535 and percentages 0..100', (t) => {
  t.is(value(port, '8776'), 8776);
  t.true(fails(port, '0'));
  t.true(fails(port, '65536'));
  t.is(value(percentage, '100'), 100);
  t.true(fails(percentage, '101'));
  t.true(fails(percentage, '-1'));
});

test('lists split on commas and newlines and refuse empty items', (t) => {
  t.deepEqual(value(list, 'a, b,\nc'), ['a', 'b', 'c']);
  t.is(value(list, ' '), 'error: must list at least one name');
  t.true(fails(list, 'a,,b'));
});

test('choices ignore case and yield the canonical spelling', (t) => {
  t.is(value(choice(['debug', 'info']), 'DEBUG'), 'debug');
  t.true(fails(choice(['debug', 'info']), 'loud'));
});

test('addresses are IPs or host names; node names refuse @ and #', (t) => {
  for (const a of ['0.0.0.0', '::1', 'node-1.example.org']) t.is(value(address, a), a);
  t.true(fails(address, 'not a host'));
  t.is(value(nodeName, 'node1'), 'node1');
  t.true(fails(nodeName, 'node@lvm'));
});

test('host:port takes host, host:port, [v6]:port and bare v6', (t) => {
  t.deepEqual(value(hostAndPort, '0.0.0.0'), { host: '0.0.0.0', port: undefined });
  t.deepEqual(value(hostAndPort, 'example.org:9000'), { host: 'example.org', port: 9000 });
  t.deepEqual(value(hostAndPort, '[::1]:9000'), { host: '::1', port: 9000 });
  t.deepEqual(value(hostAndPort, '::1'), { host: '::1', port: undefined });
  t.true(fails(hostAndPort, 'h:99999'));
  t.true(fails(hostAndPort, '[nope]:1'));
});

test('substitutes $name and ${name}, $$ is a dollar, and nested values resolve', (t) => {
  const vars: Record<string, string> = { state_path: '/d', a: '$b', b: 'x' };
  const lookup = (n: string) => vars[n];
  t.is(value((s) => substitute(s, lookup), '$state_path/volumes'), '/d/volumes');
  t.is(value((s) => substitute(s, lookup), '${a}-$$'), 'x-$');
  t.is(value((s) => substitute(s, lookup), '$nope/x'), 'error: cannot substitute $nope: it is not set');
  t.true(fails((s) => substitute(s, (n) => (n === 'loop' ? '$loop' : undefined)), '$loop'));
});
