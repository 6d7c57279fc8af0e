import { UsageError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';
import { periodOptions, readPeriod, reportZone } from '../../period.js';

const bomOption = { flags: '--bom', description: 'start CSV with a byte-order mark, so that Excel reads the diacritics' };

export const reportOffendersCommand: CommandDef = {
  name: 'report offenders',
  summary: 'officials with at least --min-late steps completed late in the period, their dossiers, and whether an apology was recorded',
  options: [...periodOptions, { flags: '--min-late <n>', description: 'late steps at least (default 2)', default: '2' }, { flags: '--unit <id>', description: 'only steps of this unit or units under it' }, bomOption],
  formats: ['table', 'json', 'csv', 'html'],
  examples: ['tthc report offenders --from 2026-01-01 --to 2026-04-01', 'tthc report offenders --min-late 3 --format json'],
  async run(ctx, _args, opts) {
    const minLate = Number(opts['minLate']);
    if (!Number.isInteger(minLate) || minLate < 1) throw new UsageError(`--min-late ${String(opts['minLate'])} must be a whole number ≥ 1`);
    const { from, to } = await readPeriod(opts, ctx.asOf);
    const { usingDb } = await import('../../../db/connect.js');
    const { offendersReport } = await import('../../../report/offenders.js');
    const data = await usingDb(ctx.db, ctx.io.cwd, (d) => offendersReport(d.db, { from, to, minLate, ...(opts['unit'] !== undefined ? { unit: String(opts['unit']) } : {}) }), { create: false });
    const { formatInZone } = await import('../../../calendar/zone.js');
    const { offendersOutput } = await import('../../../output/report.js');
    ctx.io.out(offendersOutput(data, ctx.format, (t) => formatInZone(t, reportZone), ctx.labels, ctx.color, opts['bom'] === true));
    return 0;
  },
};

export const reportStepsCommand: CommandDef = {
  name: 'report steps',
  summary: 'per procedure step: completed, median and 90th-percentile working time, share late, against the budget',
  options: [...periodOptions, { flags: '--procedure <code>', description: 'only this procedure' }, bomOption],
  formats: ['table', 'json', 'csv', 'html'],
  examples: ['tthc report steps --from 2026-01-01', 'tthc report steps --procedure 1.009794 --format csv'],
  async run(ctx, _args, opts) {
    const { from, to } = await readPeriod(opts, ctx.asOf);
    const { usingDb } = await import('../../../db/connect.js');
    const { workingDayMinutes } = await import('../../../db/calendars.js');
    const { stepTimesReport } = await import('../../../report/steps.js');
    const { data, dayMinutes } = await usingDb(
      ctx.db,
      ctx.io.cwd,
      async (d) => {
        const dayMinutes = await workingDayMinutes(d.db);
        return { data: await stepTimesReport(d.db, { from, to, dayMinutes, ...(opts['procedure'] !== undefined ? { procedure: String(opts['procedure']) } : {}) }), dayMinutes };
      },
      { create: false },
    );
    const { formatInZone } = await import('../../../calendar/zone.js');
    const { stepTimesOutput } = await import('../../../output/report.js');
    ctx.io.out(stepTimesOutput(data, ctx.format, (t) => formatInZone(t, reportZone), ctx.labels, ctx.color, dayMinutes, opts['bom'] === true));
    return 0;
  },
};

export const reportCoverageCommand: CommandDef = {
  name: 'report coverage',
  summary: 'per unit: procedures by mechanism in the loaded catalog, and the share run as five-on-the-spot',
  options: [bomOption],
  formats: ['table', 'json', 'csv', 'html'],
  examples: ['tthc report coverage', 'tthc report coverage --format csv --bom > coverage.csv'],
  async run(ctx, _args, opts) {
    const { usingDb } = await import('../../../db/connect.js');
    const { coverageReport, mechanisms } = await import('../../../report/coverage.js');
    const data = await usingDb(ctx.db, ctx.io.cwd, (d) => coverageReport(d.db), { create: false });
    const { coverageOutput } = await import('../../../output/report.js');
    ctx.io.out(coverageOutput(data, mechanisms, ctx.format, ctx.labels, ctx.color, opts['bom'] === true));
    return 0;
  },
};
