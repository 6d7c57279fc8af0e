// `tthc demo` in a fresh folder: loads the example catalog into ./tthc.db, simulates and imports
// dossiers, prints the SLA report by unit and the overdue list; it starts over on its own
// database and refuses one holding anything else unless --force.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateChild } from '../../src/cli/commands/demo.js';
import { utf8Lines } from '../../src/db/import-lines.js';
import { tempCatalog, tthc } from '../helpers/cli.js';

describe('tthc demo', () => {
  it('builds ./tthc.db in a fresh folder and prints the reports, in Vietnamese', () => {
    const dir = tempCatalog({});
    const r = tthc(['--as-of', '2026-11-21T17:00', 'demo', '--dossiers', '300'], { cwd: dir });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(existsSync(join(dir, 'tthc.db'))).toBe(true);
    expect(r.stdout).toContain('Báo cáo giải quyết hồ sơ');
    // Every one of the 300 simulated dossiers was received in the year before --as-of, so the
    // total row counts 300 received.
    expect(r.stdout).toMatch(/│ Tổng cộng +│ +│ +300 │/);
    expect(r.stdout).toContain('Hồ sơ quá hạn');
    expect(r.stdout).toContain('Tiếp theo:');
    // The database answers the other commands: the same total as JSON.
    const sla = JSON.parse(tthc(['--as-of', '2026-11-21T17:00', '--format', 'json', 'report', 'sla', '--from', '2025-11-21T17:00'], { cwd: dir }).stdout) as { total: { received: number } };
    expect(sla.total.received).toBe(300);
    // Again on its own demo database: it starts over, the same seed giving the same figures.
    const again = tthc(['--as-of', '2026-11-21T17:00', 'demo', '--dossiers', '300'], { cwd: dir });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(r.stdout);
  });

  it('refuses a database with events of its own unless --force; speaks English with --lang en', () => {
    const dir = tempCatalog({});
    // A real dossier, received by hand on the example catalog: "received" and, its first step
    // being a receipt, that step's completion: 2 events (SPEC.md).
    const cat = join(process.cwd(), 'procedures');
    expect(tthc(['--catalog', cat, 'catalog', 'load'], { cwd: dir }).status).toBe(0);
    expect(tthc(['--as-of', '2026-06-01T09:00', 'dossier', 'receive', '--procedure', '1.001612', '--applicant', 'Lê Văn Nam', '--at', '2026-06-01T09:00'], { cwd: dir }).status).toBe(0);
    const refused = tthc(['demo', '--dossiers', '10'], { cwd: dir });
    expect([refused.status, refused.stderr]).toEqual([2, 'tthc: sqlite:./tthc.db holds 2 events that are not from a demo; the demo will not touch it (use --db sqlite:demo.db, or --force to replace it)\n']);
    const forced = tthc(['--lang', 'en', '--as-of', '2026-06-01T09:00', 'demo', '--dossiers', '50', '--force'], { cwd: dir });
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain('Dossier resolution report');
    expect(forced.stdout).toContain('Next:');
  });

  it('simulates in a child tthc process: its lines as `tthc simulate` writes them, its failure as one line', async () => {
    const dir = tempCatalog({});
    const missing = join(dir, 'missing.db');
    expect(tthc(['--catalog', join(process.cwd(), 'procedures'), 'catalog', 'load'], { cwd: dir }).status).toBe(0);
    const o = { dossiers: 40, from: new Date('2025-11-21T10:00:00.250Z'), to: new Date('2026-11-21T10:00:00.250Z'), seed: 9 };
    const child = simulateChild('sqlite:./tthc.db', dir, o);
    const lines: string[] = [];
    for await (const l of utf8Lines(child.stdout)) lines.push(l.text);
    await child.finished();
    const direct = tthc(['simulate', '--dossiers', '40', '--from', '2025-11-21T10:00:00.250Z', '--to', '2026-11-21T10:00:00.250Z', '--seed', '9'], { cwd: dir });
    expect(lines.join('\n') + '\n').toBe(direct.stdout);
    // 40 dossiers: 40 received events among the lines.
    expect(lines.filter((l) => l.includes('"type":"received"'))).toHaveLength(40);
    // A database that does not exist: the child exits 2 and its message is the error.
    const failing = simulateChild(`sqlite:${missing}`, dir, o);
    const written: string[] = [];
    for await (const l of utf8Lines(failing.stdout)) written.push(l.text);
    expect(written).toEqual([]);
    await expect(failing.finished()).rejects.toThrow(`the simulation failed: cannot open sqlite:${missing}: no such database; "tthc catalog load" creates it`);
  });
});
