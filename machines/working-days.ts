/**
 * Working days in the Netherlands, for deadlines counted in working days and for the Algemene
 * termijnenwet. Which public holidays count is the Algemene termijnenwet's list (art. 3):
 * Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag, eerste en tweede Kerstdag,
 * the day the King's birthday is celebrated (Koningsdag) and 5 May (Bevrijdingsdag, every year).
 * Goede Vrijdag is not on that list and is a working day. Easter and Whit Sunday are Sundays anyway.
 *
 * The dates come from a pinned table (dutch-public-holidays.json), generated from the maintained
 * `date-holidays` library by `npm run holidays:generate` and compared with it by a test: inside the
 * workflow sandbox the library would bring ~700 kB of moment-timezone data into every worker, and
 * a library update could move a due date on replay. A committed table moves only by a reviewed diff.
 *
 * Pure and deterministic (no clock, no I/O), so workflow code may use it.
 */
import { z } from 'zod';
import {
  amsterdamDate,
  amsterdamMidnight,
  amsterdamOffsetHours,
  calendarDaysBefore,
  dateParts,
  utcMs,
} from './dutch-time';
import table from './dutch-public-holidays.json';

/** How a deadline counts its days. */
export const dayUnits = ['calendar', 'working', 'termsAct'] as const;
/**
 * `calendar`: plain calendar days; `working`: working days (no weekends, no public holidays);
 * `termsAct`: calendar days, but a term ending on a Saturday, Sunday or public holiday runs to
 * the end of the next working day (Algemene termijnenwet, art. 1).
 */
export const dayUnitSchema = z.enum(dayUnits);
export type DayUnit = z.infer<typeof dayUnitSchema>;

export const dayUnitLabels: Record<DayUnit, string> = {
  calendar: 'kalenderdagen',
  working: 'werkdagen',
  termsAct: 'kalenderdagen (Algemene termijnenwet)',
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The years the table holds: every date an input may hold (date-schemas.ts) and one year more. */
export const HOLIDAY_YEARS = { first: table.firstYear, last: table.lastYear } as const;

const holidayYears: Readonly<Record<string, Readonly<Record<string, string>> | undefined>> =
  table.years;
const byYear = new Map<number, ReadonlyMap<string, string>>();

/**
 * The public holidays of the Algemene termijnenwet in a year, by date (YYYY-MM-DD) with their name.
 * A year outside the table is refused rather than taken as a year without holidays: inputs cannot
 * reach one, so only a term counted far past them would, and it must not fall due on a holiday.
 */
export function publicHolidays(year: number): ReadonlyMap<string, string> {
  const known = byYear.get(year);
  if (known) return known;
  const days = holidayYears[String(year)];
  if (days === undefined)
    throw new RangeError(
      `no Dutch public holidays known for ${year}: the pinned table holds ${HOLIDAY_YEARS.first}–${HOLIDAY_YEARS.last}`,
    );
  const holidays = new Map(Object.entries(days));
  byYear.set(year, holidays);
  return holidays;
}

const checkedDate = (date: string): number => utcMs(...dateParts(date));

const dateOf = (utcMs: number) => new Date(utcMs).toISOString().slice(0, 10);

/** The public holiday on a date (YYYY-MM-DD), or undefined. */
export function publicHoliday(date: string): string | undefined {
  return publicHolidays(new Date(checkedDate(date)).getUTCFullYear()).get(date);
}

/** Whether a date (YYYY-MM-DD) is a working day: Monday to Friday and no public holiday. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(checkedDate(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && publicHoliday(date) === undefined;
}

/** The date itself when it is a working day, otherwise the next working day. */
export function nextWorkingDay(date: string): string {
  let ms = checkedDate(date);
  while (!isWorkingDay(dateOf(ms))) ms += DAY_MS;
  return dateOf(ms);
}

/** The n-th working day after a date (the date itself does not count); n ≥ 0. */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a number of days: ${String(n)}`);
  let ms = checkedDate(date);
  for (let left = n; left > 0;) {
    ms += DAY_MS;
    if (isWorkingDay(dateOf(ms))) left -= 1;
  }
  return dateOf(ms);
}

/** The instant at the same Amsterdam wall-clock time on another calendar date. */
function sameTimeOn(instant: string, date: string): string {
  const ms = Date.parse(instant);
  const wallClock = ms + amsterdamOffsetHours(ms) * HOUR_MS;
  const timeOfDay = ((wallClock % DAY_MS) + DAY_MS) % DAY_MS;
  const shifted = checkedDate(date) + timeOfDay;
  const guess = shifted - amsterdamOffsetHours(shifted - HOUR_MS) * HOUR_MS;
  return new Date(shifted - amsterdamOffsetHours(guess) * HOUR_MS).toISOString();
}

/**
 * Algemene termijnenwet, art. 1: a term whose last day is a Saturday, Sunday or public holiday
 * runs to the end of the next working day. `due` is the moment the term has run out (a term that
 * ends with a day falls due at 00:00 after it), so its last day is the day just before `due`.
 */
export function termsActDue(due: string): string {
  const lastDay = amsterdamDate(Date.parse(due) - 1);
  if (isWorkingDay(lastDay)) return new Date(Date.parse(due)).toISOString();
  return amsterdamMidnight(dateOf(checkedDate(nextWorkingDay(lastDay)) + DAY_MS));
}

/**
 * The moment `days` days after an instant in the given unit, at the same Amsterdam wall-clock
 * time: calendar days, working days, or calendar days under the Algemene termijnenwet.
 */
export function addDays(instant: string, days: number, unit: DayUnit): string {
  switch (unit) {
    case 'calendar':
      return calendarDaysBefore(instant, -days);
    case 'working': {
      // Due at 00:00 means the day before was the last day: count from that day, so a term that
      // ends on a holiday's eve gains whole working days, and end at 00:00 after the result.
      const ms = Date.parse(instant);
      if (amsterdamMidnight(amsterdamDate(ms)) === new Date(ms).toISOString()) {
        const lastDay = addWorkingDays(amsterdamDate(ms - 1), days);
        return amsterdamMidnight(dateOf(checkedDate(lastDay) + DAY_MS));
      }
      return sameTimeOn(instant, addWorkingDays(amsterdamDate(instant), days));
    }
    case 'termsAct':
      return termsActDue(addDays(instant, days, 'calendar'));
  }
}
