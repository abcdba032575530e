import {
  addDays,
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  publicHoliday,
  termsActDue,
} from '../../machines/working-days';
import { amsterdamMidnight } from '../../machines/dutch-time';

describe('Dutch working days', () => {
  test.each([
    ['2019-04-19', true, undefined], // Goede Vrijdag is not in the Algemene termijnenwet
    ['2019-04-22', false, 'Tweede paasdag'],
    ['2020-04-27', false, 'Koningsdag'], // a Monday
    ['2025-04-26', false, 'Koningsdag'], // 27 April is a Sunday: celebrated on Saturday 26 April
    ['2025-04-28', true, undefined],
    ['2020-05-05', false, 'Bevrijdingsdag'], // every year, not only every five
    ['2021-05-05', false, 'Bevrijdingsdag'],
    ['2028-05-25', false, 'Hemelvaartsdag'],
    ['2028-06-05', false, 'Tweede pinksterdag'],
    ['2024-12-25', false, 'Kerstmis'],
    ['2024-12-26', false, 'Tweede kerstdag'],
    ['2027-01-01', false, 'Nieuwjaar'],
    ['2023-12-15', true, undefined], // Koninkrijksdag is an observance only
    ['2026-11-28', false, undefined], // a Saturday
    ['2026-11-29', false, undefined], // a Sunday
  ])('%s: working day %s, holiday %s', (date, working, holiday) => {
    expect(isWorkingDay(date)).toBe(working);
    expect(publicHoliday(date)).toBe(holiday);
  });

  test('adding working days skips weekends and public holidays', () => {
    expect(addWorkingDays('2019-04-18', 1)).toBe('2019-04-19');
    expect(addWorkingDays('2019-04-19', 1)).toBe('2019-04-23'); // weekend and Easter Monday
    expect(addWorkingDays('2020-04-24', 3)).toBe('2020-04-30'); // Koningsdag on Monday
    expect(addWorkingDays('2024-12-24', 1)).toBe('2024-12-27');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(addWorkingDays('2022-05-04', 1)).toBe('2022-05-06'); // Bevrijdingsdag
    expect(addWorkingDays('2019-06-03', 0)).toBe('2019-06-03');
    expect(() => addWorkingDays('2019-06-03', -1)).toThrow(RangeError);
    expect(nextWorkingDay('2019-12-25')).toBe('2019-12-27');
    expect(nextWorkingDay('2019-12-24')).toBe('2019-12-24');
  });

  test('working days keep the Amsterdam wall-clock time, across summer time too', () => {
    // Friday 29 March 2019 12:00 CET → Monday 1 April 12:00 CEST.
    expect(addDays('2019-03-29T11:00:00.000Z', 1, 'working')).toBe('2019-04-01T10:00:00.000Z');
    expect(addDays('2019-03-29T11:00:00.000Z', 3, 'calendar')).toBe('2019-04-01T10:00:00.000Z');
  });

  test('a term due at 00:00 counts its working days from its last day, the day before', () => {
    // Due 25 December 2024 00:00: the last day is Tuesday 24; one working day more is Friday 27
    // (Christmas in between), so the term runs through the 27th, due at 00:00 on the 28th.
    expect(addDays(amsterdamMidnight('2024-12-25'), 1, 'working')).toBe(
      amsterdamMidnight('2024-12-28'),
    );
    // Due Saturday 15 June 00:00 (last day Friday 14): two working days more end on Tuesday 18.
    expect(addDays(amsterdamMidnight('2019-06-15'), 2, 'working')).toBe(
      amsterdamMidnight('2019-06-19'),
    );
    // Due Saturday 8 June 00:00: Whit Monday (10 June) is no working day, so through Wednesday.
    expect(addDays(amsterdamMidnight('2019-06-08'), 2, 'working')).toBe(
      amsterdamMidnight('2019-06-13'),
    );
  });

  test('Algemene termijnenwet: a term ending on a day off runs through the next working day', () => {
    // A term that ends with Saturday 20 April 2019: Sunday, Easter Monday, so through Tuesday 23.
    expect(termsActDue(amsterdamMidnight('2019-04-21'))).toBe(amsterdamMidnight('2019-04-24'));
    // Ends with Christmas 2021 (Saturday, Sunday 26): through Monday 27 December.
    expect(termsActDue(amsterdamMidnight('2021-12-26'))).toBe(amsterdamMidnight('2021-12-28'));
    // Ends on a working day: unchanged, also in the middle of a day.
    expect(termsActDue('2019-04-23T10:00:00.000Z')).toBe('2019-04-23T10:00:00.000Z');
    expect(addDays(amsterdamMidnight('2019-04-11'), 10, 'termsAct')).toBe(
      amsterdamMidnight('2019-04-24'),
    );
  });

  test('every year from 2019 to 2028 has its fixed-date holidays', () => {
    for (let year = 2019; year <= 2028; year += 1) {
      expect(publicHoliday(`${year}-01-01`)).toBe('Nieuwjaar');
      expect(publicHoliday(`${year}-05-05`)).toBe('Bevrijdingsdag');
      expect(publicHoliday(`${year}-12-25`)).toBe('Kerstmis');
      expect(publicHoliday(`${year}-12-26`)).toBe('Tweede kerstdag');
    }
  });
});
