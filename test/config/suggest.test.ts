import test from 'ava';
import { closest, didYouMean, editDistance } from '../../src/config/suggest.js';

test('edit distance counts insertions, deletions, substitutions and swaps as one each', (t) => {
  t.is(editDistance('volume_driver', 'volume_driver'), 0);
  t.is(editDistance('volum_driver', 'volume_driver'), 1);
  t.is(editDistance('volmue_driver', 'volume_driver'), 1);
  t.is(editDistance('volune_drivr', 'volume_driver'), 2);
  t.is(editDistance('', 'abc'), 3);
});

test('suggests the closest candidate within two edits, ignoring case', (t) => {
  t.is(closest('volum_driver', ['volume_driver', 'volumes_dir']), 'volume_driver');
  t.is(closest('default', ['DEFAULT', 'backend_defaults']), 'DEFAULT');
  t.is(closest('completely_else', ['volume_driver']), undefined);
  t.is(didYouMean('lvm2', ['lvm'], (s) => `[${s}]`), ' (did you mean [lvm]?)');
  t.is(didYouMean('zzz', ['lvm2abc']), '');
});
