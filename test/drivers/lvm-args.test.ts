import test from 'ava';
import {
  lvcreateArgs, lvextendArgs, lvremoveArgs, lvSegmentsArgs, lvsArgs, pvsArgs, snapshotCreateArgs, thinLvCreateArgs,
  thinPoolCreateArgs, vgsArgs, withLvmConfig,
} from '../../src/drivers/lvm/lvm-args.js';

test('reports are JSON in bytes with named fields, for the whole VG', (t) => {
  t.deepEqual(lvsArgs('vg0'), ['lvs', '--reportformat', 'json', '--units', 'b', '-o', 'lv_name,vg_name,lv_size,lv_attr,lv_tags,pool_lv,origin,data_percent,metadata_percent,lv_path', 'vg0']);
  t.deepEqual(vgsArgs('vg0'), ['vgs', '--reportformat', 'json', '--units', 'b', '-o', 'vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,lv_count,vg_attr', 'vg0']);
  t.deepEqual(pvsArgs('/dev/sdb'), ['pvs', '--reportformat', 'json', '--units', 'b', '-o', 'pv_name,vg_name,pe_start,pv_size,pv_free', '/dev/sdb']);
  t.deepEqual(lvSegmentsArgs('vg0', 'volume-a'), ['lvs', '--reportformat', 'json', '--units', 'b', '--segments', '-o', 'lv_name,seg_start_pe,seg_size_pe,seg_pe_ranges,vg_extent_size', 'vg0/volume-a']);
});

test('lvcreate takes whole GiB with the binary g suffix, contiguous only when asked', (t) => {
  t.deepEqual(lvcreateArgs({ vg: 'vg0', lv: 'volume-a', sizeGiB: 3 }), ['lvcreate', '--yes', '-n', 'volume-a', '-L', '3g', 'vg0']);
  t.deepEqual(lvcreateArgs({ vg: 'vg0', lv: 'volume-a', sizeGiB: 1, contiguous: true }), ['lvcreate', '--yes', '-n', 'volume-a', '-L', '1g', '--alloc', 'contiguous', 'vg0']);
});

test('thin pool over all free space, thin LVs by virtual size', (t) => {
  t.deepEqual(thinPoolCreateArgs({ vg: 'vg0', pool: 'vg0-pool' }), ['lvcreate', '--yes', '-T', '-l', '100%FREE', 'vg0/vg0-pool']);
  t.deepEqual(thinLvCreateArgs({ vg: 'vg0', pool: 'vg0-pool', lv: 'volume-a', sizeGiB: 10 }), ['lvcreate', '--yes', '-T', '-V', '10g', '-n', 'volume-a', 'vg0/vg0-pool']);
});

test('snapshots: thin without a size, thick as big as the origin', (t) => {
  t.deepEqual(snapshotCreateArgs({ vg: 'vg0', origin: 'volume-a', name: 'snapshot-s' }), ['lvcreate', '--yes', '--name', 'snapshot-s', '--snapshot', 'vg0/volume-a']);
  t.deepEqual(snapshotCreateArgs({ vg: 'vg0', origin: 'volume-a', name: 'snapshot-s', sizeGiB: 2 }), ['lvcreate', '--yes', '--name', 'snapshot-s', '--snapshot', 'vg0/volume-a', '-L', '2g']);
});

test('lvextend to an absolute size and lvremove -f name vg/lv', (t) => {
  t.deepEqual(lvextendArgs({ vg: 'vg0', lv: 'volume-a', sizeGiB: 5 }), ['lvextend', '-L', '5g', 'vg0/volume-a']);
  t.deepEqual(lvextendArgs({ vg: 'vg0', lv: 'volume-a', sizeGiB: 5, contiguous: true }), ['lvextend', '-L', '5g', '--alloc', 'contiguous', 'vg0/volume-a']);
  t.deepEqual(lvremoveArgs({ vg: 'vg0', lv: 'volume-a' }), ['lvremove', '-f', 'vg0/volume-a']);
});

test('--config text goes right after the command name, and nowhere when unset', (t) => {
  t.deepEqual(withLvmConfig(['lvs', 'vg0'], 'global{activation=0}'), ['lvs', '--config', 'global{activation=0}', 'vg0']);
  t.deepEqual(withLvmConfig(['lvs', 'vg0'], undefined), ['lvs', 'vg0']);
});
