import test from 'ava';
import { parseIni } from '../../src/config/ini.js';

const entries = (text: string, section = 'DEFAULT') =>
  Object.fromEntries([...(parseIni(text, 'c.conf').sections.get(section) ?? [])].map(([k, e]) => [k, e.value]));

test('reads sections with both separators and 1-based lines', (t) => {
  const doc = parseIni('[DEFAULT]\nhost = a\n\n[lvm]\nvolume_driver: file\n', 'c.conf');
  t.deepEqual(doc.problems, []);
  t.deepEqual(doc.sections.get('DEFAULT')?.get('host'), { value: 'a', line: 2 });
  t.deepEqual(doc.sections.get('lvm')?.get('volume_driver'), { value: 'file', line: 5 });
  t.is(doc.headers.get('lvm'), 4);
});

test('splits at whichever separator comes first, keeping the rest of the value', (t) => {
  t.deepEqual(entries('[DEFAULT]\ntransport_url = rabbit://u:p@h:5672/\nmy_ip: 10.0.0.1=x\n'), {
    transport_url: 'rabbit://u:p@h:5672/',
    my_ip: '10.0.0.1=x',
  });
});

test('skips # and ; comment lines and blank lines', (t) => {
  const text = '# top\n[DEFAULT]\n; semi\n\n   \nhost = a\n#host = b\n';
  t.deepEqual(entries(text), { host: 'a' });
});

test('indented lines continue the previous value, joined with newlines', (t) => {
  const doc = parseIni('[DEFAULT]\nenabled_backends = a,\n    b,\n\tc\nhost = h\n', 'c.conf');
  t.deepEqual(doc.sections.get('DEFAULT')?.get('enabled_backends'), { value: 'a,\nb,\nc', line: 2 });
  t.is(doc.sections.get('DEFAULT')?.get('host')?.value, 'h');
});

test('a blank line ends a continued value; an indented comment is not part of it', (t) => {
  const doc = parseIni('[DEFAULT]\nx = 1\n  # note\n  2\n\n  3\n', 'c.conf');
  t.is(doc.sections.get('DEFAULT')?.get('x')?.value, '1\n2');
  t.deepEqual(doc.problems.map((p) => [p.line, p.message]), [[6, 'indented line does not continue any value']]);
});

test('strips one pair of matching quotes, and an empty value is kept', (t) => {
  t.deepEqual(entries('[DEFAULT]\na = "x y"\nb = \'z\'\nc = "odd\nd =\n'), { a: 'x y', b: 'z', c: '"odd', d: '' });
});

test('a duplicate key: the last one wins, with its line', (t) => {
  const doc = parseIni('[DEFAULT]\nhost = a\nhost = b\n[DEFAULT]\nport = 1\n', 'c.conf');
  t.deepEqual(doc.sections.get('DEFAULT')?.get('host'), { value: 'b', line: 3 });
  t.is(doc.sections.get('DEFAULT')?.get('port')?.value, '1');
  t.is(doc.headers.get('DEFAULT'), 1);
});

test('handles CRLF line endings and a byte-order mark', (t) => {
  t.deepEqual(entries('\uFEFF[DEFAULT]\r\nhost = a\r\n'), { host: 'a' });
});

test('a key before any section is a problem at its line', (t) => {
  const doc = parseIni('\nhost = a\n  more\n[DEFAULT]\n', 'c.conf');
  t.deepEqual(doc.problems, [
    { file: 'c.conf', line: 2, key: 'host', message: 'key comes before any [section]; put it under [DEFAULT]' },
  ]);
  t.is(doc.sections.get('DEFAULT')?.size, 0);
});

test('reports broken headers and lines without a separator, with file, line and section', (t) => {
  const doc = parseIni('[DEFAULT\nx = 1\n[]\n[ok]\njust words\n= 3\n', 'c.conf');
  t.deepEqual(doc.problems.map((p) => [p.file, p.line, p.section, p.message]), [
    ['c.conf', 1, undefined, 'section header [DEFAULT is missing its closing ]'],
    ['c.conf', 3, undefined, 'section header [] has no name'],
    ['c.conf', 5, 'ok', 'expected "key = value", found "just words"'],
    ['c.conf', 6, 'ok', 'a value has no key'],
  ]);
});
