// Personal data never leaks (issue 8, item 6; README "Personal data"), on every engine, through
// the built bin. The fixture's applicants share one distinctive name, ID number, phone, e-mail
// and address, and every free text (reasons, requested items, notes, to whom returned, rating
// comments) quotes them too. Then every report in every format it accepts (read from the command
// registry, so a new report or format is covered without touching this file), list and show in
// every format, the published site with its status page, export-status, the audit commands,
// refusals and rejected import lines, with and without --verbose, are searched for those strings:
// in stdout, stderr and every file they wrote; raw, NFC or NFD, any case, HTML-, JSON- or
// URL-escaped. Only three places may hold them: `dossier show` without --redact (the free texts,
// on purpose: the test asserts they are there, and gone with --redact), the forms (handed to the
// applicant; shown here as the control that proves the search finds what is there), and the
// import's reject file (the rejected input lines themselves).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/registry.js';
import { smallCatalog, tempCatalog, tthc, type RunResult } from '../helpers/cli.js';
import { dialects } from './dialects.js';

/** The applicant of every fixture dossier. */
const applicant = {
  name: 'Hoàng Thị Diệu Khuê',
  id_number: '079188004455',
  phone: '0987654321',
  email: 'khue.hoang@thu-nghiem.vn',
  address: 'Số 7 & 9 ngõ Quỳnh, phường Bạch Mai',
};
/** What must not come out: each field whole, and its distinctive parts (a wrapped table cell splits a name). */
const needles = [...Object.values(applicant), 'Diệu Khuê', 'Khuê', 'khue.hoang', 'thu-nghiem', 'ngõ Quỳnh', 'Bạch Mai'];

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
/** The text with HTML entities, JSON \u escapes and URL %-escapes decoded, in NFC, lower case. */
function canonical(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&([a-z]+);/gi, (m, n: string) => entities[n.toLowerCase()] ?? m)
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/(?:%[0-9a-f]{2})+/gi, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    })
    .normalize('NFC')
    .toLowerCase();
}
/** The needles found in `text`, in any of the forms `canonical` undoes. */
function found(text: string): string[] {
  const t = canonical(text);
  return needles.filter((n) => t.includes(n.normalize('NFC').toLowerCase()));
}

// Free texts that quote the applicant.
const a = applicant;
const texts = {
  supplement: `Gọi ${a.phone} để ${a.name} bổ sung`,
  items: [`CCCD ${a.id_number}`, `Thư gửi ${a.email}`],
  apology: `Xin lỗi ${a.name}, ${a.address}`,
  note: `Đã gọi ${a.phone}, ${a.email}`,
  returnedTo: `${a.name}, CCCD ${a.id_number}`,
  comment: `${a.name} ${a.phone} ${a.address}`,
  refusal: `${a.name} ${a.id_number} ở ${a.address}`,
  stop: `${a.name} mất liên lạc (${a.phone})`,
  withdrawal: `${a.name} rút hồ sơ, ${a.email}`,
};

const asOf = '2026-01-20T10:00:00+07:00';
const at = (day: string, time: string) => `2026-01-${day}T${time}:00+07:00`;
const applicantArgs = ['--applicant', a.name, '--id-number', a.id_number, '--phone', a.phone, '--email', a.email, '--address', a.address];

