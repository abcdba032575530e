/**
 * The Dutch public holidays as the `date-holidays` library computes them, read exactly as
 * machines/working-days.ts read them before the table was pinned: the source of
 * machines/dutch-public-holidays.json (`npm run holidays:generate`) and of the test that compares
 * the two. Never imported by machines or workflows: the library brings ~700 kB of moment-timezone
 * data, and a library update must not move a due date on replay.
 */
import Holidays from 'date-holidays';
import { readFileSync } from 'node:fs';

/**
 * The library's public holidays of NL are the Algemene termijnenwet's days (plus Easter and Whit
 * Sunday, Sundays anyway); it files Bevrijdingsdag under "school", so that one is added by rule.
 */
const countsAsHoliday = (holiday: { type: string; rule: string }) =>
  holiday.type === 'public' || holiday.rule === '05-05';

let calendar: Holidays | undefined;

/** A year's holidays by date (YYYY-MM-DD); on a date with two, the later one's name (2016-05-05). */
export function libraryHolidays(year: number): Record<string, string> {
  calendar ??= new Holidays('NL', { languages: 'nl' });
  const days: Record<string, string> = {};
  for (const holiday of calendar.getHolidays(year, 'nl'))
    if (countsAsHoliday(holiday)) days[holiday.date.slice(0, 10)] = holiday.name;
  return days;
}

/** The library's version, written into the table so that a reader sees where it came from. */
export function libraryVersion(): string {
  const manifest = JSON.parse(
    readFileSync(require.resolve('date-holidays/package.json'), 'utf8'),
  ) as { version: string };
  return manifest.version;
}
