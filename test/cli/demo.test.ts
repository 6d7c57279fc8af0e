import { describe, expect, it } from 'vitest';
import { tempCatalog, tthc } from '../helpers/cli.js';

describe('tthc demo', () => {
  it('validates and lists the example catalog from any folder, in Vietnamese', () => {
    const elsewhere = tempCatalog({});
    const r = tthc(['demo', '--as-of', '2026-06-01'], { cwd: elsewhere });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Không có lỗi trong 36 tệp');
    expect(r.stdout).toContain('34 thủ tục');
    expect(r.stdout).toContain('Tiếp theo:');
  });

  it('speaks English with --lang en', () => {
    const r = tthc(['demo', '--lang', 'en', '--as-of', '2026-06-01']);
    expect(r.stdout).toContain('No problems in 36 files');
    expect(r.stdout).toContain('Next:');
  });
});