/** Every file under `dir`, recursively, by path relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p).map((x) => join(f, x)) : [f];
  });
}

describe('the search itself', () => {
  it('finds the name NFD, upper case, HTML-escaped by name or number, JSON-\\u-escaped and URL-encoded, and misses other text', () => {
    const html = [...a.name].map((ch) => `&#${ch.codePointAt(0)!};`).join('');
    const json = JSON.stringify(a.name).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    for (const form of [a.name.normalize('NFD'), a.name.toUpperCase(), html, json, encodeURIComponent(a.name), 'Số 7 &amp; 9 ngõ Quỳnh']) {
      expect(found(`<p>${form}</p>`), form).not.toEqual([]);
    }
    expect(found('Hoàng Thị Diệu Khuê'.normalize('NFD'))).toContain(a.name);
    expect(found('Nguyễn Văn A · 0222 3822 000 · Sở Xây dựng')).toEqual([]);
  });
});

describe.each(dialects)('$name', (dialect) => {
  const dir = tempCatalog(smallCatalog);
  let url = '';
  /** Files made by the fixture itself (inputs), not searched. */
  const inputs = new Set(['events.jsonl', 'bad.csv', 'status-more.json', 'status-bad.json', 'head-bad.json']);
  const run = (args: readonly string[]) => tthc(['--db', url, '--catalog', '.', '--as-of', asOf, ...args], { cwd: dir });
  /** Runs and asserts that neither stdout nor stderr holds any needle. */
  const clean = (args: readonly string[], status: number | number[] = 0): RunResult => {
    const r = run(args);
    const label = args.join(' ');
    expect([status].flat(), `${label}: exit ${r.status}\n${r.stderr}`).toContain(r.status);
    expect(found(r.stdout), `stdout of ${label}`).toEqual([]);
    expect(found(r.stderr), `stderr of ${label}`).toEqual([]);
    return r;
  };
  const codes: Record<string, string> = {};
  const receive = (key: string, procedure: string, when: string) => {
    const r = clean(['--format', 'json', 'dossier', 'receive', '--procedure', procedure, ...applicantArgs, '--at', when, '--by', 'nva']);
    codes[key] = (JSON.parse(r.stdout) as { code: string }).code;
  };
  const verb = (name: string, key: string, ...args: string[]) => clean(['dossier', name, codes[key]!, '--by', 'nva', ...args]);

  beforeAll(async () => {
    url = await dialect.fresh();
    clean(['catalog', 'load']);
    // D1, procedure 1.000001 (receive 2h, appraise 1d, approve 4h, return 2h): every free text.
    receive('D1', '1.000001', at('05', '08:00'));
    verb('supplement', 'D1', '--reason', texts.supplement, '--item', ...texts.items, '--at', at('05', '10:00'));
    verb('resume', 'D1', '--at', at('06', '09:00'));
    verb('apologize', 'D1', '--reason', texts.apology, '--new-appointment', at('12', '16:00'), '--at', at('07', '09:00'));
    verb('complete', 'D1', '--step', 'appraise', '--note', texts.note, '--at', at('08', '09:00'));
    verb('complete', 'D1', '--step', 'approve', '--at', at('09', '09:00'));
    verb('complete', 'D1', '--step', 'return', '--at', at('09', '10:00'));
    verb('return', 'D1', '--to', texts.returnedTo, '--at', at('09', '14:00'));
    verb('rate', 'D1', '--score', '2', '--comment', texts.comment, '--at', at('09', '15:00'));
    // D2 refused, D3 stopped, D4 withdrawn.
    receive('D2', '2.000002', at('06', '08:00'));
    verb('refuse', 'D2', '--reason', texts.refusal, '--at', at('06', '09:00'));
    receive('D3', '1.000001', at('06', '08:30'));
    verb('stop', 'D3', '--reason', texts.stop, '--at', at('07', '08:00'));
    receive('D4', '1.000001', at('07', '08:00'));
    verb('withdraw', 'D4', '--reason', texts.withdrawal, '--at', at('08', '08:00'));
    // D5: appraisal done late with a note, approval overdue as of 20/01. D6: due soon. D7: waiting.
    receive('D5', '1.000001', at('12', '08:00'));
    verb('complete', 'D5', '--step', 'appraise', '--note', texts.note, '--at', at('14', '09:00'));
    receive('D6', '1.000001', at('20', '08:00'));
    receive('D7', '1.000001', at('13', '08:00'));
    verb('supplement', 'D7', '--reason', texts.supplement, '--item', ...texts.items, '--at', at('13', '09:00'));
    // D8 comes by import, with rejected lines that hold the applicant: bad JSON, a conflicting
    // duplicate, a phone that is not text.
    const d8 = '000.00.12.H06-260115-0001';
    codes['D8'] = d8;
    const received = { id: 'imp-1', dossier: d8, type: 'received', at: at('15', '08:00'), by: 'nva', procedure: '1.000001', applicant, channel: 'counter' };
    const lines = [
      JSON.stringify(received),
      JSON.stringify({ id: 'imp-2', dossier: d8, type: 'step-completed', at: at('15', '08:00'), by: 'nva', step: 'receive', note: texts.note }),
      // V8's JSON error quotes about ten characters from where it stopped: here "khue.hoang".
      `${a.email}, ${a.name}, ${a.id_number}, ${a.phone}, ${a.address}`,
      `{"id":"imp-9","applicant":{"name":"${a.name}","phone":"${a.phone}"} "address":"${a.address}"}`,
      JSON.stringify({ ...received, applicant: { ...applicant, name: `${a.name} (bản khác)` } }),
      JSON.stringify({ ...received, id: 'imp-3', dossier: '000.00.12.H06-260115-0002', applicant: { name: a.name, phone: 987654321 } }),
    ];
    writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
    const imp = clean(['dossier', 'import', 'events.jsonl', '--on-error', 'skip', '--rejects', 'rejects.jsonl'], 1);
    // Lines 3 to 6 are rejected, each named by its number only.
    expect(imp.stderr.trimEnd().split('\n').map((l) => /^tthc: events\.jsonl:(\d+): /.exec(l)?.[1]), imp.stderr).toEqual(['3', '4', '5', '6']);
    inputs.add('rejects.jsonl');
    // The reject file holds the rejected lines themselves: input given back, the only such file.
    expect(found(readFileSync(join(dir, 'rejects.jsonl'), 'utf8'))).toEqual(needles);
  }, 300_000);
  afterAll(() => dialect.cleanup());

  it('the fixture is what it says: eight dossiers, in the states meant', () => {
    const list = JSON.parse(clean(['--format', 'json', 'dossier', 'list', '--limit', '100']).stdout) as { rows: { code: string; status: string; overdue: boolean }[] };
    const status = Object.fromEntries(list.rows.map((r) => [r.code, r.status]));
    expect(Object.keys(codes).map((k) => status[codes[k]!])).toEqual(['returned', 'refused', 'stopped', 'withdrawn', 'in_progress', 'in_progress', 'awaiting_supplement', 'in_progress']);
    expect(list.rows.find((r) => r.code === codes['D5'])?.overdue).toBe(true);
  });

  it('every report, in every format it accepts, with each choice of its options, holds none of it', () => {
    const reports = commands.filter((c) => c.name.startsWith('report '));
    expect(reports.map((c) => c.name)).toEqual(expect.arrayContaining(['report sla', 'report overdue', 'report due-soon', 'report offenders', 'report steps', 'report coverage']));
    let runs = 0;
    for (const def of reports) {
      const options = def.options ?? [];
      const has = (flag: string) => options.some((o) => o.flags.startsWith(`${flag} `) || o.flags === flag);
      // Values that make every dossier of the fixture count: the whole month, one late step, 5 days.
      const base = [
        ...(has('--from') ? ['--from', '2026-01-01', '--to', '2026-02-01'] : []),
        ...(has('--min-late') ? ['--min-late', '1'] : []),
        ...(has('--within') ? ['--within', '5d'] : []),
        // Every on/off option at once (--bom, --compare-previous, --fail-on-overdue).
        ...options.filter((o) => !o.flags.includes('<')).map((o) => o.flags),
      ];
      const variants: string[][] = [[], ...options.filter((o) => o.choices).flatMap((o) => o.choices!.map((c) => [o.flags.split(' ')[0]!, c]))];
      for (const format of def.formats) {
        for (const v of variants) {
          const r = clean(['--format', format, ...def.name.split(' '), ...base, ...v], [0, 1]);
          expect(r.stdout.length, `${def.name} --format ${format} ${v.join(' ')}`).toBeGreaterThan(0);
          runs += 1;
        }
      }
      // In English too, and with --verbose.
      clean(['--lang', 'en', '--verbose', ...def.name.split(' '), ...base], [0, 1]);
    }
    expect(runs).toBeGreaterThanOrEqual(6 * 4);
    // The reports do see the fixture: the overdue one lists D5, the offenders one names nva.
    expect(clean(['--format', 'json', 'report', 'overdue'], [0, 1]).stdout).toContain(codes['D5']!);
    expect(clean(['--format', 'json', 'report', 'offenders', '--from', '2026-01-01', '--to', '2026-02-01', '--min-late', '1']).stdout).toContain('"nva"');
  }, 600_000);

  it('dossier list, every format, with --applicant finding them by name, holds none of it, with or without --redact', () => {
    const formats = commands.find((c) => c.name === 'dossier list')!.formats;
    expect(formats).toEqual(expect.arrayContaining(['table', 'json', 'csv']));
    for (const format of formats) {
      for (const redact of [[], ['--redact']]) {
        const r = clean(['--format', format, 'dossier', 'list', '--applicant', 'Diệu Khuê', ...redact]);
        for (const k of ['D1', 'D7', 'D8']) expect(r.stdout, `${format} ${k}`).toContain(codes[k]!);
      }
    }
    clean(['--verbose', '--lang', 'en', 'dossier', 'list', '--redact']);
  });

  it('dossier show shows the free texts that quote the applicant, and --redact hides every one, in every format', () => {
    const formats = commands.find((c) => c.name === 'dossier show')!.formats;
    expect(formats).toEqual(expect.arrayContaining(['table', 'json']));
    for (const k of Object.keys(codes)) {
      for (const format of formats) {
        for (const lang of ['vi', 'en']) {
          const args = ['--lang', lang, '--format', format, 'dossier', 'show', codes[k]!];
          const plain = run(args);
          expect(plain.status).toBe(0);
          // Without --redact the texts are there (each dossier but D6 has one): the search works on this output.
          if (k !== 'D6') expect(found(plain.stdout), `${k} ${format} ${lang}`).not.toEqual([]);
          const r = clean([...args, '--redact']);
          if (k !== 'D6') expect(r.stdout).toContain(lang === 'vi' ? '[ẩn]' : '[redacted]');
        }
      }
      clean(['--verbose', 'dossier', 'show', codes[k]!, '--redact']);
      clean(['dossier', 'show', codes[k]!, '--diagram', 'svg']);
    }
    // D1 carries every kind of free text: JSON keeps each key, with the marker as its value.
    const view = JSON.parse(clean(['--format', 'json', 'dossier', 'show', codes['D1']!, '--redact']).stdout) as Record<string, unknown> & { steps: { id: string; note: string | null }[] };
    expect(view['pauses']).toEqual([expect.objectContaining({ reason: '[ẩn]', items: ['[ẩn]', '[ẩn]'] })]);
    expect(view['apologies']).toEqual([expect.objectContaining({ reason: '[ẩn]' })]);
    expect([view['returned_to'], (view['rating'] as { comment: string }).comment]).toEqual(['[ẩn]', '[ẩn]']);
    expect(view.steps.find((s) => s.id === 'appraise')?.note).toBe('[ẩn]');
    const full = JSON.parse(run(['--format', 'json', 'dossier', 'show', codes['D2']!]).stdout) as { end_reason: string };
    expect(full.end_reason).toBe(texts.refusal);
    expect((JSON.parse(clean(['--format', 'json', 'dossier', 'show', codes['D2']!, '--redact']).stdout) as { end_reason: string }).end_reason).toBe('[ẩn]');
  });

  it('the published site with its status page, export-status, audit verify and export hold none of it', () => {
    clean(['dossier', 'export-status', '--out', 'status.json']);
    clean(['--format', 'json', 'dossier', 'export-status']);
    expect(readFileSync(join(dir, 'status.json'), 'utf8')).toContain(codes['D1']!);
    clean(['--verbose', 'catalog', 'publish', '--out', 'site', '--status', 'status.json']);
    const site = files(join(dir, 'site'));
    expect(site.length).toBeGreaterThan(2);
    // A status file from elsewhere that carries applicants: the page shows five fields only,
    // and a broken one is refused without quoting it.
    const status = JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')) as { dossiers: Record<string, unknown>[] };
    writeFileSync(join(dir, 'status-more.json'), JSON.stringify({ ...status, dossiers: status.dossiers.map((d) => ({ ...d, applicant, note: texts.note })) }));
    clean(['catalog', 'publish', '--out', 'site-more', '--status', 'status-more.json']);
    expect(readFileSync(join(dir, 'site-more', 'status.html'), 'utf8')).toContain(codes['D1']!);
    writeFileSync(join(dir, 'status-bad.json'), `{"as_of": "${asOf}", "dossiers": [${a.email}, ${a.name}]}`);
    expect(clean(['catalog', 'publish', '--out', 'site-bad', '--status', 'status-bad.json'], 2).stderr).toMatch(/^tthc: cannot read status-bad\.json: /);
    writeFileSync(join(dir, 'head-bad.json'), `${a.email} ${a.phone}`);
    clean(['audit', 'verify', '--head', 'head-bad.json'], 2);
    for (const format of commands.find((c) => c.name === 'audit verify')!.formats) clean(['--format', format, 'audit', 'verify']);
    clean(['audit', 'export', '--out', 'head.json']);
    clean(['--verbose', 'audit', 'verify', '--head', 'head.json']);
    clean(['db', 'status']);
  });

  it('refusals and rejected imports name no applicant, with or without --verbose', () => {
    for (const verbose of [[], ['--verbose']]) {
      const refused = (args: string[]) => {
        const r = clean([...verbose, ...args], 2);
        expect(r.stderr).toMatch(/^tthc: /);
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      };
      // Events that do not fit the state, carrying the applicant in their free texts.
      refused(['dossier', 'refuse', codes['D2']!, '--reason', texts.refusal, '--by', 'nva']);
      refused(['dossier', 'complete', codes['D1']!, '--step', 'appraise', '--note', texts.note]);
      refused(['dossier', 'supplement', codes['D4']!, '--reason', texts.supplement, '--item', ...texts.items]);
      refused(['dossier', 'rate', codes['D1']!, '--score', '9', '--comment', texts.comment]);
      refused(['dossier', 'return', codes['D6']!, '--to', texts.returnedTo]);
      // A receipt that cannot be recorded.
      refused(['dossier', 'receive', '--procedure', '9.999999', ...applicantArgs]);
      refused(['dossier', 'receive', '--procedure', '1.000001', ...applicantArgs, '--by', 'nobody']);
      // Import lines that stop the import (the default --on-error stop).
      writeFileSync(join(dir, 'bad.csv'), `id,dossier,type,at,by,applicant_name,applicant_phone\nc1,000.00.12.H06-260116-0001,received,${at('16', '08:00')},nva,${a.name} "${a.address}",${a.phone}\n`);
      refused(['dossier', 'import', 'bad.csv']);
      writeFileSync(join(dir, 'bad.csv'), `c1,000.00.12.H06-260116-0001,received,${at('16', '08:00')},nva,${a.name},${a.phone}\n`);
      refused(['dossier', 'import', 'bad.csv']);
    }
  });

  it('the forms show the applicant on purpose: the control that proves the search finds what is there', () => {
    const html = run(['dossier', 'form', codes['D1']!, '--form', '01']).stdout;
    expect(found(html)).toEqual(expect.arrayContaining([a.name, a.id_number, a.phone, a.address]));
  });

  it('no file that any command wrote holds any of it (inputs and the reject file aside)', () => {
    const written = files(dir).filter((f) => !inputs.has(f) && !/\.(yaml|db|db-wal|db-shm)$/.test(f));
    expect(written).toEqual(expect.arrayContaining(['status.json', 'head.json', join('site', 'index.html')]));
    for (const f of written) expect(found(readFileSync(join(dir, f), 'utf8')), relative(dir, join(dir, f))).toEqual([]);
  });
});
