import test from 'ava';
import { checkQosSpecs, frontEndQosKeys, scaledQosSpecs } from '../../../src/actors/catalog/qos-keys.js';

test('front-end keys are the six bases with their per-GB, max, per-GB-min and max-length variants plus size_iops_sec', (t) => {
  t.is(frontEndQosKeys.size, 6 * 5 + 1);
  for (const key of ['read_iops_sec', 'total_bytes_sec_per_gb', 'write_iops_sec_max', 'read_bytes_sec_per_gb_min', 'total_iops_sec_max_length', 'size_iops_sec']) {
    t.true(frontEndQosKeys.has(key), key);
  }
  t.false(frontEndQosKeys.has('iops'));
  t.false(frontEndQosKeys.has('read_iops_sec_min'));
});

type CheckRow = [behaviour: string, consumer: 'front-end' | 'back-end' | 'both', specs: Record<string, string>, problemKey: string | undefined];

const checks: CheckRow[] = [
  ['no specs are fine', 'front-end', {}, undefined],
  ['integers on Cinder keys are fine', 'front-end', { read_iops_sec: '0', total_bytes_sec: '104857600' }, undefined],
  ['surrounding blanks are tolerated', 'front-end', { read_iops_sec: ' 10 ' }, undefined],
  ['a negative value is refused', 'front-end', { read_iops_sec: '-1' }, 'read_iops_sec'],
  ['a fractional value is refused', 'both', { write_iops_sec: '1.5' }, 'write_iops_sec'],
  ['a word is refused', 'back-end', { total_iops_sec_max: 'abc' }, 'total_iops_sec_max'],
  ['an empty value is refused', 'front-end', { size_iops_sec: '' }, 'size_iops_sec'],
  ['unknown keys are refused for front-end', 'front-end', { maxIOPS: '10' }, 'maxIOPS'],
  ['unknown keys are allowed for back-end', 'back-end', { maxIOPS: 'anything' }, undefined],
  ['unknown keys are allowed for both', 'both', { 'vendor:x': 'y' }, undefined],
  ['the first problem is reported', 'front-end', { read_iops_sec: '1', bad1: '1', bad2: '1' }, 'bad1'],
];

for (const [behaviour, consumer, specs, problemKey] of checks) {
  test(`checkQosSpecs: ${behaviour}`, (t) => {
    const problem = checkQosSpecs(consumer, specs);
    t.is(problem?.[0], problemKey);
    if (problemKey) t.true((problem?.[1] ?? '').includes(problemKey));
  });
}

type ScaleRow = [behaviour: string, specs: Record<string, string>, sizeGiB: number, expected: Record<string, number>];

const scales: ScaleRow[] = [
  ['fixed keys pass through as numbers', { read_iops_sec: '100', total_bytes_sec: '2048' }, 10, { read_iops_sec: 100, total_bytes_sec: 2048 }],
  ['per-GB keys are multiplied by the size under their base name', { read_iops_sec_per_gb: '10' }, 20, { read_iops_sec: 200 }],
  ['per-GB bytes are multiplied too', { write_bytes_sec_per_gb: '1048576' }, 3, { write_bytes_sec: 3145728 }],
  ['the per-GB minimum floors a small volume', { total_iops_sec_per_gb: '10', total_iops_sec_per_gb_min: '500' }, 20, { total_iops_sec: 500 }],
  ['the per-GB minimum does not cap a large volume', { total_iops_sec_per_gb: '10', total_iops_sec_per_gb_min: '500' }, 100, { total_iops_sec: 1000 }],
  ['the minimum applies whatever the key order', { read_iops_sec_per_gb_min: '50', read_iops_sec_per_gb: '1' }, 10, { read_iops_sec: 50 }],
  ['a per-GB minimum alone yields nothing', { read_iops_sec_per_gb_min: '500' }, 10, {}],
  ['burst and burst-length keys pass through', { read_iops_sec_max: '2000', read_iops_sec_max_length: '60' }, 10, { read_iops_sec_max: 2000, read_iops_sec_max_length: 60 }],
  ['size_iops_sec passes through', { size_iops_sec: '4096' }, 10, { size_iops_sec: 4096 }],
  ['vendor keys are left out', { 'vendor:minIOPS': '10', read_iops_sec: '5' }, 10, { read_iops_sec: 5 }],
  ['a 1 GiB volume gets the per-GB value itself', { write_iops_sec_per_gb: '7' }, 1, { write_iops_sec: 7 }],
];

for (const [behaviour, specs, sizeGiB, expected] of scales) {
  test(`scaledQosSpecs: ${behaviour}`, (t) => {
    t.deepEqual(scaledQosSpecs(specs, sizeGiB), expected);
  });
}
