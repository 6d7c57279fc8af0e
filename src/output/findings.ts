// Formatters of validation findings: pure functions from the report to text, one per format.
import type { ChalkInstance } from 'chalk';
import type { Finding } from '../catalog/finding.js';
import type { Labels } from './labels.js';

export const validateFormats = ['stylish', 'json', 'github', 'junit', 'sarif'] as const;
export type ValidateFormat = (typeof validateFormats)[number];

/** What `tthc validate` found. */
export interface ValidationReport {
  files: readonly string[];
  findings: readonly Finding[];
  /** Warnings fail the run too (`--strict`). */
  strict: boolean;
}

export interface FormatContext {
  color: ChalkInstance;
  labels: Labels;
  version: string;
}

/** Counts of findings by severity, and how many files have a finding. */
export function countFindings(r: ValidationReport): { errors: number; warnings: number; infos: number; filesWithProblems: number } {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  const files = new Set<string>();
  for (const f of r.findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.infos++;
    if (f.severity !== 'info') files.add(f.file);
  }
  return { ...counts, filesWithProblems: files.size };
}

/** True when the findings fail the run: any error, or any warning under --strict. */
export function failed(r: ValidationReport): boolean {
  const c = countFindings(r);
  return c.errors > 0 || (r.strict && c.warnings > 0);
}

/** The summary line: "3 errors, 1 warning in 2 of 41 files". */
export function summaryLine(r: ValidationReport, l: Labels): string {
  const c = countFindings(r);
  if (c.errors === 0 && c.warnings === 0) {
    return c.infos > 0 ? `${l.noProblems(r.files.length)} (${l.infos(c.infos)})` : l.noProblems(r.files.length);
  }
  const parts = [l.errors(c.errors), l.warnings(c.warnings)];
  if (c.infos > 0) parts.push(l.infos(c.infos));
  return `${parts.join(', ')} ${l.inFiles(c.filesWithProblems, r.files.length)}`;
}

function stylish(r: ValidationReport, ctx: FormatContext): string {
  const { color: c, labels: l } = ctx;
  const byFile = new Map<string, Finding[]>();
  for (const f of r.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const lines: string[] = [];
  const paint = { error: c.red, warning: c.yellow, info: c.blue };
  for (const [file, list] of byFile) {
    lines.push(c.underline(file));
    const posWidth = Math.max(...list.map((f) => `${f.line}:${f.column}`.length));
    const sevWidth = Math.max(...list.map((f) => l.severity[f.severity].length));
    for (const f of list) {
      const pos = `${f.line}:${f.column}`.padEnd(posWidth);
      const sev = paint[f.severity](l.severity[f.severity].padEnd(sevWidth));
      lines.push(`  ${c.dim(pos)}  ${sev}  ${f.message}  ${c.dim(f.code)}`);
    }
    lines.push('');
  }
  const fail = failed(r);
  const mark = fail ? c.red('✖') : c.green('✔');
  lines.push(`${mark} ${summaryLine(r, l)}`);
  return lines.join('\n') + '\n';
}

function json(r: ValidationReport): string {
  const c = countFindings(r);
  return JSON.stringify({ files: r.files.length, errors: c.errors, warnings: c.warnings, infos: c.infos, findings: r.findings }, null, 2) + '\n';
}

// GitHub workflow commands: data escapes %, CR, LF; properties also ":" and ",".
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function github(r: ValidationReport): string {
  const level = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return r.findings
    .map((f) => `::${level[f.severity]} file=${ghProp(f.file)},line=${f.line},col=${f.column},title=${ghProp(f.code)}::${ghData(f.message)}\n`)
    .join('');
}

function xml(s: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the rest escaped.
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function junit(r: ValidationReport): string {
  const byFile = new Map<string, Finding[]>(r.files.map((f) => [f, []]));
  for (const f of r.findings) byFile.get(f.file)?.push(f);
  const failing = (f: Finding) => f.severity === 'error' || (r.strict && f.severity === 'warning');
  let failures = 0;
  const cases: string[] = [];
  for (const [file, list] of byFile) {
    const bad = list.filter(failing);
    const other = list.filter((f) => !failing(f));
    const lines = (fs: Finding[]) => fs.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}: ${f.message}`).join('\n');
    let body = '';
    if (bad.length > 0) {
      failures++;
      const first = bad[0]!;
      const msg = bad.length === 1 ? `${first.code}: ${first.message}` : `${bad.length} problems, first ${first.code} at line ${first.line}`;
      body += `\n      <failure message="${xml(msg)}" type="${xml(first.code)}">${xml(lines(bad))}</failure>`;
    }
    if (other.length > 0) body += `\n      <system-out>${xml(lines(other))}</system-out>`;
    cases.push(`    <testcase classname="tthc.validate" name="${xml(file)}" file="${xml(file)}">${body}${body ? '\n    ' : ''}</testcase>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tthc validate" tests="${byFile.size}" failures="${failures}" errors="0">`,
    `  <testsuite name="tthc validate" tests="${byFile.size}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function sarif(r: ValidationReport, ctx: FormatContext): string {
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  const codes = [...new Set(r.findings.map((f) => f.code))].sort();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tthc',
            version: ctx.version,
            informationUri: 'https://www.npmjs.com/package/tthc',
            rules: codes.map((id) => ({ id, shortDescription: { text: id } })),
          },
        },
        artifacts: r.files.map((f) => ({ location: { uri: encodeURI(f) } })),
        results: r.findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: codes.indexOf(f.code),
          level: level[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), index: r.files.indexOf(f.file) },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** Every validation format, as a pure function of the report. */
export const findingFormatters: Record<ValidateFormat, (r: ValidationReport, ctx: FormatContext) => string> = {
  stylish,
  json,
  github,
  junit,
  sarif,
};
