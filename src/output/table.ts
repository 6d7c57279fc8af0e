// Tables for the terminal (cli-table3) and CSV (RFC 4180, csv-stringify).
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null;
  align?: 'left' | 'right';
}

/** A boxed terminal table; numbers right-aligned. */
export function renderTable<T>(columns: readonly Column<T>[], rows: readonly T[], opts: { color: boolean; wordWrap?: boolean; widths?: (number | null)[] }): string {
  const table = new Table({
    head: columns.map((c) => c.header),
    style: { head: opts.color ? ['bold'] : [], border: opts.color ? ['grey'] : [] },
    colAligns: columns.map((c) => c.align ?? 'left'),
    wordWrap: opts.wordWrap ?? false,
    ...(opts.widths ? { colWidths: opts.widths } : {}),
  });
  for (const r of rows) table.push(columns.map((c) => String(c.value(r) ?? '')));
  return table.toString() + '\n';
}

/** CSV with a header row, CRLF line ends as RFC 4180 says; a BOM first when asked (Excel). */
export function renderCsv<T>(columns: readonly { header: string; value: (row: T) => string | number | null }[], rows: readonly T[], opts: { bom?: boolean } = {}): string {
  const body = stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r) ?? ''))], { record_delimiter: '\r\n' });
  return (opts.bom ? '\uFEFF' : '') + body;
}
