/**
 * The spinner `--wait` shows while a volume settles. Only on a terminal: piped or captured output must
 * stay exactly what the command prints, so scripts can parse it.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(status: string): void;
  stop(): void;
}

const frames = ['|', '/', '-', '\\'];
const silent: Progress = { update() {}, stop() {} };

export function startProgress(stream: NodeJS.WritableStream | undefined, label: string): Progress {
  if (!stream || !(stream as { isTTY?: boolean }).isTTY) return silent;
  const bar = new cliProgress.SingleBar({
    stream,
    hideCursor: true,
    clearOnComplete: true,
    // The bar redraws itself on a timer; deriving the frame from the clock keeps the spinner turning without one of our own.
    format: (_opts, params, payload: { status: string }) => {
      const elapsedMs = Date.now() - params.startTime;
      return `${frames[Math.floor(elapsedMs / 250) % frames.length]} ${label}: ${payload.status} (${Math.floor(elapsedMs / 1000)}s)`;
    },
  });
  bar.start(1, 0, { status: 'waiting' });
  return {
    update: (status) => bar.update({ status }),
    stop: () => bar.stop(),
  };
}
