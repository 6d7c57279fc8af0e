import { FindingsError } from '../../../errors.js';
import { type CommandDef, outFileOptions } from '../../command.js';

export const auditExportCommand: CommandDef = {
  name: 'audit export',
  summary: 'verify the hash chain, then write its head (last event and hash) as JSON, to keep outside the database for "audit verify --head"',
  options: [
    ...outFileOptions,
  ],
  formats: ['json'],
  examples: ['tthc audit export --out head-2026-11-22.json', 'tthc audit verify --head head-2026-11-22.json'],
  async run(ctx, _args, opts) {
    const { usingDb } = await import('../../../db/connect.js');
    const { hexOf, verifyChain } = await import('../../../db/event-store.js');
    const { formatInZone } = await import('../../../calendar/zone.js');
    const head = await usingDb(ctx.db, ctx.io.cwd, async (d) => {
      const r = await verifyChain(d.db);
      if (r.broken) throw new FindingsError(`${ctx.labels.chainBroken(r.broken.seq, r.broken.id, r.broken.dossier, r.broken.problem)}; nothing exported`);
      const last = await d.db.selectFrom('events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const { genesisHash } = await import('../../../db/migrations/0002-dossiers.js');
      return { seq: last?.seq ?? 0, hash: last ? hexOf(last.hash) : genesisHash };
    }, { create: false });
    const text = JSON.stringify({ seq: head.seq, hash: head.hash, exported_at: formatInZone(ctx.asOf, 'Asia/Ho_Chi_Minh') }, null, 2) + '\n';
    const { writeOutput } = await import('../../files.js');
    writeOutput(ctx, opts, text, `chain head at event ${head.seq}`);
    return 0;
  },
};
