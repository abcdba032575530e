/**
 * Dates from inputs: the accepted range, and that every accepted date comes back as it went in
 * (the years 0000–0099 used to become 1900–1999 through Date.UTC).
 */
import fc from 'fast-check';
import {
  calendarDateSchema,
  deadlineSchema,
  FIRST_DATE,
  instantSchema,
  LAST_DATE,
} from '../../machines/date-schemas';
import {
  amsterdamDate,
  amsterdamMidnight,
  calendarDaysBefore,
  calendarMonthsAfter,
  utcMs,
} from '../../machines/dutch-time';
import { addDays, addWorkingDays, isWorkingDay, nextWorkingDay } from '../../machines/working-days';

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const datesBetween = (from: string, to: string) =>
  fc
    .date({
      min: new Date(`${from}T00:00:00Z`),
      max: new Date(`${to}T00:00:00Z`),
      noInvalidDate: true,
    })
    .map(dayOf);
const accepted = datesBetween(FIRST_DATE, LAST_DATE);
const range = 'from 2000-01-01 to 2199-12-31';
/** The instant written with an offset of this many minutes, e.g. "2019-06-30T23:00:00.000+01:00". */
function withOffset(instant: Date, minutes: number): string {
  if (minutes === 0) return instant.toISOString();
  const wall = new Date(instant.getTime() + minutes * 60_000).toISOString().slice(0, 23);
  const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
  const rest = String(Math.abs(minutes) % 60).padStart(2, '0');
  return `${wall}${minutes < 0 ? '-' : '+'}${hours}:${rest}`;
}

describe('dates in inputs', () => {
  test('every accepted date round-trips: as given, at 00:00 Amsterdam time, and back', () => {
    fc.assert(
      fc.property(accepted, (date) => {
        expect(calendarDateSchema.parse(date)).toBe(date);
        const due = deadlineSchema.parse(date);
        expect(due).toBe(amsterdamMidnight(date));
        expect(amsterdamDate(due)).toBe(date);
        // As an instant the same moment is accepted and kept.
        expect(deadlineSchema.parse(due)).toBe(due);
      }),
    );
  });

  test('every accepted instant is kept as the same moment', () => {
    const instants = fc.date({
      min: new Date(amsterdamMidnight(FIRST_DATE)),
      max: new Date(Date.parse(amsterdamMidnight(LAST_DATE)) + 86_399_999),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, fc.constantFrom(0, 60, 120, -300), (instant, minutes) => {
        const iso = instant.toISOString();
        const local = withOffset(instant, minutes);
        expect(instantSchema.parse(local)).toBe(iso);
        expect(deadlineSchema.parse(local)).toBe(iso);
      }),
    );
  });

  test.each([
    ['0000-01-01'],
    ['0019-07-01'],
    ['0099-12-31'],
    ['1999-12-31'],
    ['2200-01-01'],
    ['9999-12-30'],
  ])('%s is refused, naming the range', (date) => {
    expect(calendarDateSchema.safeParse(date).error?.issues).toEqual([
      expect.objectContaining({ message: `expected a date ${range}` }),
    ]);
    expect(deadlineSchema.safeParse(date).error?.issues[0]?.message).toBe(
      `expected a date ${range}`,
    );
    expect(deadlineSchema.safeParse(`${date}T12:00:00Z`).error?.issues[0]?.message).toBe(
      `expected an instant ${range} (Amsterdam time)`,
    );
  });

  test('any date outside the range is refused', () => {
    const outside = fc.oneof(
      datesBetween('0000-01-01', '1999-12-31'),
      datesBetween('2200-01-01', '9999-12-31'),
    );
    fc.assert(
      fc.property(outside, (date) => {
        expect(calendarDateSchema.safeParse(date).success).toBe(false);
        expect(deadlineSchema.safeParse(date).success).toBe(false);
      }),
    );
  });

  test('the range ends at Amsterdam midnight, not UTC midnight', () => {
    expect(instantSchema.safeParse('1999-12-31T23:00:00Z').success).toBe(true); // 00:00 on 1 January 2000
    expect(instantSchema.safeParse('1999-12-31T22:59:59Z').success).toBe(false);
    expect(instantSchema.safeParse('2199-12-31T22:59:59Z').success).toBe(true);
    expect(instantSchema.safeParse('2199-12-31T23:00:00Z').success).toBe(false);
  });

  test('other refusals stay precise', () => {
    expect(deadlineSchema.safeParse('2019-02-29').error?.issues[0]?.message).toBe('no such date');
    expect(deadlineSchema.safeParse('1 juli').error?.issues[0]?.message).toBe(
      `expected a date (YYYY-MM-DD) or an ISO-8601 instant with offset, ${range}`,
    );
    expect(calendarDateSchema.safeParse('2019-7-1').error?.issues.map((i) => i.message)).toEqual([
      'expected a date as YYYY-MM-DD',
    ]);
  });
});

describe('dates built from parts, in every year', () => {
  const anyDate = datesBetween('0000-01-01', '9999-12-31');

  test('Amsterdam midnight and back, also in the years 0000–0099', () => {
    expect(amsterdamMidnight('0050-06-01')).toBe(new Date(utcMs(50, 4, 31, 22)).toISOString());
    expect(amsterdamMidnight('0050-06-01').startsWith('0050-05-31T22:00')).toBe(true);
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(amsterdamDate(amsterdamMidnight(date))).toBe(date);
      }),
    );
  });

  test('a month later and days earlier keep the year', () => {
    expect(calendarMonthsAfter(amsterdamMidnight('0019-01-31'), 1)).toBe(
      amsterdamMidnight('0019-02-28'),
    );
    expect(calendarDaysBefore(amsterdamMidnight('0019-03-01'), 1)).toBe(
      amsterdamMidnight('0019-02-28'),
    );
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -400, max: 400 }), (date, days) => {
        const moved = calendarDaysBefore(amsterdamMidnight(date), -days);
        expect(amsterdamDate(moved)).toBe(
          dayOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000)),
        );
      }),
    );
  });

  test('working days keep the year too', () => {
    // The pinned holiday table holds 2000–2200: a year 0050 is refused as itself, not as 1950.
    expect(() => nextWorkingDay('0050-01-01')).toThrow(/for 50: /);
    fc.assert(
      fc.property(accepted, fc.integer({ min: 0, max: 30 }), (date, n) => {
        const later = addWorkingDays(date, n);
        expect(later >= date).toBe(true);
        if (n > 0) expect(isWorkingDay(later)).toBe(true);
        expect(addDays(amsterdamMidnight(date), n, 'calendar')).toBe(
          calendarDaysBefore(amsterdamMidnight(date), -n),
        );
      }),
      { numRuns: 50 },
    );
  });
});
