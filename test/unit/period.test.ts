// The previous period of --compare-previous: whole months compare with as many months before;
// anything else with the same span of time just before.
import { describe, expect, it } from 'vitest';
import { previousPeriod } from '../../src/cli/period.js';

const t = (local: string) => new Date(`${local}+07:00`);

describe('previousPeriod', () => {
  it('a quarter across a new year: Jan–Mar 2026 compares with Oct–Dec 2025', async () => {
    expect(await previousPeriod(t('2026-01-01T00:00'), t('2026-04-01T00:00'))).toEqual({ from: t('2025-10-01T00:00'), to: t('2026-01-01T00:00') });
  });
  it('March (31 days) compares with February (28), not with the 31 days before', async () => {
    expect(await previousPeriod(t('2026-03-01T00:00'), t('2026-04-01T00:00'))).toEqual({ from: t('2026-02-01T00:00'), to: t('2026-03-01T00:00') });
  });
  it('month to date, or a month boundary at another hour: the same span just before', async () => {
    // 1/11 00:00 to 21/11 14:00 is 20 d 14 h; 20 d 14 h before 1/11 00:00 is 11/10 10:00.
    expect(await previousPeriod(t('2026-11-01T00:00'), t('2026-11-21T14:00'))).toEqual({ from: t('2026-10-11T10:00'), to: t('2026-11-01T00:00') });
    // 1/2 at midnight UTC is 07:00 in Vietnam: not a month start in the report zone; 28 days before.
    expect(await previousPeriod(new Date('2026-02-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'))).toEqual({ from: new Date('2026-01-04T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') });
  });
});
