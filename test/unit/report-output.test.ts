// Formatters of the reports on hand-built data: pure functions, no database.
import { describe, expect, it } from 'vitest';
import { labels } from '../../src/output/labels.js';
import { palette } from '../../src/output/color.js';
import { offendersOutput } from '../../src/output/report.js';

const codes = Array.from({ length: 7 }, (_, i) => `000.00.12.H06-260202-000${i + 1}`);
const data = { from: new Date('2026-02-01T00:00:00+07:00'), to: new Date('2026-03-01T00:00:00+07:00'), minLate: 2, rows: [{ official: 'nva', name: 'Nguyễn Văn A', unit: 'so-xd', late_steps: 7, dossiers: codes, apologized: codes.slice(0, 1) }] };
const fmt = (t: Date) => t.toISOString();

describe('report offenders output', () => {
  it('the terminal lists five codes and "… and N more"; CSV, HTML and JSON list all seven', () => {
    const table = offendersOutput(data, 'table', fmt, labels('en'), palette(false));
    // 7 codes: the first 5, then "… and 2 more" (7 − 5).
    expect(table).toContain(codes[4]);
    expect(table).not.toContain(codes[5]);
    expect(table).toContain('… and 2 more');
    const csv = offendersOutput(data, 'csv', fmt, labels('en'), palette(false));
    expect(csv).toContain(codes.join(' '));
    expect(offendersOutput(data, 'html', fmt, labels('en'), palette(false))).toContain(codes.join(', '));
    expect(JSON.parse(offendersOutput(data, 'json', fmt, labels('en'), palette(false))).rows[0].dossiers).toEqual(codes);
  });
});
