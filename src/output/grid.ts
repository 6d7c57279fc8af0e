// Aligned columns for the terminal without cli-table3: one line per row (more where a cell has
// several lines), "│" between columns, a rule under the header. `tthc dossier show` uses it, as
// cli-table3 measured every cell so slowly (10–15 ms) that it was a tenth of the command's time.

/** Breaks text into lines of at most `width` characters at spaces (a longer word keeps its own line). */
export function wrapWords(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

const ansi = /\u001b\[[0-9;]*m/g;

/**
 * Columns a string takes in a terminal: its characters without colour codes and combining marks
 * (a Vietnamese letter written decomposed is one column). Wide East Asian characters count one.
 */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text.replace(ansi, '')) if (!/\p{M}/u.test(ch)) n += 1;
  return n;
}

export interface GridColumn {
  header: string;
  align?: 'left' | 'right';
}

/** Cells may hold colour codes and "\n"; the header is drawn with `paintHeader`. */
export function renderGrid(columns: readonly GridColumn[], rows: readonly (readonly string[])[], paintHeader: (s: string) => string = (s) => s): string {
  const split = rows.map((r) => columns.map((_, i) => (r[i] ?? '').split('\n')));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...split.map((r) => Math.max(...r[i]!.map(displayWidth)))));
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - displayWidth(text));
    return columns[i]!.align === 'right' ? fill + text : text + fill;
  };
  const line = (cells: readonly string[]) => cells.map((t, i) => pad(t, i)).join(' │ ').trimEnd();
  const out = [line(columns.map((c) => c.header)).replace(/[^\u2502]+/g, (h) => paintHeader(h)), widths.map((w) => '─'.repeat(w)).join('─┼─')];
  for (const cells of split) {
    const height = Math.max(...cells.map((c) => c.length));
    for (let k = 0; k < height; k += 1) out.push(line(cells.map((c) => c[k] ?? '')));
  }
  return out.join('\n') + '\n';
}
