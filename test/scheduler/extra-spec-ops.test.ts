import test from 'ava';
import { extraSpec, matchesSpec } from '../../src/scheduler/extra-spec-ops.js';

type Row = [behaviour: string, capability: unknown, requirement: string, expected: boolean];

const rows: Row[] = [
  // Plain values: equality with the whole requirement, natural per type.
  ['plain string equal', 'LVM_iSCSI', 'LVM_iSCSI', true],
  ['plain string is case-sensitive', 'LVM_iSCSI', 'lvm_iscsi', false],
  ['plain value with spaces compares the whole string', 'fast ssd', 'fast ssd', true],
  ['plain value keeps surrounding whitespace significant', 'lvm', ' lvm', false],
  ['plain number equals its decimal text', 10, '10', true],
  ['plain number equals a float spelling', 10, '10.0', true],
  ['plain number differs', 10, '11', false],
  ['plain number against non-numeric text', 10, 'ten', false],
  ['plain True matches boolean true', true, 'True', true],
  ['plain true matches case-insensitively', true, 'tRuE', true],
  ['plain False matches boolean false', false, 'False', true],
  ['plain True does not match false', false, 'True', false],
  ['plain yes is not a boolean word for plain values', true, 'yes', false],
  ['plain empty requirement matches an empty string', '', '', true],
  ['unknown operator word reads as plain value', 'constructor', 'constructor', true],
  ['prototype key is not an operator', 'x', 'constructor 1', false],
  ['numeric > is not a Cinder operator, so it is plain', 5, '> 3', false],
  ['=10 without a space is a plain value', 10, '=10', false],
  ['missing capability never matches', undefined, 'x', false],
  ['null capability never matches', null, 'None', false],
  // '=' is Cinder's "at least".
  ['= accepts greater', 20, '= 10', true],
  ['= accepts equal', 10, '= 10', true],
  ['= rejects smaller', 5, '= 10', false],
  ['= parses numeric strings', '20', '= 10', true],
  ['= with unparseable operand does not match', 20, '= ten', false],
  ['= with unparseable capability does not match', 'lots', '= 10', false],
  ['= with no operand does not match', 20, '=', false],
  ['= with hex operand does not match (not a decimal)', 20, '= 0x10', false],
  ['= with boolean capability does not match', true, '= 1', false],
  ['== equal', 10, '== 10', true],
  ['== equal across float spelling', '10.0', '== 10', true],
  ['== unequal', 10, '== 11', false],
  ['== with empty capability string does not match', '', '== 0', false],
  ['!= unequal', 10, '!= 11', true],
  ['!= equal', 10, '!= 10', false],
  ['!= with unparseable operand does not match', 10, '!= x', false],
  ['>= greater', 11, '>= 10', true],
  ['>= equal', 10, '>= 10', true],
  ['>= smaller', 9.5, '>= 10', false],
  ['>= negative and exponent numbers', -1e3, '>= -1001', true],
  ['<= smaller', 9, '<= 10', true],
  ['<= greater', 11, '<= 10', false],
  ['extra whitespace between words is ignored', 11, '  >=   10 ', true],
  // String comparisons.
  ['s== equal', 'abc', 's== abc', true],
  ['s== unequal', 'abc', 's== abd', false],
  ['s== on numbers compares text', 10, 's== 10', true],
  ['s== on booleans uses Python spelling', true, 's== True', true],
  ['s== on booleans is case-sensitive', true, 's== true', false],
  ['s!= unequal', 'abc', 's!= abd', true],
  ['s!= equal', 'abc', 's!= abc', false],
  ['s< lexicographic less', 'abc', 's< abd', true],
  ['s< compares text not numbers', '10', 's< 9', true],
  ['s< equal is not less', 'abc', 's< abc', false],
  ['s<= equal', 'abc', 's<= abc', true],
  ['s> greater', 'b', 's> a', true],
  ['s> smaller', 'a', 's> b', false],
  ['s>= equal', 'b', 's>= b', true],
  ['s>= smaller', 'a', 's>= b', false],
  ['s== with no operand does not match', 'abc', 's==', false],
  // <in>
  ['<in> substring', 'iSCSI,FC', '<in> FC', true],
  ['<in> missing substring', 'iSCSI', '<in> FC', false],
  ['<in> uses only the first operand', 'abc', '<in> a zzz', true],
  ['<in> with no operand does not match', 'abc', '<in>', false],
  ['<in> on a number checks its text', 1234, '<in> 23', true],
  ['<in> on a list is membership', ['iSCSI', 'FC'], '<in> FC', true],
  ['<in> on a list is not substring of elements', ['iSCSI', 'FC'], '<in> SCS', false],
  ['<in> on a list of numbers compares naturally', [1, 2, 3], '<in> 2', true],
  // <all-in>
  ['<all-in> string contains every operand', 'compression,dedup', '<all-in> dedup compression', true],
  ['<all-in> string lacks one operand', 'compression', '<all-in> dedup compression', false],
  ['<all-in> list holds every operand', ['a', 'b', 'c'], '<all-in> a c', true],
  ['<all-in> list lacks one operand', ['a', 'b'], '<all-in> a c', false],
  ['<all-in> with no operands does not match', ['a'], '<all-in>', false],
  // <is>
  ['<is> True on true', true, '<is> True', true],
  ['<is> True on false', false, '<is> True', false],
  ['<is> False on false', false, '<is> False', true],
  ['<is> accepts lower case', true, '<is> true', true],
  ['<is> accepts oslo words', true, '<is> yes', true],
  ['<is> reads string capabilities', 'True', '<is> True', true],
  ['<is> reads 0/1 capabilities', 0, '<is> False', true],
  ['<is> with unknown word does not match', false, '<is> banana', false],
  ['<is> on unparseable capability does not match', 'maybe', '<is> False', false],
  ['<is> with no operand does not match', true, '<is>', false],
  // <or>
  ['<or> first candidate', 'lvm', '<or> lvm <or> ceph', true],
  ['<or> later candidate', 'ceph', '<or> lvm <or> ceph <or> nfs', true],
  ['<or> no candidate', 'nfs', '<or> lvm <or> ceph', false],
  ['<or> single candidate', 'lvm', '<or> lvm', true],
  ['<or> separators are positional, as in Cinder', 'b', '<or> a b c', false],
  ['<or> word after a positional separator is a candidate', 'c', '<or> a b c', true],
  ['<or> compares numbers naturally', 3, '<or> 1 <or> 3.0', true],
  ['<or> compares booleans naturally', true, '<or> False <or> True', true],
  ['<or> with no candidates does not match', 'a', '<or>', false],
  // Lists with other operators: any element may satisfy.
  ['list with numeric operator matches on any element', [1, 20], '>= 10', true],
  ['list with numeric operator and no element matching', [1, 2], '>= 10', false],
  ['list with plain value matches an element', ['thin', 'thick'], 'thick', true],
  ['empty list matches nothing', [], 'x', false],
];

for (const [behaviour, capability, requirement, expected] of rows) {
  test(`matchesSpec: ${behaviour} (${JSON.stringify(capability)} vs "${requirement}" → ${expected})`, (t) => {
    t.is(matchesSpec(capability, requirement), expected);
  });
}

test('matchesSpec never throws on odd capability shapes', (t) => {
  for (const capability of [{}, Number.NaN, Number.POSITIVE_INFINITY, Symbol('x'), () => 1]) {
    for (const requirement of ['x', '= 1', 's< a', '<in> a', '<is> True', '<or> a']) {
      t.false(matchesSpec(capability, requirement), `${String(capability)} vs ${requirement}`);
    }
  }
});

test('extraSpec reads own keys only, so inherited names are not specs', (t) => {
  const specs: Record<string, string> = { 'provisioning:type': 'thick' };
  t.is(extraSpec(specs, 'provisioning:type'), 'thick');
  t.is(extraSpec(specs, 'constructor'), undefined);
  t.is(extraSpec(specs, 'missing'), undefined);
});
