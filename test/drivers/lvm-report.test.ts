import test from 'ava';
import { parseLvsReport, parsePvsReport, parseSegmentsReport, parseVgsReport } from '../../src/drivers/lvm/lvm-report.js';
import { KilnError } from '../../src/model/errors.js';
import { stdoutOf } from './fixture.js';

const a = 'volume-0b6f2c8e-5d2a-4c55-9a43-111111111111';
const b = 'volume-0b6f2c8e-5d2a-4c55-9a43-222222222222';
const GiB = 2 ** 30;

test('lvs: thick LVs with sizes in bytes, tags split, empty fields undefined', (t) => {
  const lvs = parseLvsReport(stdoutOf('lvm', 'lvs-thick.json'));
  t.deepEqual(lvs.map((l) => [l.name, l.sizeBytes, l.kind, l.tags]), [
    ['not-a-volume', 8 * 2 ** 20, 'thick', ['other']],
    [a, 2 * GiB, 'thick', []],
    [b, 2 * GiB, 'thick', []],
  ]);
  t.like(lvs[1], { vg: 'kiln-rec', attr: '-wi-XX----', pool: undefined, origin: undefined, dataPercent: undefined, path: `/dev/kiln-rec/${a}`, isOrigin: false });
});

test('lvs: a thin pool, thin LVs in it and a thin snapshot', (t) => {
  const lvs = parseLvsReport(stdoutOf('lvm', 'lvs-thin.json'));
  const thin3 = 'volume-0b6f2c8e-5d2a-4c55-9a43-333333333333';
  t.deepEqual(lvs.map((l) => [l.name, l.kind, l.sizeBytes / GiB, l.pool, l.origin]), [
    ['kiln-rec-pool', 'thin-pool', 1, undefined, undefined],
    [b, 'thick', 2, undefined, undefined],
    [thin3, 'thin', 3, 'kiln-rec-pool', undefined],
    ['volume-0b6f2c8e-5d2a-4c55-9a43-444444444444', 'thin', 1, 'kiln-rec-pool', thin3],
  ]);
  t.is(lvs[0]?.path, undefined);
  t.is(lvs[0]?.dataPercent, undefined, 'an inactive pool reports no data_percent');
});

test('lvs: an empty VG and a failed lookup are empty lists', (t) => {
  t.deepEqual(parseLvsReport(stdoutOf('lvm', 'lvs-empty-vg.json')), []);
  t.deepEqual(parseLvsReport(stdoutOf('lvm', 'lvs-lv-not-found.stdout.txt')), []);
});

test('lvs: a row repeated per segment is one LV', (t) => {
  const row = { lv_name: 'volume-x', vg_name: 'v', lv_size: '4194304B', lv_attr: '-wi-a-----', lv_tags: '', pool_lv: '', origin: '', data_percent: '', metadata_percent: '', lv_path: '/dev/v/volume-x' };
  t.is(parseLvsReport(JSON.stringify({ report: [{ lv: [row, row] }] })).length, 1);
});

test('lvs: data_percent of an active pool is a number', (t) => {
  const row = { lv_name: 'p', vg_name: 'v', lv_size: '1073741824B', lv_attr: 'twi-aotz--', lv_tags: '', pool_lv: '', origin: '', data_percent: '12.50', metadata_percent: '3.01', lv_path: '' };
  t.like(parseLvsReport(JSON.stringify({ report: [{ lv: [row] }] }))[0], { kind: 'thin-pool', dataPercent: 12.5, metadataPercent: 3.01 });
});

test('vgs: size, free and extents', (t) => {
  t.deepEqual(parseVgsReport(stdoutOf('lvm', 'vgs.json')), [{
    name: 'kiln-rec', sizeBytes: 6438256640, freeBytes: 2134900736, extentSizeBytes: 4194304, extentCount: 1535,
    freeExtentCount: 509, lvCount: 3, attr: 'wz--n-',
  }]);
  t.deepEqual(parseVgsReport(stdoutOf('lvm', 'vgs-vg-not-found.stdout.txt')), []);
});

test('segments and pvs: where a fragmented LV lies', (t) => {
  const segs = parseSegmentsReport(stdoutOf('lvm', 'lvs-segments-fragmented.json'));
  t.deepEqual(segs.map((s) => [s.startExtent, s.extentCount, s.ranges]), [
    [0, 256, [{ pv: '/dev/loop0', firstExtent: 0, lastExtent: 255 }]],
    [256, 256, [{ pv: '/dev/loop0', firstExtent: 770, lastExtent: 1025 }]],
  ]);
  t.like(parsePvsReport(stdoutOf('lvm', 'pvs.json'))[0], { name: '/dev/loop0', vg: 'kiln-rec', peStartBytes: 1048576 });
});

test('output that is not an lvm2 JSON report is a driver error naming what was wrong', (t) => {
  t.is(t.throws(() => parseLvsReport('  Volume group "x" not found'), { instanceOf: KilnError })?.code, 'ERR_DRIVER');
  t.regex(t.throws(() => parseLvsReport('{"x":1}'))?.message ?? '', /no "report" array|without a "report"/);
  const mib = JSON.stringify({ report: [{ vg: [{ vg_name: 'v', vg_size: '1.00g', vg_free: '0B', vg_extent_size: '4B', vg_extent_count: '1', vg_free_count: '0', lv_count: '0', vg_attr: '' }] }] });
  t.regex(t.throws(() => parseVgsReport(mib))?.message ?? '', /--units b/);
});
