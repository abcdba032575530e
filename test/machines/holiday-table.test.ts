/**
 * The pinned table of Dutch public holidays (machines/dutch-public-holidays.json) against the
 * library it was generated from: a library update that moves a holiday fails here, and
 * `npm run holidays:generate` with a reviewed diff is the way to take it.
 */
import table from '../../machines/dutch-public-holidays.json';
import { FIRST_DATE, LAST_DATE } from '../../machines/date-schemas';
import { HOLIDAY_YEARS, publicHolidays } from '../../machines/working-days';
import { libraryHolidays } from '../../scripts/holidays/library-holidays';

const years = Object.keys(table.years).map(Number);

describe('the pinned Dutch public holidays', () => {
  test('hold every year an input may name, and the year after the last', () => {
    const first = Number(FIRST_DATE.slice(0, 4));
    const last = Number(LAST_DATE.slice(0, 4)) + 1;
    expect(HOLIDAY_YEARS).toEqual({ first, last });
    expect(years).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
  });

  test.each(years)('%i is what date-holidays says', (year) => {
    expect(Object.fromEntries(publicHolidays(year))).toEqual(libraryHolidays(year));
  });

  test('name only the days the Algemene termijnenwet counts (and Easter and Whit Sunday)', () => {
    const names = new Set(Object.values(table.years).flatMap((days) => Object.values(days)));
    expect([...names].sort()).toEqual([
      'Bevrijdingsdag',
      'Hemelvaartsdag',
      'Kerstmis',
      'Koninginnedag',
      'Koningsdag',
      'Nieuwjaar',
      'Pasen',
      'Pinksteren',
      'Tweede kerstdag',
      'Tweede paasdag',
      'Tweede pinksterdag',
    ]);
  });

  test('refuse a year outside the table instead of counting it without holidays', () => {
    expect(() => publicHolidays(HOLIDAY_YEARS.first - 1)).toThrow(RangeError);
    expect(() => publicHolidays(HOLIDAY_YEARS.last + 1)).toThrow(/2000–2200/);
  });
});
