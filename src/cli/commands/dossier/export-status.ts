import { type CommandDef, outFileOptions } from '../../command.js';
import { atOption } from '../../dossier.js';

export const dossierExportStatusCommand: CommandDef = {
  name: 'dossier export-status',
  summary: 'the data of a public status lookup as JSON: code, procedure, status, current steps and due of each dossier, nothing of the applicant',
  options: [
    { flags: '--since <date>', description: 'only dossiers received at or after this date (default: all)' },
    ...outFileOptions,
  ],
  formats: ['json'],
  examples: ['tthc dossier export-status --since 2026-01-01 --out status.json', 'tthc catalog publish --out site --status status.json'],
  async run(ctx, _args, opts) {
    const { formatInZone } = await import('../../../calendar/zone.js');
    const since = opts['since'] === undefined ? undefined : await atOption(ctx, opts['since'], '--since');
    const { usingDb } = await import('../../../db/connect.js');
    const { statusRows } = await import('../../../db/dossier-queries.js');
    const { calendarLookup } = await import('../../../db/calendars.js');
    const dossiers = await usingDb(ctx.db, ctx.io.cwd, async (d) => {
      const calendars = await calendarLookup(d.db);
      const rows = await statusRows(d.db, since);
      const out = [];
      for (const r of rows) {
        const zone = (await calendars.ofVersion(r.procedure, r.procedure_version))?.timeZone ?? 'Asia/Ho_Chi_Minh';
        out.push({ code: r.code, procedure: r.procedure, status: r.status, current_steps: r.current_steps, due: formatInZone(new Date(r.due), zone) });
      }
      return out;
    }, { create: false });
    const text = JSON.stringify({ as_of: formatInZone(ctx.asOf, 'Asia/Ho_Chi_Minh'), dossiers }, null, 1) + '\n';
    const { writeOutput } = await import('../../files.js');
    writeOutput(ctx, opts, text, `${dossiers.length} dossiers`);
    return 0;
  },
};
