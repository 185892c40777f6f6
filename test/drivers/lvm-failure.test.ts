import test from 'ava';
import { classifyLvmFailure, lvmComplaint, lvmError, type LvmFailureKind } from '../../src/drivers/lvm/lvm-failure.js';
import { ExecError } from '../../src/drivers/exec-error.js';
import { fixture } from './fixture.js';

const stderrOf = (name: string) => fixture('lvm', `${name}.stderr.txt`);

test('recorded lvm2 failures are classified by kind', (t) => {
  const table: [string, LvmFailureKind][] = [
    ['lvs-lv-not-found', 'not-found'],
    ['vgs-vg-not-found', 'not-found'],
    ['lvcreate-vg-not-found', 'not-found'],
    ['lvextend-lv-not-found', 'not-found'],
    ['lvremove-lv-not-found', 'not-found'],
    ['lvcreate-no-space', 'no-space'],
    ['lvextend-no-space', 'no-space'],
    ['lvcreate-locked', 'locked'],
    ['lvcreate-exists', 'exists'],
    ['lvextend-same-size', 'other'],
    ['lvcreate-thin-pool-no-dm', 'other'],
    ['lvcreate-snapshot-no-dm', 'other'],
  ];
  for (const [name, kind] of table) t.is(classifyLvmFailure(stderrOf(name)), kind, name);
});

test('a lock timeout and no message at all', (t) => {
  t.is(classifyLvmFailure('  Giving up waiting for lock.\n  Can\'t get lock for vg0.'), 'locked');
  t.is(classifyLvmFailure(''), 'other');
});

test('the complaint drops the warnings every command prints', (t) => {
  t.is(lvmComplaint(stderrOf('lvcreate-no-space')), 'Volume group "kiln-rec" has insufficient free space (509 extents): 25600 required.');
  t.is(lvmComplaint('File descriptor 10 (/dev/null) leaked on lvm invocation. Parent PID 1: node\n  Volume group "x" not found'), 'Volume group "x" not found');
});

test('lvmError says what Kiln was doing and what lvm2 said, with a reason to branch on', (t) => {
  const failure = new ExecError({ argv: ['lvcreate', '-n', 'v'], exitCode: 5, stdout: '', stderr: stderrOf('lvcreate-no-space'), durationMs: 3 });
  const err = lvmError(failure, 'cannot create 100 GiB volume v');
  t.is(err.code, 'ERR_DRIVER');
  t.is(err.message, 'cannot create 100 GiB volume v: Volume group "kiln-rec" has insufficient free space (509 extents): 25600 required.');
  t.like(err.details, { reason: 'no-space', command: 'lvcreate', exitCode: 5 });
  t.is(err.cause, failure);
});

test('a missing lvm2 binary and a timeout are reasons of their own', (t) => {
  const missing = lvmError(new ExecError({ argv: ['vgs'], exitCode: undefined, stdout: '', stderr: '', durationMs: 0, notFound: true }), 'cannot read volume group v');
  t.is(missing.message, 'cannot read volume group v: vgs is not installed (install lvm2)');
  t.is(missing.details?.reason, 'not-installed');
  const slow = lvmError(new ExecError({ argv: ['lvs'], exitCode: undefined, stdout: '', stderr: '', durationMs: 60_000, timedOut: true, timeoutMs: 60_000 }), 'cannot list');
  t.is(slow.details?.reason, 'timeout');
  t.regex(slow.message, /timed out after 60000 ms/);
});
