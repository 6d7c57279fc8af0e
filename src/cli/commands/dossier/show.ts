import { InputError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';

export const dossierShowCommand: CommandDef = {
  name: 'dossier show',
  summary: 'a dossier: state, each step with unit, official, started, due, completed, late; time used and left',
  args: ['<code>'],
  formats: ['table', 'json'],
  examples: ['tthc dossier show 000.00.12.H06-260105-0001', 'tthc dossier show 000.00.12.H06-260105-0001 --format json --as-of 2026-01-09'],
  async run(ctx, [code]) {
    const { usingDb } = await import('../../../db/connect.js');
    const { loadDossier } = await import('../../../db/event-store.js');
    const { dossierView } = await import('../../../dossier/view.js');
    const view = await usingDb(ctx.db, ctx.io.cwd, async (d) => {
      const loaded = await loadDossier(d.db, code as string);
      if (!loaded) throw new InputError(`no dossier ${String(code)}`);
      return { ...dossierView(loaded.state, ctx.asOf, loaded.ctx.calendar), dayMinutes: loaded.ctx.calendar.dayMinutes };
    }, { create: false });
    const { dayMinutes, ...json } = view;
    if (ctx.format === 'json') {
      ctx.io.out(JSON.stringify(json, null, 2) + '\n');
      return 0;
    }
    const { dossierTimeline } = await import('../../../output/dossier.js');
    ctx.io.out(dossierTimeline(json, ctx.labels, ctx.color, dayMinutes));
    return 0;
  },
};
