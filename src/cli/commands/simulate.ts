import { InputError, UsageError } from '../../errors.js';
import type { CommandDef } from '../command.js';
import { readPeriod, reportZone as zone } from '../period.js';

/** A whole number option within bounds; refuses anything else (UsageError naming the option). */
function wholeNumber(opts: Record<string, unknown>, key: string, flag: string, min: number, max: number): number {
  const text = String(opts[key]);
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${flag} ${text} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`);
  return n;
}

/**
 * Backpressure on the process's stdout, which `ctx.io.out` cannot report: writes to a pipe are
 * asynchronous in Node, so a generator that never waits would hold the whole stream in memory
 * when the reader (tthc dossier import) is slower. `ready()` waits until the pipe has taken what
 * is queued; `closed` turns true when stdout fails, `failure` says why unless the reader has just
 * gone (EPIPE: tthc simulate | head). Output to a file, a terminal or an in-memory Io never waits.
 */
function stdoutFlow(): { ready(): Promise<void>; readonly closed: boolean; readonly failure: Error | undefined; release(): void } {
  const stdout = process.stdout;
  let closed = false;
  let failure: Error | undefined;
  const onError = (e: NodeJS.ErrnoException) => {
    closed = true;
    if (e.code !== 'EPIPE') failure ??= e;
  };
  stdout.on('error', onError);
  return {
    get closed() {
      return closed;
    },
    get failure() {
      return failure;
    },
    ready: () =>
      !stdout.writableNeedDrain || closed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              for (const ev of ['drain', 'error', 'close'] as const) stdout.off(ev, done);
              resolve();
            };
            for (const ev of ['drain', 'error', 'close'] as const) stdout.on(ev, done);
          }),
    release: () => {
      stdout.off('error', onError);
    },
  };
}

/** One year before `to`, at the same local time of day (29 February: 1 March). */
async function yearBefore(to: Date): Promise<Date> {
  const { zoneOffsetMinutes } = await import('../../calendar/zone.js');
  const offset = zoneOffsetMinutes(to, zone) * 60_000;
  const local = new Date(to.getTime() + offset);
  local.setUTCFullYear(local.getUTCFullYear() - 1);
  return new Date(local.getTime() - offset);
}

export const simulateCommand: CommandDef = {
  name: 'simulate',
  summary: 'a realistic, reproducible stream of dossier events for the loaded catalog, as JSON Lines on stdout',
  options: [
    { flags: '--dossiers <n>', description: 'dossiers received in the period', default: '50000' },
    { flags: '--from <date>', description: 'start of the period, included (default: one year before --to)' },
    { flags: '--to <date>', description: 'end of the period, excluded (default: --as-of); dossiers still open then stop there' },
    { flags: '--seed <n>', description: 'seed of the random numbers: the same seed and options give the same bytes', default: '1' },
  ],
  formats: ['jsonl'],
  examples: ['tthc simulate --dossiers 1000 --from 2026-01-01 --to 2026-04-01 > events.jsonl', 'tthc simulate --seed 7 | tthc dossier import -'],
  async run(ctx, _args, opts) {
    const dossiers = wholeNumber(opts, 'dossiers', '--dossiers', 1, 100_000_000);
    const seed = wholeNumber(opts, 'seed', '--seed', 0, 0xffffffff);
    const { to } = await readPeriod({ to: opts['to'] }, ctx.asOf);
    const { from } = opts['from'] !== undefined ? await readPeriod({ from: opts['from'], to: opts['to'] }, ctx.asOf) : { from: await yearBefore(to) };
    const { usingDb } = await import('../../db/connect.js');
    const { simulationCatalog } = await import('../../db/simulation-catalog.js');
    const catalog = await usingDb(ctx.db, ctx.io.cwd, (d) => simulationCatalog(d.db), { create: false });
    const { simulateJsonLines } = await import('../../dossier/simulate.js');
    const lines = simulateJsonLines(catalog, { dossiers, from, to, seed });
    const stdout = stdoutFlow();
    // Chunks of about 64 kB: one write per line would cost more than making the line.
    let chunk = '';
    let r = lines.next();
    try {
      for (; !r.done && !stdout.closed; r = lines.next()) {
        chunk += `${r.value}\n`;
        if (chunk.length >= 65_536) {
          ctx.io.out(chunk);
          chunk = '';
          await stdout.ready();
        }
      }
      if (chunk !== '' && !stdout.closed) ctx.io.out(chunk);
    } finally {
      stdout.release();
    }
    if (stdout.failure) throw new InputError(`cannot write the events to standard output: ${stdout.failure.message}`);
    // The reader stopped early (tthc simulate | head): nothing is wrong, nothing more to say.
    if (r.done !== true) return 0;
    const s = r.value;
    const { formatInZone } = await import('../../calendar/zone.js');
    const period = `${formatInZone(from, zone)} – ${formatInZone(to, zone)}`;
    const n = (x: number) => x.toLocaleString(ctx.lang === 'en' ? 'en-US' : 'vi-VN');
    ctx.notice(
      ctx.lang === 'en'
        ? `Simulated ${n(s.dossiers)} dossiers · ${n(s.events)} events · ${n(s.in_progress)} still open at the end (${period}, seed ${seed})`
        : `Đã mô phỏng ${n(s.dossiers)} hồ sơ · ${n(s.events)} sự kiện · ${n(s.in_progress)} hồ sơ còn đang xử lý lúc kết thúc (${period}, seed ${seed})`,
    );
    return 0;
  },
};
