import { UsageError } from '../../../errors.js';
import { type CommandDef, outFileOptions } from '../../command.js';

export const calendarGenerateCommand: CommandDef = {
  name: 'calendar generate',
  summary: "a DRAFT calendar for a year from the Labour Code's holidays (lunar dates computed for UTC+7), to align with the government's announcement",
  args: ['<year>'],
  options: [
    ...outFileOptions,
    { flags: '--id <id>', description: 'calendar id (default vn-YEAR)' },
  ],
  formats: ['yaml'],
  examples: ['tthc calendar generate 2027', 'tthc calendar generate 2027 --out procedures/calendar-2027.yaml'],
  async run(ctx, [yearText], opts) {
    const { draftCalendarYaml, draftYearRange } = await import('../../../calendar/draft.js');
    const text = yearText as string;
    const year = Number(text);
    if (!/^\d{4}$/.test(text) || year < draftYearRange.min || year > draftYearRange.max) {
      throw new UsageError(`YEAR "${text}" must be a year from ${draftYearRange.min} to ${draftYearRange.max}`);
    }
    const { dirname, relative, resolve, sep } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const { schemaDir } = await import('../../../catalog/schema.js');
    const out = opts['out'] === undefined ? undefined : resolve(ctx.io.cwd, opts['out'] as string);
    // The editor modeline points at the schema relative to where the file will live.
    const schemaFile = fileURLToPath(new URL('calendar.schema.json', schemaDir));
    const schemaPath = relative(out ? dirname(out) : ctx.io.cwd, schemaFile).split(sep).join('/');
    const id = opts['id'] as string | undefined;
    const yaml = draftCalendarYaml(year, { schemaPath, ...(id !== undefined ? { id } : {}) });
    const { writeOutput } = await import('../../files.js');
    writeOutput(ctx, opts, yaml, `${ctx.lang === 'en' ? 'draft calendar' : 'lịch nháp'} ${year}`);
    return 0;
  },
};
