// A published site of the example catalog with a status page, made by the built bin/tthc as a
// user would: load the catalog, receive two dossiers of 1.013949 (with applicant data that must
// never reach the site), move one to its parallel branch, export the status data, publish.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, tthc } from './cli.js';

/** The applicants' data given to tthc; none of it may appear in a published file. */
export const applicantData = ['Phạm Bí Mật', '001099012345', '0912345678', 'bimat@example.com', 'Lê Kín Đáo', '079188004321'];

export interface PublishedSite {
  dir: string;
  site: string;
  /** Codes of the two dossiers: the first waits at "transfer", the second at "cadastre" and "tax". */
  codes: [string, string];
  cleanup(): void;
}

function run(dir: string, args: string[]): string {
  const r = tthc(['--db', `sqlite:${join(dir, 't.db')}`, '--catalog', join(repoRoot, 'procedures'), ...args], { cwd: dir });
  if (r.status !== 0) throw new Error(`tthc ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

export function publishExample(): PublishedSite {
  const dir = mkdtempSync(join(tmpdir(), 'tthc-site-'));
  run(dir, ['catalog', 'load']);
  const receive = (at: string, name: string, more: string[]) =>
    (JSON.parse(run(dir, ['--format', 'json', 'dossier', 'receive', '--procedure', '1.013949', '--applicant', name, '--by', 'qnm-tth', '--at', at, ...more])) as { code: string }).code;
  const first = receive('2026-01-05T08:00', 'Phạm Bí Mật', ['--id-number', '001099012345', '--phone', '0912345678', '--email', 'bimat@example.com']);
  const second = receive('2026-01-05T09:00', 'Lê Kín Đáo', ['--id-number', '079188004321']);
  for (const [step, at] of [['transfer', '2026-01-05T10:00'], ['appraise', '2026-01-12T10:00'], ['submit', '2026-01-13T10:00'], ['approve', '2026-01-14T10:00']] as const) {
    run(dir, ['dossier', 'complete', second, '--step', step, '--by', 'qnm-tth', '--at', at]);
  }
  run(dir, ['--as-of', '2026-01-15T08:00', 'dossier', 'export-status', '--out', 'status.json']);
  run(dir, ['--as-of', '2026-01-15T08:00', 'catalog', 'publish', '--out', 'site', '--status', 'status.json']);
  return {
    dir,
    site: join(dir, 'site'),
    codes: [first, second],
    cleanup: () => {
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
