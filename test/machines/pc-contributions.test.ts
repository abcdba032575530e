import {
  CEILING_CENTS,
  combinedRate,
  contributionsFor,
  contributionTable,
  indexCents,
  TASK_BUDGET_CENTS,
} from '../../machines/pc-cycle/contributions';
import { meetingsFrom, nextMeeting } from '../../machines/pc-cycle/meetings';

describe('contributions (seed §7)', () => {
  test("the seed's table: €5.0m, €1.6m, €18.0m and €1.3m add up to the €25.9m task budget", () => {
    expect(contributionTable.map((p) => [p.party, p.baseCents, p.statedShareBp])).toEqual([
      ['rijk', 500_000_000, 1900],
      ['ipo', 160_000_000, 600],
      ['vng', 1_800_000_000, 7000],
      ['uvw', 130_000_000, 500],
    ]);
    expect(contributionTable.reduce((sum, p) => sum + p.baseCents, 0)).toBe(TASK_BUDGET_CENTS);
    expect(contributionTable.reduce((sum, p) => sum + p.statedShareBp, 0)).toBe(10_000);
    // The stated percentages are rounded: the municipalities' €18.0m is 69.5 %, not 70 %.
    for (const p of contributionTable) {
      const actualBp = (p.baseCents * 10_000) / TASK_BUDGET_CENTS;
      expect(Math.abs(actualBp - p.statedShareBp)).toBeLessThan(60);
    }
    expect(contributionTable.find((p) => p.party === 'vng')?.route).toMatch(/Gemeentefonds/);
    expect(contributionTable.find((p) => p.party === 'ipo')?.route).toMatch(/IPO/);
  });

  test('without indices the 2020 contributions are the table, flagged as not yet indexed', () => {
    const c = contributionsFor(2020, []);
    expect(c.totalCents).toBe(2_590_000_000);
    expect(c.missingIndexYears).toEqual([2020]);
    expect(c.withinCeiling).toBe(true);
    expect(c.ceilingCents).toBe(CEILING_CENTS);
  });

  test('a worked indexation example: 2020 and 2021 by the agencies’ method, compounded to cents', () => {
    // 80 % wages at 2.50 %, 20 % prices at 1.50 %: 2.30 %.
    const first = { year: 2020, wageIndexBp: 250, priceIndexBp: 150, wageWeightBp: 8000 };
    const indices = [
      first,
      // 75 % wages at 3.10 %, 25 % prices at 2.00 %: 2.825 %.
      { year: 2021, wageIndexBp: 310, priceIndexBp: 200, wageWeightBp: 7500 },
    ];
    expect(combinedRate(first)).toBe(2_300_000n);
    const y2020 = contributionsFor(2020, indices);
    expect(y2020.parties.map((p) => p.indexedCents)).toEqual([
      511_500_000, 163_680_000, 1_841_400_000, 132_990_000,
    ]);
    expect(y2020.totalCents).toBe(2_649_570_000);
    const y2021 = contributionsFor(2021, indices);
    expect(y2021.indexation).toEqual([
      { year: 2020, rateBp: 230 },
      { year: 2021, rateBp: 282.5 },
    ]);
    // Municipalities: €18,414,000.00 × 1.02825 = €18,934,195.50.
    expect(y2021.parties.find((p) => p.party === 'vng')?.indexedCents).toBe(1_893_419_550);
    expect(y2021.missingIndexYears).toEqual([]);
    expect(contributionsFor(2022, indices).missingIndexYears).toEqual([2022]);
  });

  test('rounding is half away from zero, once per year', () => {
    // 1 cent at 50 %: 1.5 cents becomes 2.
    expect(indexCents(1, 50_000_000n)).toBe(2);
    expect(indexCents(100, -1_000_000n)).toBe(99);
  });

  test('the ceiling of €57m is reported when indexation would pass it', () => {
    const steep = Array.from({ length: 9 }, (_, i) => ({
      year: 2020 + i,
      wageIndexBp: 1000,
      priceIndexBp: 1000,
      wageWeightBp: 5000,
    }));
    expect(contributionsFor(2027, steep).withinCeiling).toBe(true);
    expect(contributionsFor(2028, steep).withinCeiling).toBe(false);
  });
});

describe('OGB Beheer meetings (seed §6.3)', () => {
  const cadence = { actTakesEffect: '2021-01-01', meetingDay: 15 };
  test('every two months until the Act takes effect, every three months after', () => {
    expect(meetingsFrom('2020-06-01', cadence, 6)).toEqual([
      '2020-07-15',
      '2020-09-15',
      '2020-11-15',
      '2021-01-15',
      '2021-04-15',
      '2021-07-15',
    ]);
  });
  test('an explicit calendar is sorted, and the assumed cadence takes over where it ends', () => {
    const known = { ...cadence, meetings: ['2021-12-01', '2021-10-07'] };
    expect(meetingsFrom('2021-10-01', known, 3)).toEqual([
      '2021-10-07',
      '2021-12-01',
      '2022-01-15',
    ]);
    expect(nextMeeting('2022-03-01', known)).toBe('2022-04-15');
  });

  test('a decision goes to the first meeting on or after a date; an explicit calendar wins', () => {
    expect(nextMeeting('2021-10-01', cadence)).toBe('2021-10-15');
    expect(nextMeeting('2021-10-16', cadence)).toBe('2022-01-15');
    expect(nextMeeting('2021-10-01', { ...cadence, meetings: ['2021-09-30', '2021-10-07'] })).toBe(
      '2021-10-07',
    );
  });
});
