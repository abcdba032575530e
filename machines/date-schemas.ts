import { z } from 'zod';
import { amsterdamDate, amsterdamMidnight } from './dutch-time';

/**
 * The dates an input may hold. The arrangement's own lie in 2018–2031 and its follow-ups not far
 * beyond; a year like 0019 or 9999 is a typing error, and one that would corrupt the record.
 */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2199-12-31';
const range = `from ${FIRST_DATE} to ${LAST_DATE}`;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
// The date parts are read by Date.parse, which takes a four-digit year as it is (Date.UTC would
// read 0000–0099 as 1900–1999).
const isCalendarDate = (value: string): boolean => {
  if (!datePattern.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
};
const inRange = (date: string): boolean => date >= FIRST_DATE && date <= LAST_DATE;

const isoInstant = z.iso.datetime({ offset: true });
/** Whether an instant's Amsterdam date lies in the range; not an instant at all is for the format check. */
const instantInRange = (value: string): boolean => {
  const ms = Date.parse(value);
  return Number.isNaN(ms) || inRange(amsterdamDate(ms));
};

/** An exact instant with an offset, normalised to UTC. */
export const instantSchema = isoInstant
  .refine(instantInRange, { error: `expected an instant ${range} (Amsterdam time)` })
  .transform((value) => new Date(value).toISOString());

/**
 * A Dutch calendar date. Checked by hand rather than with z.iso.date(): zod's date pattern does
 * not survive the workflow bundle (it fails inside the Temporal sandbox), and input schemas run
 * on both sides. Refinements run even when the pattern failed, so none may throw on any string.
 */
export const calendarDateSchema = z
  .string()
  .regex(datePattern, 'expected a date as YYYY-MM-DD')
  .refine((value) => !datePattern.test(value) || isCalendarDate(value), { error: 'no such date' })
  .refine((value) => !isCalendarDate(value) || inRange(value), {
    error: `expected a date ${range}`,
  });

/** Why a deadline input is neither a date nor an instant in range, as precisely as it can tell. */
function deadlineIssue(input: unknown): string {
  const value = typeof input === 'string' ? input : '';
  if (isCalendarDate(value)) return `expected a date ${range}`;
  if (isoInstant.safeParse(value).success) return `expected an instant ${range} (Amsterdam time)`;
  if (datePattern.test(value)) return 'no such date';
  return `expected a date (YYYY-MM-DD) or an ISO-8601 instant with offset, ${range}`;
}

/** A deadline "before D": a calendar date (00:00 Amsterdam time that day) or an exact instant. */
export const deadlineSchema = z.union(
  [calendarDateSchema.transform((date) => amsterdamMidnight(date)), instantSchema],
  { error: (issue) => deadlineIssue(issue.input) },
);
