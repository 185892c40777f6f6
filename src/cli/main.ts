/**
 * `kiln`: the operator's CLI, with python-cinderclient's command names and arguments so habits carry
 * over. Everything it touches comes in through `io`, so tests run it in-process; it never exits the process.
 */
import { Command, CommanderError, Option } from 'commander';
import { toKilnError } from '../model/errors.js';
import { parsePositiveInt, UsageError } from './args.js';
import { registerAttachmentCommands } from './attachments.js';
import { registerQosCommands } from './qos.js';
import { registerServiceCommands } from './services.js';
import { Session, type CliIo } from './session.js';
import { registerTypeCommands } from './types.js';
import { registerVolumeCommands } from './volumes.js';

export type { CliIo } from './session.js';

/** Exit codes: 0 done, 1 the node (or the volume) said no, 2 the command line was wrong. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const session = new Session(io);
  const program = buildProgram(session);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return session.exitCode;
  } catch (err) {
    return failure(err, session, program);
  } finally {
    await session.close();
  }
}

function buildProgram(session: Session): Command {
  const program = new Command('kiln')
    .description('Command-line interface to a Kiln block-storage node (cinder-compatible commands).')
    .option('--url <url>', 'WebSocket URL of the node [env KILN_URL, else <data-dir>/endpoint]')
    .option('--token <token>', 'bearer token [env KILN_TOKEN, else <data-dir>/admin-token]')
    .option('--data-dir <dir>', "the node's data directory [env KILN_DATA, else ./data]")
    .addOption(new Option('--timeout <seconds>', 'seconds to wait for each answer').argParser(parsePositiveInt))
    .option('--json', 'print results as JSON')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: true })
    .configureOutput({ writeOut: session.io.stdout, writeErr: session.io.stderr })
    .exitOverride()
    .showHelpAfterError('(run kiln help <command> for its arguments)');
  registerTypeCommands(program, session);
  registerQosCommands(program, session);
  registerVolumeCommands(program, session);
  registerServiceCommands(program, session);
  registerAttachmentCommands(program, session);
  return program;
}

function failure(err: unknown, session: Session, program: Command): number {
  if (err instanceof CommanderError) {
    // Help asked for is success; help shown because nothing was asked is a usage error.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return exitCodes.ok;
    if (err.code === 'commander.help') return err.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    return exitCodes.usage;
  }
  if (err instanceof UsageError) {
    session.io.stderr(`error: ${err.message}\n`);
    return exitCodes.usage;
  }
  // --json is the program's option wherever it was typed, so the program knows the error format.
  session.report(program, toKilnError(err));
  return exitCodes.failed;
}
