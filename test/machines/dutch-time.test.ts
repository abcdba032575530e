import { amsterdamDate, amsterdamMidnight, calendarDaysBefore } from '../../machines/dutch-time';

describe('Dutch time', () => {
  test.each([
    ['2019-07-01', '2019-06-30T22:00:00.000Z'], // summer time
    ['2019-12-31', '2019-12-30T23:00:00.000Z'], // winter time
    ['2019-03-31', '2019-03-30T23:00:00.000Z'], // the night summer time starts
    ['2019-04-01', '2019-03-31T22:00:00.000Z'],
    ['2019-10-27', '2019-10-26T22:00:00.000Z'], // the night summer time ends
    ['2019-10-28', '2019-10-27T23:00:00.000Z'],
  ])('midnight of %s in Amsterdam is %s', (date, instant) => {
    expect(amsterdamMidnight(date)).toBe(instant);
    expect(amsterdamDate(instant)).toBe(date);
  });

  test('reminders keep the wall-clock time across a summer-time switch', () => {
    // 1 April 00:00 CEST, 7 days earlier is 25 March 00:00 CET.
    expect(calendarDaysBefore('2019-03-31T22:00:00.000Z', 7)).toBe('2019-03-24T23:00:00.000Z');
    expect(calendarDaysBefore('2019-06-30T22:00:00.000Z', 30)).toBe('2019-05-31T22:00:00.000Z');
  });

  test('a string that is no date is refused', () => {
    expect(() => amsterdamMidnight('1 juli 2019')).toThrow(RangeError);
  });
});
