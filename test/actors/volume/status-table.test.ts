import test from 'ava';
import { decideVolume } from '../../../src/actors/volume/decide.js';
import type { VolumeCommand } from '../../../src/actors/volume/state.js';
import { isAllowed, type UserCommand } from '../../../src/actors/volume/status-table.js';
import { volumeStatuses, type VolumeStatus } from '../../../src/model/statuses.js';
import { ctx, resting } from './fixtures.js';

// Cinder's rules, written out independently of the table under test.
const cinderAllows: Record<UserCommand, ReadonlySet<VolumeStatus>> = {
  DeleteVolume: new Set(['available', 'error', 'error_restoring', 'error_extending', 'error_deleting']),
  ExtendVolume: new Set(['available']),
  UpdateVolume: new Set(volumeStatuses),
  ResetStatus: new Set(volumeStatuses),
};

const commands: Record<UserCommand, VolumeCommand> = {
  DeleteVolume: { type: 'DeleteVolume' },
  ExtendVolume: { type: 'ExtendVolume', newSizeGiB: 20 },
  UpdateVolume: { type: 'UpdateVolume', name: 'renamed' },
  ResetStatus: { type: 'ResetStatus', status: 'available' },
};

test('the status list covers all fifteen Cinder volume statuses', (t) => {
  t.is(new Set(volumeStatuses).size, 15);
});

for (const command of Object.keys(commands) as UserCommand[]) {
  for (const status of volumeStatuses) {
    const allowed = cinderAllows[command].has(status);
    test(`${command} from ${status} is ${allowed ? 'allowed' : 'refused'}`, (t) => {
      t.is(isAllowed(command, status), allowed);
      const d = decideVolume(resting(status), commands[command], ctx);
      if (allowed) {
        if ('error' in d) return t.fail(`${d.error.code}: ${d.error.message}`);
        t.is(d.events.length, 1);
      } else {
        if (!('error' in d)) return t.fail(`expected a refusal, got ${JSON.stringify(d.events)}`);
        t.is(d.error.code, 'ERR_INVALID_STATE');
        t.like(d.error.details, { status });
        t.true(d.error.message.includes(`current status is: ${status}`));
      }
    });
  }
}
