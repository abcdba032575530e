import { z } from 'zod';
import { amsterdamMidnight } from './dutch-time';

/** An exact instant with an offset, normalised to UTC. */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());

/**
 * A Dutch calendar date. Checked by hand rather than with z.iso.date(): zod's date pattern does
 * not survive the workflow bundle (it fails inside the Temporal sandbox), and input schemas run
 * on both sides.
 */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    (value) => {
      // Refinements run even when the pattern failed, so this must not throw on any string.
      const ms = Date.parse(`${value}T00:00:00Z`);
      return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
    },
    { error: 'no such date' },
  );

/** A deadline "before D": a calendar date (00:00 Amsterdam time that day) or an exact instant. */
export const deadlineSchema = z.union(
  [calendarDateSchema.transform((date) => amsterdamMidnight(date)), instantSchema],
  { error: 'expected a date (YYYY-MM-DD) or an ISO-8601 instant with offset' },
);
