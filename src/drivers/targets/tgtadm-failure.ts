/**
 * What a failed tgtadm call means. tgtadm exits 22 for most refusals and 107 when no tgtd
 * listens on the control port; its one-line message (recorded from tgt 1.0.85) says which.
 */
import { ExecError } from '../exec-error.js';
import { KilnError } from '../../model/errors.js';

export type TgtadmFailureKind = 'not-found' | 'exists' | 'busy' | 'no-daemon' | 'other';

const patterns: readonly (readonly [TgtadmFailureKind, RegExp])[] = [
  ['no-daemon', /failed to send request hdr|can't connect to the tgt daemon|not connected|connection refused/i],
  ['busy', /still active/i],
  ['exists', /already exists/i],
  ['not-found', /can't find|does not exist/i],
];

export function classifyTgtadmFailure(stderr: string, exitCode: number | undefined): TgtadmFailureKind {
  for (const [kind, re] of patterns) if (re.test(stderr)) return kind;
  return exitCode === 107 ? 'no-daemon' : 'other';
}

export type TgtadmErrorReason = TgtadmFailureKind | 'not-installed' | 'timeout';

export function tgtadmError(err: unknown, doing: string, controlPort: number): KilnError {
  if (!(err instanceof ExecError)) {
    return err instanceof KilnError ? err : new KilnError('ERR_DRIVER', `${doing}: ${String(err)}`, { cause: err });
  }
  const command = err.argv[0] ?? 'tgtadm';
  const reason: TgtadmErrorReason = err.notFound ? 'not-installed' : err.timedOut ? 'timeout' : classifyTgtadmFailure(err.stderr, err.exitCode);
  const said = err.stderr.trim().replace(/^tgtadm: /, '');
  const why =
    reason === 'not-installed' ? `${command} is not installed (install tgt)`
    : reason === 'timeout' ? `${err.message}; is tgtd on control port ${controlPort} hung?`
    : reason === 'no-daemon' ? `no tgtd answers on control port ${controlPort} (${said || err.message})`
    : said || err.message;
  return new KilnError('ERR_DRIVER', `${doing}: ${why}`, { cause: err, details: { reason, command, controlPort, exitCode: err.exitCode } });
}

export const tgtadmReason = (err: unknown): TgtadmErrorReason | undefined =>
  err instanceof KilnError ? (err.details?.reason as TgtadmErrorReason | undefined) : undefined;
