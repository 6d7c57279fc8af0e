// Reading a catalog folder as it was at a git revision, straight from git's object store: no
// checkout, no temporary clone. git runs through execFile with its arguments as an array, never
// through a shell, so a revision or a path can never become a command.
import { execFile } from 'node:child_process';
import { InputError } from '../errors.js';

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

// A catalog of 2,000 files is a few megabytes; this is room for hundreds of such catalogs.
const maxOutputBytes = 1024 * 1024 * 1024;

function git(args: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>, input?: string): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile('git', [...args], { cwd, env, encoding: 'buffer', maxBuffer: maxOutputBytes }, (error, stdout, stderr) => {
      // A number is git's exit status; a string is a failure to run it at all.
      const code: unknown = error ? (error as { code?: unknown }).code : 0;
      if (code === 'ENOENT') return reject(new InputError('git is not installed or not on the PATH; "tthc catalog diff" needs it'));
      if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new InputError(`git printed more than ${maxOutputBytes / 1024 / 1024} MiB; is --catalog the catalog folder?`));
      if (typeof code !== 'number') return reject(error ?? new Error(`git ${args[0]} failed`));
      resolvePromise({ code, stdout, stderr: stderr.toString('utf8') });
    });
    // git may exit before reading what it does not need; its status, not the pipe, tells.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

/** Where a catalog folder sits in its git repository. */
export interface CatalogRepo {
  /** The repository's top folder, where every git command runs. */
  root: string;
  /** The catalog folder relative to `root`, with a trailing "/", or "" when it is the top. */
  prefix: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The repository that holds the catalog folder `dir` (which must exist). Refuses (InputError) a
 * folder outside any git repository, naming it as `shown`.
 */
export async function catalogRepo(dir: string, shown: string, env: Readonly<Record<string, string | undefined>>): Promise<CatalogRepo> {
  const r = await git(['rev-parse', '--show-toplevel', '--show-prefix'], dir, env);
  if (r.code !== 0) throw new InputError(`${shown} is not in a git repository (git: ${firstLine(r.stderr)})`);
  const [root = '', prefix = ''] = r.stdout.toString('utf8').split('\n');
  return { root, prefix, env };
}

/** The commit a revision names (full hash); refuses (InputError) one git does not know. */
export async function resolveCommit(repo: CatalogRepo, rev: string): Promise<string> {
  // A revision starting with "-" would be read as an option.
  const r = rev === '' || rev.startsWith('-') ? undefined : await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], repo.root, repo.env);
  if (!r || r.code !== 0) throw new InputError(`unknown git revision "${rev}" (a commit, branch or tag of the repository at ${repo.root})`);
  return r.stdout.toString('utf8').trim();
}

/**
 * The files of the catalog folder at `commit` that `keep` accepts (given their path inside the
 * folder), with their bytes, in path order. Symbolic links and submodules are left out.
 */
export async function catalogFilesAt(repo: CatalogRepo, commit: string, keep: (pathInFolder: string) => boolean): Promise<{ path: string; bytes: Buffer }[]> {
  const list = await git(['ls-tree', '-r', '-z', commit, '--', ...(repo.prefix === '' ? [] : [repo.prefix])], repo.root, repo.env);
  if (list.code !== 0) throw new InputError(`git ls-tree ${commit}: ${firstLine(list.stderr)}`);
  const entries: { path: string; oid: string }[] = [];
  for (const record of list.stdout.toString('utf8').split('\0')) {
    // "<mode> <type> <object>\t<path>"; -z leaves paths unquoted, whatever characters they hold.
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1).slice(repo.prefix.length);
    if (type === 'blob' && mode !== '120000' && oid && keep(path)) entries.push({ path, oid });
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const blobs = await readBlobs(repo, entries.map((e) => e.oid));
  return entries.map((e, i) => ({ path: e.path, bytes: blobs[i]! }));
}

/**
 * The contents of blobs, in one `git cat-file --batch` (what `git show REV:path` prints, without
 * a process per file: 2,000 files would otherwise take seconds).
 */
async function readBlobs(repo: CatalogRepo, oids: readonly string[]): Promise<Buffer[]> {
  if (oids.length === 0) return [];
  const r = await git(['cat-file', '--batch'], repo.root, repo.env, oids.join('\n') + '\n');
  if (r.code !== 0) throw new InputError(`git cat-file: ${firstLine(r.stderr)}`);
  const out: Buffer[] = [];
  let at = 0;
  for (const oid of oids) {
    // Each object is "<oid> <type> <size>\n<size bytes>\n".
    const eol = r.stdout.indexOf(0x0a, at);
    const header = r.stdout.subarray(at, eol).toString('utf8').split(' ');
    const size = Number(header[2]);
    if (eol < 0 || header[0] !== oid || !Number.isInteger(size)) throw new InputError(`git cat-file: cannot read object ${oid}`);
    out.push(r.stdout.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return out;
}
