import { describe, expect, it } from 'vitest';
import { displayWidth, renderGrid, wrapWords } from '../../src/output/grid.js';

describe('wrapWords', () => {
  it('breaks at the last space that keeps a line within the width', () => {
    // "Thẩm định hồ sơ": Thẩm 4 + 1 + định 4 = 9, + 1 + hồ 2 = 12, + 1 + sơ 2 = 15 characters.
    // Width 15: one line. Width 14: 15 > 14, so "sơ" moves down. Width 9: 12 > 9, so "hồ sơ" does.
    expect(wrapWords('Thẩm định hồ sơ', 15)).toBe('Thẩm định hồ sơ');
    expect(wrapWords('Thẩm định hồ sơ', 14)).toBe('Thẩm định hồ\nsơ');
    expect(wrapWords('Thẩm định hồ sơ', 9)).toBe('Thẩm định\nhồ sơ');
  });

  it('keeps a word longer than the width whole on its own line, and squeezes spaces', () => {
    expect(wrapWords('a  Chứng-thực-bản-sao  b', 5)).toBe('a\nChứng-thực-bản-sao\nb');
    expect(wrapWords('   ', 5)).toBe('');
  });
});

describe('renderGrid', () => {
  it('pads every cell to its column, right-aligns where asked, and ignores colour codes and combining marks', () => {
    // Column widths: max("Bước" 4, "Thẩm định" 9, "Ký" 2) = 9; max("Đã dùng" 7, "1d" 2, "30min" 5) = 7.
    // "Ký" is written decomposed (K, y, U+0301): 2 columns. The red code takes none.
    const out = renderGrid([{ header: 'Bước' }, { header: 'Đã dùng', align: 'right' }], [['Thẩm định', '\u001b[31m1d\u001b[39m'], ['Ky\u0301\nnext', '30min']]);
    expect(out.split('\n')).toEqual([
      'Bước      │ Đã dùng',
      '──────────┼────────',
      'Thẩm định │      \u001b[31m1d\u001b[39m',
      'Ky\u0301        │   30min',
      'next      │',
      '',
    ]);
  });

  it('measures text as a terminal shows it', () => {
    expect(displayWidth('Nguyễn')).toBe(6);
    expect(displayWidth('Nguye\u0302\u0303n')).toBe(6);
    expect(displayWidth('\u001b[1mA\u001b[22m')).toBe(1);
  });
});
