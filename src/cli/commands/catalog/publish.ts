import { resolve } from 'node:path';
import { InputError, UsageError } from '../../../errors.js';
import type { StatusEntry } from '../../../render/site.js';
import type { CommandDef } from '../../command.js';
import { loadCatalog } from '../../catalog.js';
import { readJsonFile } from '../../files.js';

/** "2026-01-09T17:30:00+07:00" → "17:30 09/01/2026": the local time as written, as people read it. */
function displayTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * The status file of `tthc dossier export-status`, narrowed to the five fields a public page may
 * show whatever else the file holds. Refuses (InputError) a file of another shape, naming it.
 */
function readStatus(path: string, shown: string): { asOf: string; dossiers: StatusEntry[] } {
  const data = readJsonFile(path, shown);
  const doc = data as { as_of?: unknown; dossiers?: unknown };
  if (typeof doc !== 'object' || doc === null || typeof doc.as_of !== 'string' || !Array.isArray(doc.dossiers)) {
    throw new InputError(`${shown}: expected {"as_of": …, "dossiers": […]} as written by "tthc dossier export-status"`);
  }
  const dossiers = doc.dossiers.map((x: unknown, i): StatusEntry => {
    const e = x as Record<string, unknown>;
    const text = (k: string) => {
      if (typeof e?.[k] !== 'string') throw new InputError(`${shown}: dossier ${i + 1}: "${k}" must be text`);
      return e[k] as string;
    };
    const steps = e?.['current_steps'] ?? [];
    if (!Array.isArray(steps) || !steps.every((s) => typeof s === 'string')) throw new InputError(`${shown}: dossier ${i + 1}: "current_steps" must be a list of step ids`);
    return { code: text('code'), procedure: text('procedure'), status: text('status'), current_steps: steps as string[], due: displayTime(text('due')) };
  });
  return { asOf: displayTime(doc.as_of), dossiers };
}

export const catalogPublishCommand: CommandDef = {
  name: 'catalog publish',
  summary: 'a static, self-contained HTML site of the catalog: search, a page per procedure with its diagram, a page per unit',
  options: [
    { flags: '--out <dir>', description: 'the folder to write; replaced whole when tthc wrote it before, refused when it holds other files' },
    { flags: '--status <file>', description: 'also a dossier status lookup page, from the JSON of "tthc dossier export-status"' },
  ],
  formats: ['table'],
  examples: ['tthc catalog publish --out site', 'tthc dossier export-status --out status.json && tthc catalog publish --out site --status status.json'],
  async run(ctx, _args, opts) {
    if (opts['out'] === undefined) throw new UsageError('--out DIR is required: the folder to write the site to');
    const status = opts['status'] === undefined ? undefined : readStatus(resolve(ctx.io.cwd, String(opts['status'])), String(opts['status']));
    const catalog = await loadCatalog(ctx);
    const { catalogSite } = await import('../../../render/site.js');
    const { procedureSvg } = await import('../../../render/svg.js');
    const { formatInZone } = await import('../../../calendar/zone.js');
    const pages = catalogSite({
      catalog,
      labels: ctx.labels,
      diagram: (d) => procedureSvg(d, ctx.labels),
      generatedAt: displayTime(formatInZone(ctx.asOf, 'Asia/Ho_Chi_Minh')),
      ...(status ? { status } : {}),
    });
    const { writeFolderAtomic } = await import('../../files.js');
    writeFolderAtomic(resolve(ctx.io.cwd, String(opts['out'])), pages.map((p) => ({ path: p.path, text: p.html })), String(opts['out']));
    ctx.notice(`${pages.length} → ${String(opts['out'])}/index.html`);
    return 0;
  },
};
