import { dossierStatuses, type DossierStatus } from '../../../dossier/state.js';
import { UsageError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';
import { redactOption, withinOption } from '../../dossier.js';


export const dossierListCommand: CommandDef = {
  name: 'dossier list',
  summary: 'dossiers, earliest due first, with filters',
  options: [
    { flags: '--status <status>', description: 'one status', choices: dossierStatuses },
    { flags: '--unit <id>', description: 'dossiers of this agency or of units under it' },
    { flags: '--procedure <code>', description: 'one procedure' },
    { flags: '--overdue', description: 'in progress and past due at --as-of' },
    { flags: '--due-soon', description: 'in progress, not overdue, with at most --within of working time left' },
    { flags: '--within <duration>', description: 'for --due-soon (default 1d)', default: '1d' },
    { flags: '--applicant <text>', description: "text in the applicant's name (the list never shows it)" },
    { flags: '--limit <n>', description: 'at most this many (default 100)', default: '100' },
    // The list has no free-text column today; the option is taken so that scripts can pass it to
    // list and show alike, and so that a free-text column added later must honour it.
    redactOption,
  ],
  formats: ['table', 'json', 'csv'],
  examples: ['tthc dossier list --overdue --unit so-xd', 'tthc dossier list --status awaiting_supplement --format csv'],
  async run(ctx, _args, opts) {
    const within = await withinOption(opts['within']);
    const limit = Number(opts['limit']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) throw new UsageError(`--limit ${String(opts['limit'])} must be a whole number from 1 to 1000000`);
    const { usingDb } = await import('../../../db/connect.js');
    const { dueSoonWithin, listDossiers } = await import('../../../db/dossier-queries.js');
    const { calendarLookup } = await import('../../../db/calendars.js');
    const { formatInZone } = await import('../../../calendar/zone.js');
    const { rows, zones } = await usingDb(ctx.db, ctx.io.cwd, async (d) => {
      const calendars = await calendarLookup(d.db);
      const rows = await listDossiers(d.db, {
        ...(opts['status'] !== undefined ? { status: String(opts['status']) } : {}),
        ...(opts['unit'] !== undefined ? { unit: String(opts['unit']) } : {}),
        ...(opts['procedure'] !== undefined ? { procedure: String(opts['procedure']) } : {}),
        ...(opts['applicant'] !== undefined ? { applicant: String(opts['applicant']) } : {}),
        overdue: opts['overdue'] === true,
        ...(opts['dueSoon'] === true ? { dueSoon: dueSoonWithin(calendars, within, ctx.asOf) } : {}),
        asOf: ctx.asOf,
        limit,
      });
      // Instants are shown with the offset of each dossier's calendar.
      const zones = await Promise.all(rows.map(async (r) => (await calendars.ofVersion(r.procedure, r.procedure_version))?.timeZone ?? 'Asia/Ho_Chi_Minh'));
      return { rows, zones };
    }, { create: false });
    const out = rows.map((r, i) => {
      const fmt = (iso: string | null) => (iso === null ? null : formatInZone(new Date(iso), zones[i]!));
      return { code: r.code, procedure: r.procedure, unit: r.agency, status: r.status, received_at: fmt(r.received_at), due: fmt(r.due)!, ended_at: fmt(r.ended_at), outcome: r.outcome, overdue: r.overdue_from !== null && r.overdue_from < ctx.asOf.toISOString() };
    });
    if (ctx.format === 'json') {
      ctx.io.out(JSON.stringify({ as_of: formatInZone(ctx.asOf, 'Asia/Ho_Chi_Minh'), rows: out }, null, 2) + '\n');
      return 0;
    }
    const { renderCsv, renderTable } = await import('../../../output/table.js');
    const l = ctx.labels;
    const cols = [
      { header: 'code', label: l.code, value: (r: (typeof out)[number]) => r.code },
      { header: 'procedure', label: l.procedure, value: (r: (typeof out)[number]) => r.procedure },
      { header: 'unit', label: l.unit, value: (r: (typeof out)[number]) => r.unit },
      { header: 'status', label: l.status, value: (r: (typeof out)[number]) => (ctx.format === 'csv' ? r.status : (l.statuses[r.status as DossierStatus] ?? r.status)) },
      { header: 'due', label: l.due, value: (r: (typeof out)[number]) => r.due },
      { header: 'overdue', label: l.overdue, value: (r: (typeof out)[number]) => (ctx.format === 'csv' ? String(r.overdue) : r.overdue ? ctx.color.red('✗') : '') },
    ];
    if (ctx.format === 'csv') ctx.io.out(renderCsv(cols, out));
    else ctx.io.out(renderTable(cols.map((c) => ({ ...c, header: c.label })), out, { color: ctx.color.level > 0 }) + `${out.length}\n`);
    return 0;
  },
};
