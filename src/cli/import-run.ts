// Running an import for a command (`dossier import`, `demo`): the progress bar on a terminal and
// a bounded heap around importEvents, so that both paths behave alike.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Db } from '../db/connect.js';
import type { ImportLine, ImportOptions, ImportSummary } from '../db/import.js';
import type { CommandContext } from './command.js';

/**
 * A full garbage collection after a batch once the heap has grown past 128 MB: V8 otherwise lets
 * it grow towards its limit (gigabytes here) before collecting, so the import's peak memory would
 * follow the file's size, although what it holds is one batch and a bounded cache (about 45 MB
 * live; bench/README.md, "dossier import").
 */
function collect(): void {
  if (getHeapStatistics().total_heap_size < 128e6) return;
  collector ??= (() => {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  })();
  collector();
}
let collector: (() => void) | undefined;

/**
 * importEvents with a progress bar on stderr (on a terminal, not under --quiet or --format json):
 * `total` bytes when known, `done()` the bytes read so far; a collection after batches as above.
 */
export async function importWithProgress(
  ctx: CommandContext,
  d: Db,
  lines: AsyncIterable<ImportLine>,
  opts: Omit<ImportOptions, 'onBatch'> & { total: number | null; done: () => number },
): Promise<ImportSummary> {
  const { progressBar } = await import('../output/progress.js');
  const { importEvents } = await import('../db/import.js');
  const bar = progressBar({ enabled: !ctx.quiet && process.stderr.isTTY === true && ctx.format !== 'json', total: opts.total, unit: 'events' });
  try {
    return await importEvents(d, lines, {
      ...opts,
      onBatch: (s) => {
        bar.update(opts.done(), s.read);
        collect();
      },
    });
  } finally {
    bar.stop();
  }
}
