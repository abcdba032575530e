/**
 * The one rule for showing a due date, used alike by the dashboard, the reminder e-mail and the
 * calendar feed (README, "Termijnen lezen"):
 *
 * - A deadline due at 00:00 Amsterdam time on D ("vóór 1 juli") may be met up to the end of the day
 *   before: "uiterlijk 30 juni 2027". The calendar shows it as a whole day on 30 June.
 * - A deadline due at any other instant: "uiterlijk 30 juni 2027 om 14:30".
 * - A moment (a meeting, the start of a term) is shown on its own day: "op 1 januari 2024", or
 *   "op 12 november 2027 om 10:00"; the calendar shows a moment at 00:00 as that whole day.
 *
 * Pure arithmetic on dutch-time.ts with its own month names rather than Intl: Chromium and Node
 * ship different ICU data, and the three places must print the very same words.
 */
import { amsterdamDate, amsterdamMidnight, amsterdamOffsetHours } from './dutch-time';

const HOUR_MS = 3_600_000;
const monthsNl = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;
const monthsEn = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Whether the instant is 00:00 Amsterdam time: a "before D" deadline, or a whole-day moment. */
export function isAmsterdamMidnight(instant: string): boolean {
  return amsterdamMidnight(amsterdamDate(instant)) === new Date(instant).toISOString();
}

/** The calendar day (YYYY-MM-DD) a due date is shown on: the last day to act, or a moment's day. */
export function displayDay(due: string, moment = false): string {
  const ms = Date.parse(due);
  return !moment && isAmsterdamMidnight(due) ? amsterdamDate(ms - 1) : amsterdamDate(ms);
}

/** A calendar date (YYYY-MM-DD) in words: "30 juni 2027", or in English "30 June 2027". */
export function calendarDateText(date: string, language: 'nl' | 'en' = 'nl'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const month = (language === 'nl' ? monthsNl : monthsEn)[Number(match[2]) - 1] ?? match[2];
  return `${String(Number(match[3]))} ${month} ${match[1]}`;
}

/** The Amsterdam wall-clock time of an instant, "14:30". */
function clockText(instant: string): string {
  const ms = Date.parse(instant);
  const wall = new Date(ms + amsterdamOffsetHours(ms) * HOUR_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** The day of an instant in words, with its time unless it is 00:00: "12 november 2027". */
export function momentText(instant: string, language: 'nl' | 'en' = 'nl'): string {
  const day = calendarDateText(amsterdamDate(instant), language);
  if (isAmsterdamMidnight(instant)) return day;
  return `${day} ${language === 'nl' ? 'om' : 'at'} ${clockText(instant)}`;
}

/**
 * A due date in words: "uiterlijk 30 juni 2027" for a deadline due at 00:00 on 1 July, "op
 * 12 november 2027" for a moment; English "by 30 June 2027" / "on 12 November 2027".
 */
export function dueText(due: string, options: { moment?: boolean; language?: 'nl' | 'en' } = {}) {
  const language = options.language ?? 'nl';
  const moment = options.moment ?? false;
  const prefix = moment
    ? language === 'nl'
      ? 'op'
      : 'on'
    : language === 'nl'
      ? 'uiterlijk'
      : 'by';
  const words = isAmsterdamMidnight(due)
    ? calendarDateText(displayDay(due, moment), language)
    : momentText(due, language);
  return `${prefix} ${words}`;
}
