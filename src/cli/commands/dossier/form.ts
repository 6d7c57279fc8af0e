import type { Outcome } from '../../../dossier/clock.js';
import type { DossierStatus } from '../../../dossier/state.js';
import { InputError, UsageError } from '../../../errors.js';
import type { DossierFormNumber } from '../../../render/forms.js';
import { type CommandContext, type CommandDef, outFileOptions } from '../../command.js';
import { loadCatalog } from '../../catalog.js';
import { periodOptions } from '../../period.js';

const forms = ['01', '02', '03', '04', '05', '06', '07'] as const;

export const dossierFormCommand: CommandDef = {
  name: 'dossier form',
  summary: 'a standard form of Circular 03/2025 as printable HTML: 01–06 for a dossier (A5), 07 the register of a unit (A4)',
  args: ['[code]'],
  options: [
    { flags: '--form <nn>', description: '01 receipt and appointment, 02 request to supplement, 03 refusal, 04 apology, 05 stop, 06 control sheet, 07 register (required)', choices: forms },
    { flags: '--unit <id>', description: 'form 07: the unit whose register it is (its own dossiers, those of units under it, and those whose steps ran there)' },
    ...periodOptions.map((o) => ({ ...o, description: `form 07: ${o.description}` })),
    ...outFileOptions,
  ],
  formats: ['html'],
  examples: [
    'tthc dossier form 000.00.12.H06-260105-0001 --form 01 --out giay-tiep-nhan.html',
    'tthc dossier form --form 07 --unit so-xd --from 2026-01-01 --to 2026-02-01 --out so-theo-doi.html',
  ],
  async run(ctx, [code], opts) {
    const form = opts['form'];
    if (typeof form !== 'string') throw new UsageError('--form is required (01 to 07)');
    let page: string;
    if (form === '07') {
      if (code !== undefined) throw new UsageError(`form 07 is the register of a unit, not of one dossier: leave out ${String(code)} and give --unit`);
      if (typeof opts['unit'] !== 'string') throw new UsageError('--unit is required for form 07');
      page = await register(ctx, opts['unit'], opts);
    } else {
      if (code === undefined) throw new UsageError(`form ${form} needs the dossier's code`);
      for (const o of ['unit', 'from', 'to']) if (opts[o] !== undefined) throw new UsageError(`--${o} is only for form 07`);
      page = await dossierForm(ctx, String(code), form as DossierFormNumber);
    }
    const { writeOutput } = await import('../../files.js');
    writeOutput(ctx, opts, page, `${ctx.lang === 'en' ? 'form' : 'mẫu số'} ${form}`);
    return 0;
  },
};

/** Forms 01–06 of a dossier, from its events and the catalog's procedure, units and officials. */
async function dossierForm(ctx: CommandContext, code: string, form: DossierFormNumber): Promise<string> {
  const { usingDb } = await import('../../../db/connect.js');
  const { loadDossier } = await import('../../../db/event-store.js');
  const loaded = await usingDb(ctx.db, ctx.io.cwd, (d) => loadDossier(d.db, code), { create: false });
  if (!loaded) throw new InputError(`no dossier ${code}`);
  const catalog = await loadCatalog(ctx);
  const { describeProcedure } = await import('../../../catalog/query.js');
  const procedure = describeProcedure(catalog, loaded.state.procedure);
  if (!procedure) throw new InputError(`procedure "${loaded.state.procedure}" of dossier ${code} is not in the catalog (the forms take its name and components from there)`);
  const { renderDossierForm } = await import('../../../render/forms.js');
  return renderDossierForm({ form, state: loaded.state, events: loaded.events, calendar: loaded.ctx.calendar, procedure, directory: catalog, asOf: ctx.asOf });
}

/** Form 07: the dossiers received in the period that concern the unit. */
async function register(ctx: CommandContext, unit: string, opts: Record<string, unknown>): Promise<string> {
  const { readPeriod, reportZone } = await import('../../period.js');
  const { from, to } = await readPeriod(opts, ctx.asOf);
  const catalog = await loadCatalog(ctx);
  if (!catalog.units.some((u) => u.value.id === unit)) {
    const { didYouMean } = await import('../../../catalog/suggest.js');
    throw new InputError(`--unit ${unit}: no such unit in the catalog${didYouMean(unit, catalog.units.map((u) => u.value.id))}`);
  }
  const { usingDb } = await import('../../../db/connect.js');
  const { registerDossiers, unitsUnder } = await import('../../../db/dossier-queries.js');
  const { calendarLookup } = await import('../../../db/calendars.js');
  const names = new Map(catalog.procedures.map((p) => [p.value.code, p.value.name]));
  const rows = await usingDb(ctx.db, ctx.io.cwd, async (d) => {
    const calendars = await calendarLookup(d.db);
    const found = await registerDossiers(d.db, { units: await unitsUnder(d.db, unit), from, to });
    return Promise.all(
      found.map(async (r) => ({
        code: r.code,
        procedure: r.procedure,
        procedureName: names.get(r.procedure) ?? r.procedure,
        applicant: r.applicant,
        received_at: new Date(r.received_at),
        due: new Date(r.due),
        ended_at: r.ended_at === null ? null : new Date(r.ended_at),
        status: r.status as DossierStatus,
        outcome: r.outcome as Outcome | null,
        overdue: r.overdue_from !== null && r.overdue_from < ctx.asOf.toISOString(),
        timeZone: (await calendars.ofVersion(r.procedure, r.procedure_version))?.timeZone ?? reportZone,
      })),
    );
  }, { create: false });
  const { renderRegister } = await import('../../../render/forms.js');
  return renderRegister({ unit, directory: catalog, from, to, asOf: ctx.asOf, timeZone: reportZone, rows });
}
