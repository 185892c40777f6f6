import test from 'ava';
import { loopDevicePath, lvDevicePath } from '../../src/drivers/lvm/device-path.js';
import { KilnError } from '../../src/model/errors.js';
import { stdoutOf } from './fixture.js';
import { scriptedExecutor } from './scripted-executor.js';

const b = 'volume-0b6f2c8e-5d2a-4c55-9a43-222222222222';

test('on a device-mapper host the device is /dev/<vg>/<lv>', async (t) => {
  t.is(await lvDevicePath('vg0', 'volume-a'), '/dev/vg0/volume-a');
});

test('loop resolver: reuses a loop device that maps exactly the LV', async (t) => {
  const exec = scriptedExecutor((argv) => {
    if (argv.includes('--segments')) return { stdout: stdoutOf('lvm', 'lvs-segments-single.json') };
    if (argv[0] === 'pvs') return { stdout: stdoutOf('lvm', 'pvs.json') };
    if (argv[0] === 'losetup') return { stdout: stdoutOf('lvm', 'losetup-associated.json') };
    return undefined;
  });
  t.is(await loopDevicePath({ executor: exec })('kiln-rec', b), '/dev/loop1');
  t.false(exec.lines().some((l) => l.includes('--find')));
  t.is(exec.calls[0]?.env?.LVM_SUPPRESS_FD_WARNINGS, '1');
});

test('loop resolver: attaches a new device at the LV offset when none maps it', async (t) => {
  const exec = scriptedExecutor((argv) => {
    if (argv.includes('--segments')) return { stdout: stdoutOf('lvm', 'lvs-segments-single.json') };
    if (argv[0] === 'pvs') return { stdout: stdoutOf('lvm', 'pvs.json') };
    if (argv.includes('--find')) return { stdout: '/dev/loop7' };
    return { stdout: '' };
  });
  t.is(await loopDevicePath({ executor: exec })('kiln-rec', b), '/dev/loop7');
  t.true(exec.lines().includes('losetup --find --show --offset 1074790400 --sizelimit 2147483648 /dev/loop0'));
});

test('loop resolver: a fragmented LV is refused with a clear error', async (t) => {
  const exec = scriptedExecutor((argv) => {
    if (argv.includes('--segments')) return { stdout: stdoutOf('lvm', 'lvs-segments-fragmented.json') };
    if (argv[0] === 'pvs') return { stdout: stdoutOf('lvm', 'pvs.json') };
    return { stdout: '' };
  });
  const err = await t.throwsAsync(loopDevicePath({ executor: exec })('kiln-rec', 'volume-a'), { instanceOf: KilnError });
  t.is(err?.details?.reason, 'fragmented');
});

test('loop resolver: release detaches every device at the LV start, and nothing for a gone LV', async (t) => {
  const exec = scriptedExecutor((argv) => {
    if (argv.includes('--segments')) return { stdout: stdoutOf('lvm', 'lvs-segments-fragmented.json') };
    if (argv[0] === 'pvs') return { stdout: stdoutOf('lvm', 'pvs.json') };
    if (argv.includes('--list')) return { stdout: stdoutOf('lvm', 'losetup-associated.json') };
    return { stdout: '' };
  });
  await loopDevicePath({ executor: exec }).release?.('kiln-rec', 'volume-a');
  t.deepEqual(exec.lines().filter((l) => l.includes('--detach')), ['losetup --detach /dev/loop2']);
  const gone = scriptedExecutor(() => ({ exitCode: 5, stderr: '  Failed to find logical volume "kiln-rec/volume-a"' }));
  await loopDevicePath({ executor: gone }).release?.('kiln-rec', 'volume-a');
  t.is(gone.calls.length, 1);
});
