import { InputError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';

export const catalogDiffCommand: CommandDef = {
  name: 'catalog diff',
  summary: 'what changed in the catalog between two git revisions (default: HEAD and the work tree); exit 0 with or without changes',
  args: ['[base]', '[head]'],
  formats: ['table', 'json', 'markdown'],
  examples: ['tthc catalog diff', 'tthc catalog diff main', 'tthc catalog diff origin/main HEAD --format markdown > catalog-changes.md'],
  async run(ctx, [base, head]) {
    const { loadCatalogSides } = await import('../../catalog.js');
    const { diffCatalogs, diffCounts } = await import('../../../catalog/diff.js');
    const { displayPath } = await import('../../../catalog/source.js');
    // BASE defaults to HEAD; HEAD, when not given, is the work tree as it is on disk.
    const revs = [(base as string | undefined) ?? 'HEAD', (head as string | undefined) ?? null];
    const [before, after] = await loadCatalogSides(ctx, revs);
    if (before!.files === 0 && after!.files === 0) {
      // A job pointed at the wrong folder must not report "no changes" on nothing.
      throw new InputError(`no catalog files (*.yaml, *.yml) in ${displayPath(ctx.catalogDir, ctx.io.cwd)} at ${revs[0]} nor ${revs[1] ?? 'in the work tree'}`);
    }
    const diff = diffCatalogs(before!.catalog, after!.catalog);
    const { counts, total } = diffCounts(diff);
    const side = (s: typeof before) => ({ rev: s!.rev, commit: s!.commit });
    const report = { base: side(before), head: side(after), changes: total, counts, ...diff };
    if (ctx.format === 'json') {
      ctx.io.out(JSON.stringify(report, null, 2) + '\n');
      return 0;
    }
    const out = await import('../../../output/catalog-diff.js');
    ctx.io.out(ctx.format === 'markdown' ? out.catalogDiffMarkdown(report, ctx.labels) : out.catalogDiffTable(report, ctx.labels, ctx.color));
    return 0;
  },
};
