import test from 'ava';
import { lvmStats } from '../../src/drivers/lvm/lvm-stats.js';
import { parseLvsReport, parseVgsReport } from '../../src/drivers/lvm/lvm-report.js';
import { lvmSettingsFromExtra } from '../../src/drivers/lvm/lvm-options.js';
import { stdoutOf } from './fixture.js';

const input = (lvmType: 'default' | 'thin', lvsFile: string, vgsFile: string) => ({
  vg: parseVgsReport(stdoutOf('lvm', vgsFile))[0]!,
  lvs: parseLvsReport(stdoutOf('lvm', lvsFile)),
  lvmType, poolName: 'lvm-1', thinPool: 'kiln-rec-pool', driverVersion: '1.0',
});

test('thick: total and free from vgs, provisioned is the volume LVs only', (t) => {
  const s = lvmStats(input('default', 'lvs-thick.json', 'vgs.json'));
  t.like(s, { driver: 'lvm', storageProtocol: 'iSCSI' });
  t.deepEqual(s.pools, [{
    pool: 'lvm-1', totalCapacityGiB: 5.99, freeCapacityGiB: 1.98, provisionedCapacityGiB: 4,
    thinProvisioningSupport: false, thickProvisioningSupport: true, qosSupport: false, multiattach: true,
    capabilities: { volume_group: 'kiln-rec', lvm_type: 'default', total_volumes: 2 },
  }]);
});

test('thin: capacity is the pool; free is unknown while the pool reports no data_percent', (t) => {
  const s = lvmStats(input('thin', 'lvs-thin.json', 'vgs-thin.json'));
  t.like(s.pools[0], {
    totalCapacityGiB: 1, freeCapacityGiB: undefined, provisionedCapacityGiB: 6, thinProvisioningSupport: true, thickProvisioningSupport: false,
    capabilities: { volume_group: 'kiln-rec', lvm_type: 'thin', total_volumes: 3, thin_pool_name: 'kiln-rec-pool' },
  });
});

test('thin: free follows the pool data use; no pool at all means unknown capacity', (t) => {
  const i = input('thin', 'lvs-thin.json', 'vgs-thin.json');
  const lvs = i.lvs.map((lv) => (lv.kind === 'thin-pool' ? { ...lv, dataPercent: 25 } : lv));
  t.like(lvmStats({ ...i, lvs }).pools[0], { totalCapacityGiB: 1, freeCapacityGiB: 0.75, capabilities: { thin_pool_data_percent: 25 } });
  t.like(lvmStats({ ...i, thinPool: 'missing' }).pools[0], { totalCapacityGiB: undefined, freeCapacityGiB: undefined });
});

test("cinder.conf keys become lvmDriver settings with Cinder's defaults", (t) => {
  t.deepEqual(lvmSettingsFromExtra({}, 'lvm'), { volumeGroup: 'cinder-volumes', lvmType: 'default', volumeClear: 'zero', poolName: 'lvm' });
  t.deepEqual(
    lvmSettingsFromExtra({ volume_group: 'vg1', lvm_type: 'thin', volume_clear: 'none', volume_clear_size: '50', lvm_conf_file: '/etc/cinder/lvm.conf' }, 'b'),
    { volumeGroup: 'vg1', lvmType: 'thin', volumeClear: 'none', volumeClearSizeMiB: 50, lvmConfDir: '/etc/cinder', poolName: 'b' },
  );
  t.is(lvmSettingsFromExtra({ lvm_type: 'auto' }, 'b').lvmType, 'default');
});
