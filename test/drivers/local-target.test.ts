import test from 'ava';
import { localTarget } from '../../src/drivers/targets/local.js';

const vol = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

test('local: the connection info is the device path, for this host only', async (t) => {
  const target = localTarget({ host: 'node-1' });
  const rec = await target.createExport(vol, '/dev/vg0/volume-a');
  t.deepEqual(rec, { protocol: 'local', helper: 'local', volumeId: vol, devicePath: '/dev/vg0/volume-a' });
  t.deepEqual(await target.initializeConnection(rec, { host: 'node-1' }), {
    driver_volume_type: 'local', data: { device_path: '/dev/vg0/volume-a', volume_id: vol, discard: false, access_mode: 'rw' },
  });
  t.like(await t.throwsAsync(target.initializeConnection(rec, { host: 'node-2' })), { code: 'ERR_INVALID_PARAMS', field: 'connector.host' });
});

test('local: ensureExport returns a new record when the device path moved (a new loop device)', async (t) => {
  const target = localTarget({ host: 'node-1' });
  const rec = await target.createExport(vol, '/dev/loop3');
  t.is(await target.ensureExport(rec, '/dev/loop3'), rec);
  t.deepEqual(await target.ensureExport(rec, '/dev/loop5'), { ...rec, devicePath: '/dev/loop5' });
  await target.removeExport(rec);
  await target.terminateConnection(rec, { host: 'node-1' });
  t.deepEqual(await target.listExports(), []);
  t.like(await t.throwsAsync(target.createExport(vol, 'relative/path')), { field: 'devicePath' });
});
