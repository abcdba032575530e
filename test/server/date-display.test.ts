/**
 * The one date rule (machines/due-date-display.ts): a deadline "before D" reads as its last day,
 * a moment as its own day, in Amsterdam time across summer-time switches.
 */
import fc from 'fast-check';
import { amsterdamMidnight } from '../../machines/dutch-time';
import { calendarDateText, displayDay, dueText, momentText } from '../../machines/due-date-display';

test('a deadline due at 00:00 on 1 July reads "uiterlijk 30 juni", a moment on its own day', () => {
  const due = amsterdamMidnight('2027-07-01');
  expect(due).toBe('2027-06-30T22:00:00.000Z');
  expect(dueText(due)).toBe('uiterlijk 30 juni 2027');
  expect(dueText(due, { language: 'en' })).toBe('by 30 June 2027');
  expect(dueText(due, { moment: true })).toBe('op 1 juli 2027');
  expect(dueText(due, { moment: true, language: 'en' })).toBe('on 1 July 2027');
});

test('a meeting on 12 November is due by the end of that day and reads 12 november', () => {
  // machines/decision/definition.ts: the meeting deadline falls at 00:00 on the day after.
  const meeting = amsterdamMidnight('2027-11-12');
  const due = amsterdamMidnight('2027-11-13');
  expect(momentText(meeting)).toBe('12 november 2027');
  expect(dueText(due)).toBe('uiterlijk 12 november 2027');
});

test('an instant that is not midnight keeps its day and shows its Amsterdam time', () => {
  // 12:30 UTC is 14:30 in summer (CEST) and 13:30 in winter (CET).
  expect(dueText('2027-07-01T12:30:00.000Z')).toBe('uiterlijk 1 juli 2027 om 14:30');
  expect(dueText('2027-01-15T12:30:00.000Z')).toBe('uiterlijk 15 januari 2027 om 13:30');
  // 23:30 UTC on 31 March is already 1 April in Amsterdam.
  expect(dueText('2027-03-31T23:30:00.000Z', { moment: true })).toBe('op 1 april 2027 om 01:30');
});

test('every day of 2000–2199 as a "before" deadline reads as the day before it', () => {
  const day = fc
    .date({
      min: new Date('2000-01-02T00:00:00Z'),
      max: new Date('2199-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10));
  fc.assert(
    fc.property(day, (date) => {
      const due = amsterdamMidnight(date);
      const before = new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(displayDay(due)).toBe(before);
      expect(displayDay(due, true)).toBe(date);
      expect(dueText(due)).toBe(`uiterlijk ${calendarDateText(before)}`);
    }),
  );
});

test('a calendar date in words, with Dutch and English month names', () => {
  expect(calendarDateText('2024-01-01')).toBe('1 januari 2024');
  expect(calendarDateText('2024-12-31', 'en')).toBe('31 December 2024');
});
