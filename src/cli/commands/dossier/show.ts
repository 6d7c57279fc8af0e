import { InputError, UsageError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';
import { redactOption } from '../../dossier.js';

export const dossierShowCommand: CommandDef = {
  name: 'dossier show',
  summary: 'a dossier: state, each step with unit, official, started, due, completed, late; time used and left',
  args: ['<code>'],
  options: [
    {
      flags: '--diagram <kind>',
      description: "the steps as a diagram instead, each coloured by its state as of --as-of: svg (a self-contained picture of the dossier's procedure version)",
      choices: ['svg'],
    },
    redactOption,
  ],
  formats: ['table', 'json'],
  examples: [
    'tthc dossier show 000.00.12.H06-260105-0001',
    'tthc dossier show 000.00.12.H06-260105-0001 --format json --as-of 2026-01-09',
    'tthc dossier show 000.00.12.H06-260105-0001 --diagram svg > dossier.svg',
    'tthc dossier show 000.00.12.H06-260105-0001 --redact   # reasons, notes and comments as [ẩn]',
  ],
  async run(ctx, [code], opts) {
    const diagram = opts['diagram'] !== undefined;
    if (diagram && ctx.format === 'json') throw new UsageError('--diagram prints the diagram itself; leave out --format json');
    const { usingDb } = await import('../../../db/connect.js');
    const { loadDossier } = await import('../../../db/event-store.js');
    const { storedProcedureVersion } = await import('../../../db/catalog-store.js');
    const { dossierView, redactView } = await import('../../../dossier/view.js');
    const { stepRanks } = await import('../../../dossier/procedure.js');
    const loaded = await usingDb(ctx.db, ctx.io.cwd, async (d) => {
      const found = await loadDossier(d.db, code as string);
      if (!found) throw new InputError(`no dossier ${String(code)}`);
      const full = dossierView(found.state, ctx.asOf, found.ctx.calendar);
      const view = opts['redact'] === true ? redactView(full, ctx.labels.redacted) : full;
      // The picture is of the version the dossier runs on, not the catalog's current one.
      const version = diagram ? await storedProcedureVersion(d.db, view.procedure, view.procedure_version) : undefined;
      return { view, version, steps: found.ctx.procedure.steps, dayMinutes: found.ctx.calendar.dayMinutes };
    }, { create: false });
    const { view, dayMinutes } = loaded;
    if (ctx.format === 'json') {
      ctx.io.out(JSON.stringify(view, null, 2) + '\n');
      return 0;
    }
    const { dossierChart, dossierTimeline, instant, stepProgressState } = await import('../../../output/dossier.js');
    if (diagram) {
      if (!loaded.version) throw new InputError(`procedure ${view.procedure} version ${view.procedure_version} of dossier ${view.code} is not in the database`);
      const { describeProcedureWith } = await import('../../../catalog/query.js');
      const { procedureSvg } = await import('../../../render/svg.js');
      const at = (iso: string | null) => (iso ? instant(iso) : null);
      const progress = new Map(view.steps.map((s) => [s.id, { state: stepProgressState(s, view), started_at: at(s.started_at), completed_at: at(s.completed_at) }]));
      const l = ctx.labels;
      const note = `${view.code} · ${l.statuses[view.status]} · ${l.asOf} ${instant(view.as_of)}`;
      ctx.io.out(procedureSvg(describeProcedureWith(loaded.version.procedure, loaded.version), l, progress, { note }));
      return 0;
    }
    ctx.io.out(dossierTimeline(view, ctx.labels, ctx.color, dayMinutes));
    ctx.io.out('\n' + dossierChart(view, stepRanks(loaded.steps), ctx.labels, ctx.color, dayMinutes));
    return 0;
  },
};
