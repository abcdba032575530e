/**
 * Dates in the arrangement are Dutch calendar dates ("vóór 1 juli 2019"). A deadline "before D"
 * falls due at 00:00 Europe/Amsterdam on D. Workflows must be deterministic, so this does not rely
 * on the host's time-zone database: the Netherlands follow the EU summer-time rule (Directive
 * 2000/84/EC, in force since 1996): CEST from the last Sunday of March 01:00 UTC to the last Sunday
 * of October 01:00 UTC, CET (UTC+1) otherwise.
 */
const HOUR_MS = 3_600_000;

/**
 * Milliseconds of a UTC date and time given by parts, like Date.UTC (months from 0, overflowing
 * parts carried over) but for every year: Date.UTC reads the years 0–99 as 1900–1999.
 */
export function utcMs(
  year: number,
  monthIndex: number,
  day: number,
  hours = 0,
  minutes = 0,
  seconds = 0,
  ms = 0,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hours, minutes, seconds, ms);
  return date.getTime();
}

/** The parts of a calendar date (YYYY-MM-DD), checked. */
export function dateParts(date: string): [year: number, monthIndex: number, day: number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

function lastSundayUtc(year: number, monthIndex: number): number {
  const lastDay = new Date(utcMs(year, monthIndex + 1, 0));
  return utcMs(year, monthIndex, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** The UTC offset in hours of Amsterdam time at the given instant. */
export function amsterdamOffsetHours(instantMs: number): 1 | 2 {
  const year = new Date(instantMs).getUTCFullYear();
  const summerStart = lastSundayUtc(year, 2);
  const summerEnd = lastSundayUtc(year, 9);
  return instantMs >= summerStart && instantMs < summerEnd ? 2 : 1;
}

/** 00:00 Amsterdam time on the given calendar date (YYYY-MM-DD), as an ISO instant in UTC. */
export function amsterdamMidnight(date: string): string {
  const utcMidnight = utcMs(...dateParts(date));
  // Midnight is never inside a switch hour (switches happen at 02:00/03:00 local), so the offset
  // at the naive instant minus one hour is the offset at local midnight.
  const offset = amsterdamOffsetHours(utcMidnight - HOUR_MS);
  return new Date(utcMidnight - offset * HOUR_MS).toISOString();
}

/** The Amsterdam calendar date (YYYY-MM-DD) of an instant. */
export function amsterdamDate(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return new Date(ms + amsterdamOffsetHours(ms) * HOUR_MS).toISOString().slice(0, 10);
}

/**
 * A due moment as people read it, in Dutch and English: "vóór 2019-07-01" for 00:00 Amsterdam
 * time on 1 July 2019 (the seed's "vóór 1 juli"), the instant itself otherwise.
 */
export function describeMoment(instant: string): { nl: string; en: string } {
  const date = amsterdamDate(instant);
  if (amsterdamMidnight(date) === new Date(instant).toISOString()) {
    return { nl: `vóór ${date}`, en: `before ${date}` };
  }
  return { nl: instant, en: instant };
}

/**
 * The same Amsterdam wall-clock time the given number of calendar days earlier: a reminder
 * "30 days before 1 July 00:00" goes out on 1 June at 00:00, across summer-time switches too.
 */
export function calendarDaysBefore(instant: string, days: number): string {
  const ms = Date.parse(instant);
  const wallClock = ms + amsterdamOffsetHours(ms) * HOUR_MS - days * 86_400_000;
  const guess = wallClock - amsterdamOffsetHours(wallClock - HOUR_MS) * HOUR_MS;
  return new Date(wallClock - amsterdamOffsetHours(guess) * HOUR_MS).toISOString();
}

/**
 * The same Amsterdam wall-clock time the given number of calendar months later; the day is
 * clamped to the month's end (31 January + 1 month = 28 or 29 February). "Within one month".
 */
export function calendarMonthsAfter(instant: string, months: number): string {
  const ms = Date.parse(instant);
  const wall = new Date(ms + amsterdamOffsetHours(ms) * HOUR_MS);
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + months;
  const lastDay = new Date(utcMs(year, month + 1, 0)).getUTCDate();
  const shifted = utcMs(
    year,
    month,
    Math.min(wall.getUTCDate(), lastDay),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  const guess = shifted - amsterdamOffsetHours(shifted - HOUR_MS) * HOUR_MS;
  return new Date(shifted - amsterdamOffsetHours(guess) * HOUR_MS).toISOString();
}
