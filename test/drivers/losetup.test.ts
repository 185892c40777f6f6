import test from 'ava';
import {
  findLoop, loopMapping, loopsAt, losetupAttachArgs, losetupDetachArgs, losetupListArgs, lvStart, parseLosetupList,
} from '../../src/drivers/lvm/losetup.js';
import { parsePvsReport, parseSegmentsReport } from '../../src/drivers/lvm/lvm-report.js';
import { KilnError } from '../../src/model/errors.js';
import { stdoutOf } from './fixture.js';

const pv = parsePvsReport(stdoutOf('lvm', 'pvs.json'))[0]!;
const single = parseSegmentsReport(stdoutOf('lvm', 'lvs-segments-single.json'));
const fragmented = parseSegmentsReport(stdoutOf('lvm', 'lvs-segments-fragmented.json'));

test('a single-segment LV maps to pe_start + first extent × extent size, for its extent count', (t) => {
  // volume b lies on extents 256..767 of the recorded PV.
  t.deepEqual(loopMapping('kiln-rec', 'b', single, pv), { pv: '/dev/loop0', offsetBytes: 1048576 + 256 * 4194304, sizeBytes: 2 * 2 ** 30 });
});

test('a fragmented LV cannot be one loop device, but its start is still known', (t) => {
  const err = t.throws(() => loopMapping('kiln-rec', 'a', fragmented, pv), { instanceOf: KilnError });
  t.regex(err?.message ?? '', /kiln-rec\/a has 2 segments/);
  t.is(err?.details?.reason, 'fragmented');
  t.deepEqual(lvStart(fragmented, pv), { pv: '/dev/loop0', offsetBytes: 1048576 });
});

test('losetup argv', (t) => {
  t.deepEqual(losetupListArgs('/dev/loop0'), ['losetup', '--json', '--list', '--associated', '/dev/loop0']);
  t.deepEqual(losetupAttachArgs({ pv: '/dev/loop0', offsetBytes: 1048576, sizeBytes: 4194304 }), ['losetup', '--find', '--show', '--offset', '1048576', '--sizelimit', '4194304', '/dev/loop0']);
  t.deepEqual(losetupDetachArgs('/dev/loop3'), ['losetup', '--detach', '/dev/loop3']);
});

test('recorded losetup --json --list; an exact mapping is reused, a start match is released', (t) => {
  const loops = parseLosetupList(stdoutOf('lvm', 'losetup-associated.json'));
  t.deepEqual(loops.map((l) => [l.name, l.backFile, l.offsetBytes, l.sizeLimitBytes]), [
    ['/dev/loop1', '/dev/loop0', 1074790400, 2147483648],
    ['/dev/loop2', '/dev/loop0', 1048576, 1073741824],
  ]);
  t.is(findLoop(loops, { pv: '/dev/loop0', offsetBytes: 1074790400, sizeBytes: 2147483648 })?.name, '/dev/loop1');
  t.is(findLoop(loops, { pv: '/dev/loop0', offsetBytes: 1048576, sizeBytes: 2147483648 }), undefined, 'stale size');
  t.deepEqual(loopsAt(loops, { pv: '/dev/loop0', offsetBytes: 1048576 }).map((l) => l.name), ['/dev/loop2']);
  t.deepEqual(parseLosetupList(''), []);
});
