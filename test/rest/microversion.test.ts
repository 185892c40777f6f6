import test from 'ava';
import { compareVersions, negotiate, parseVersion, versionAtLeast } from '../../src/api/rest/microversion.js';

const cases: [string | undefined, string][] = [
  [undefined, 'ok 3.0'],
  ['', 'ok 3.0'],
  ['volume 3.70', 'ok 3.70'],
  ['volume 3.27', 'ok 3.27'],
  ['Volume 3.5', 'ok 3.5'],
  ['volume latest', 'ok 3.70'],
  ['compute 2.1, volume 3.44', 'ok 3.44'],
  ['compute 2.90', 'ok 3.0'],
  ['volume 3.71', '406'],
  ['volume 3.99', '406'],
  ['volume 2.0', '406'],
  ['volume 4.0', '406'],
  ['volume 3.x', '400'],
  ['volume 3', '400'],
  ['volume 03.1', '400'],
];

for (const [header, expected] of cases) {
  test(`negotiates ${JSON.stringify(header)} → ${expected}`, (t) => {
    const n = negotiate(header);
    t.is(n.ok ? `ok ${n.version.major}.${n.version.minor}` : String(n.status), expected);
  });
}

test('names the supported range in the 406 message, as Cinder does', (t) => {
  const n = negotiate('volume 3.99');
  t.false(n.ok);
  if (!n.ok) t.is(n.message, 'Version 3.99 is not supported by the API. Minimum is 3.0 and maximum is 3.70.');
});

test('compares versions numerically, not as strings', (t) => {
  const v = (s: string) => parseVersion(s) ?? { major: 0, minor: 0 };
  t.true(compareVersions(v('3.10'), v('3.9')) > 0);
  t.true(versionAtLeast(v('3.48'), '3.48'));
  t.false(versionAtLeast(v('3.47'), '3.48'));
  t.true(versionAtLeast(v('3.100'), '3.70'));
});
