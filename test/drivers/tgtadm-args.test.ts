import test from 'ava';
import {
  bindAccountArgs, bindInitiatorArgs, deleteAccountArgs, deleteConnectionArgs, deleteLunArgs, deleteSystemArgs,
  deleteTargetArgs, newAccountArgs, newLunArgs, newTargetArgs, nextFreeTid, offlineSystemArgs, showAccountsArgs,
  showSystemArgs, showTargetsArgs, unbindInitiatorArgs,
} from '../../src/drivers/targets/tgtadm-args.js';
import { classifyTgtadmFailure, tgtadmError, type TgtadmFailureKind } from '../../src/drivers/targets/tgtadm-failure.js';
import { ExecError } from '../../src/drivers/exec-error.js';
import { fixture } from './fixture.js';

const c = { command: 'tgtadm', controlPort: 17 };
const head = ['tgtadm', '-C', '17', '--lld', 'iscsi'];

test('every tgtadm call names its tgtd with -C', (t) => {
  t.deepEqual(showSystemArgs(c), [...head, '--mode', 'sys', '--op', 'show']);
  t.deepEqual(showTargetsArgs(c), [...head, '--mode', 'target', '--op', 'show']);
  t.deepEqual(showAccountsArgs(c), [...head, '--mode', 'account', '--op', 'show']);
  t.deepEqual(showTargetsArgs({ command: 'tgtadm', controlPort: 0 }).slice(0, 3), ['tgtadm', '-C', '0']);
});

test('targets, LUNs and removal with --force', (t) => {
  t.deepEqual(newTargetArgs(c, 3, 'iqn.x:v'), [...head, '--mode', 'target', '--op', 'new', '--tid', '3', '--targetname', 'iqn.x:v']);
  t.deepEqual(deleteTargetArgs(c, 3), [...head, '--mode', 'target', '--op', 'delete', '--force', '--tid', '3']);
  t.deepEqual(newLunArgs(c, 3, 1, '/dev/vg/volume-a'), [...head, '--mode', 'logicalunit', '--op', 'new', '--tid', '3', '--lun', '1', '--backing-store', '/dev/vg/volume-a', '--bstype', 'rdwr']);
  t.deepEqual(deleteLunArgs(c, 3, 1), [...head, '--mode', 'logicalunit', '--op', 'delete', '--tid', '3', '--lun', '1']);
});

test('accounts, ACL rules by name or address, connections, shutdown', (t) => {
  t.deepEqual(newAccountArgs(c, 'u', 'p'), [...head, '--mode', 'account', '--op', 'new', '--user', 'u', '--password', 'p']);
  t.deepEqual(deleteAccountArgs(c, 'u'), [...head, '--mode', 'account', '--op', 'delete', '--user', 'u']);
  t.deepEqual(bindAccountArgs(c, 3, 'u'), [...head, '--mode', 'account', '--op', 'bind', '--tid', '3', '--user', 'u']);
  t.deepEqual(bindInitiatorArgs(c, 3, { name: 'iqn.h:a' }), [...head, '--mode', 'target', '--op', 'bind', '--tid', '3', '--initiator-name', 'iqn.h:a']);
  t.deepEqual(unbindInitiatorArgs(c, 3, { address: '10.0.0.2' }), [...head, '--mode', 'target', '--op', 'unbind', '--tid', '3', '--initiator-address', '10.0.0.2']);
  t.deepEqual(deleteConnectionArgs(c, 3, 21, 0), [...head, '--mode', 'conn', '--op', 'delete', '--tid', '3', '--sid', '21', '--cid', '0']);
  t.deepEqual(offlineSystemArgs(c), [...head, '--mode', 'sys', '--op', 'update', '--name', 'State', '-v', 'offline']);
  t.deepEqual(deleteSystemArgs(c), [...head, '--mode', 'system', '--op', 'delete']);
});

test('the lowest free tid', (t) => {
  t.is(nextFreeTid([]), 1);
  t.is(nextFreeTid([1, 2, 4]), 3);
  t.is(nextFreeTid([2]), 1);
});

test('recorded tgtadm failures are classified', (t) => {
  const table: [string, TgtadmFailureKind][] = [
    ['target-exists', 'exists'], ['account-exists', 'exists'], ['acl-exists', 'exists'], ['lun-exists', 'exists'],
    ['target-not-found', 'not-found'], ['account-not-found', 'not-found'], ['acl-not-found', 'not-found'],
    ['target-active', 'busy'], ['backing-store-missing', 'other'],
  ];
  for (const [name, kind] of table) t.is(classifyTgtadmFailure(fixture('tgt', `${name}.stderr.txt`), 22), kind, name);
  t.is(classifyTgtadmFailure(fixture('tgt', 'no-daemon.stderr.txt'), 107), 'no-daemon');
  t.is(classifyTgtadmFailure('', 107), 'no-daemon');
});

test('a hung tgtadm and a missing tgtd say what to look at', (t) => {
  const hung = tgtadmError(new ExecError({ argv: ['tgtadm'], exitCode: undefined, stdout: '', stderr: '', durationMs: 5000, timedOut: true, timeoutMs: 5000 }), 'cannot list tgt targets', 17);
  t.is(hung.message, 'cannot list tgt targets: tgtadm timed out after 5000 ms; is tgtd on control port 17 hung?');
  t.like(hung.details, { reason: 'timeout', controlPort: 17 });
  const gone = tgtadmError(new ExecError({ argv: ['tgtadm'], exitCode: 107, stdout: '', stderr: fixture('tgt', 'no-daemon.stderr.txt'), durationMs: 1 }), 'tgt is not usable', 17);
  t.regex(gone.message, /^tgt is not usable: no tgtd answers on control port 17 \(failed to send request hdr/);
  const missing = tgtadmError(new ExecError({ argv: ['tgtadm'], exitCode: undefined, stdout: '', stderr: '', durationMs: 0, notFound: true }), 'tgt is not usable', 0);
  t.is(missing.message, 'tgt is not usable: tgtadm is not installed (install tgt)');
});
