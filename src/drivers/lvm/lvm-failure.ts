/**
 * The one place that reads lvm2's stderr to decide what kind of failure happened (Cinder
 * greps "not found" in several places instead). lvm2 exits 5 for nearly everything, so the
 * message is all there is; the patterns were taken from recorded lvm2 2.03 output.
 */
import { ExecError } from '../exec-error.js';
import { KilnError } from '../../model/errors.js';

export type LvmFailureKind = 'not-found' | 'no-space' | 'locked' | 'exists' | 'other';

/** Checked in this order: a locked VG also prints "Cannot process volume group". */
const patterns: readonly (readonly [LvmFailureKind, RegExp])[] = [
  ['locked', /can't get lock|flock failed|giving up waiting for lock|lock.*timed out/i],
  ['no-space', /insufficient free space|insufficient suitable .*extents|not enough free space/i],
  ['not-found', /volume group "[^"]*" not found|failed to find logical volume|not found in volume group|failed to find physical volume/i],
  // A create that lost a race: the LV is someone else's, so it must not be rolled back.
  ['exists', /already exists in volume group/i],
];

export function classifyLvmFailure(stderr: string): LvmFailureKind {
  for (const [kind, re] of patterns) if (re.test(stderr)) return kind;
  return 'other';
}

/** stderr without the warnings lvm2 prints on every run (activation disabled, leaked fds). */
export function lvmComplaint(stderr: string): string {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('WARNING:') && !/^File descriptor \d+ .* leaked/.test(l))
    .join('; ');
}

export type LvmErrorReason = LvmFailureKind | 'not-installed' | 'timeout';

/**
 * An lvm2 command's failure as a KilnError('ERR_DRIVER') whose message says what Kiln was
 * doing and what lvm2 said, and whose details.reason callers can branch on.
 */
export function lvmError(err: unknown, doing: string): KilnError {
  if (!(err instanceof ExecError)) {
    return err instanceof KilnError ? err : new KilnError('ERR_DRIVER', `${doing}: ${String(err)}`, { cause: err });
  }
  const command = err.argv[0] ?? 'lvm';
  const reason: LvmErrorReason = err.notFound ? 'not-installed' : err.timedOut ? 'timeout' : classifyLvmFailure(err.stderr);
  const said = lvmComplaint(err.stderr);
  const why =
    reason === 'not-installed' ? `${command} is not installed (install lvm2)`
    : reason === 'timeout' ? err.message
    : said || err.message;
  return new KilnError('ERR_DRIVER', `${doing}: ${why}`, { cause: err, details: { reason, command, exitCode: err.exitCode } });
}

export const lvmReason = (err: unknown): LvmErrorReason | undefined =>
  err instanceof KilnError ? (err.details?.reason as LvmErrorReason | undefined) : undefined;
