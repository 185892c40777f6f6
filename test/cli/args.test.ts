import test from 'ava';
import { InvalidArgumentError } from 'commander';
import { parseBool, parseKeys, parseKeyValues, parsePositiveInt, UsageError } from '../../src/cli/args.js';
import { splitConsumer } from '../../src/cli/qos.js';

test('key=value pairs split at the first =, so values may hold = and be empty', (t) => {
  t.deepEqual(parseKeyValues(['a=1', 'b=x=y', 'c=']), { a: '1', b: 'x=y', c: '' });
});

test('a pair without = or without a key is reported by its text', (t) => {
  t.throws(() => parseKeyValues(['a=1', 'oops']), { instanceOf: UsageError, message: "bad key=value pair 'oops': expected key=value" });
  t.throws(() => parseKeyValues(['=1']), { instanceOf: UsageError, message: "bad key=value pair '=1': the key is empty" });
});

test('unset takes keys and tolerates key=value', (t) => {
  t.deepEqual(parseKeys(['a', 'b=2']), ['a', 'b']);
  t.throws(() => parseKeys(['=x']), { instanceOf: UsageError });
});

test('sizes are positive integers only', (t) => {
  t.is(parsePositiveInt('10'), 10);
  for (const bad of ['abc', '0', '-1', '1.5', '1e3', '']) t.throws(() => parsePositiveInt(bad), { instanceOf: InvalidArgumentError }, bad);
});

test('booleans follow cinder strict bool_from_string', (t) => {
  t.true(parseBool('True'));
  t.false(parseBool('no'));
  t.throws(() => parseBool('maybe'), { instanceOf: InvalidArgumentError });
});

test('the QoS consumer is taken out of the spec pairs and checked', (t) => {
  t.deepEqual(splitConsumer({ consumer: 'front-end', read_iops_sec: '100' }), { consumer: 'front-end', specs: { read_iops_sec: '100' } });
  t.deepEqual(splitConsumer({ a: '1' }), { consumer: undefined, specs: { a: '1' } });
  t.throws(() => splitConsumer({ consumer: 'sideways' }), { instanceOf: UsageError, message: /front-end, back-end, both/ });
});
