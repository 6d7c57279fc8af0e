// A progress bar on stderr for long writes (cli-progress): shown only on a terminal and never
// under --quiet, so logs and pipes get the summary alone.
import cliProgress from 'cli-progress';

export interface Progress {
  /** `done` of `total` (bytes read, say); `count` what to show as processed (events). */
  update(done: number, count: number): void;
  stop(): void;
}

/** A bar with the rate and ETA when `total` is known, a counter with the rate otherwise. */
export function progressBar(opts: { enabled: boolean; total: number | null; unit: string }): Progress {
  if (!opts.enabled) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  const rate = (count: number) => Math.round(count / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString('en-US');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: opts.total === null ? `{count} ${opts.unit} · {rate} ${opts.unit}/s` : `[{bar}] {percentage}% · {count} ${opts.unit} · {rate} ${opts.unit}/s · ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(opts.total ?? 1, 0, { count: '0', rate: '0' });
  return {
    update: (done, count) => bar.update(opts.total === null ? 0 : Math.min(done, opts.total), { count: count.toLocaleString('en-US'), rate: rate(count) }),
    stop: () => bar.stop(),
  };
}
