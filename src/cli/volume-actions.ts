/** Volume commands that change a volume's status (extend, delete, reset-state) and the `--wait` that follows them. */
import { Option, type Command } from 'commander';
import type { WaitResult } from '../api/client.js';
import { methods, type Params } from '../api/protocol.js';
import { KilnError } from '../model/errors.js';
import { parsePositiveInt } from './args.js';
import type { Session } from './session.js';

type ResetStatus = Params<'volume.resetStatus'>['status'];

/**
 * Waits for one of `statuses` and reports an error status as a failure (exit 1) with the node's
 * reason, so `kiln create --wait` in a script fails the way the volume did.
 */
export async function waitSettled(s: Session, cmd: Command, volume: string, statuses: string[], verb: string): Promise<WaitResult> {
  const done = await s.wait(cmd, volume, statuses);
  if (done.status.startsWith('error')) {
    const reason = done.record?.errorReason ?? 'the node gave no reason';
    s.report(cmd, new KilnError('ERR_INVALID_STATE', `volume ${volume} failed to ${verb}: ${reason} (status ${done.status})`, {
      details: { volume, status: done.status, errorReason: done.record?.errorReason ?? null },
    }));
  }
  return done;
}

export function registerLifecycleCommands(program: Command, s: Session): void {
  program.command('extend')
    .description('Attempts to extend size of an existing volume.')
    .argument('<volume>', 'name or ID of the volume to extend')
    .argument('<new-size>', 'new size of volume, in GiBs', parsePositiveInt)
    .option('--wait', 'wait until the volume has been extended or failed to')
    .action(async (volume: string, newSize: number, o: { wait?: boolean }, cmd: Command) => {
      const result = await s.call(cmd, 'volume.extend', { volume, newSize });
      if (!o.wait) return s.print(cmd, result, () => '');
      const done = await waitSettled(s, cmd, volume, ['available', 'in-use', 'error_extending', 'error'], 'extend');
      s.print(cmd, done.record ?? null, () => '');
    });

  program.command('delete')
    .description('Removes one or more volumes.')
    .argument('<volume...>', 'name or ID of the volume or volumes to delete')
    .option('--wait', 'wait until the volumes are gone or failed to delete')
    .action(async (volumes: string[], o: { wait?: boolean }, cmd: Command) => {
      const accepted = await deleteEach(s, cmd, volumes);
      if (!o.wait) return;
      for (const volume of accepted) await waitSettled(s, cmd, volume, ['deleted', 'error_deleting'], 'delete');
    });

  program.command('reset-state')
    .description('Explicitly updates the volume state in the database, without touching the backend.')
    .argument('<volume...>', 'name or ID of the volume to modify')
    .addOption(new Option('--state <state>', 'the state to assign to the volume')
      .choices(methods['volume.resetStatus'].shape.status.options)
      .default('available'))
    .action(async (volumes: string[], o: { state: ResetStatus }, cmd: Command) => {
      const results: unknown[] = [];
      for (const volume of volumes) {
        try {
          results.push(await s.call(cmd, 'volume.resetStatus', { volume, status: o.state }));
        } catch (err) {
          s.report(cmd, err, `Reset state for volume ${volume} failed`);
        }
      }
      if (results.length > 0) s.print(cmd, results, () => '');
    });
}

/** Like cinder: try every volume, report each failure, and go on with the rest. */
async function deleteEach(s: Session, cmd: Command, volumes: string[]): Promise<string[]> {
  const accepted: string[] = [];
  const results: unknown[] = [];
  for (const volume of volumes) {
    try {
      results.push(await s.call(cmd, 'volume.delete', { volume }));
      accepted.push(volume);
      if (!s.globals(cmd).json) s.io.stdout(`Request to delete volume ${volume} has been accepted.\n`);
    } catch (err) {
      s.report(cmd, err, `Delete for volume ${volume} failed`);
    }
  }
  if (results.length > 0 && s.globals(cmd).json) s.print(cmd, results, () => '');
  return accepted;
}
