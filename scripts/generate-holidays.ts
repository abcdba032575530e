/**
 * Writes machines/dutch-public-holidays.json from the `date-holidays` library: the pinned table of
 * the public holidays the Algemene termijnenwet counts, which working-day arithmetic reads inside
 * the workflow sandbox. Run `npm run holidays:generate` after a library update, review the diff
 * (a changed date moves the due dates of running processes), and commit it.
 *
 * The years: every date an input may hold (machines/date-schemas.ts, 2000–2199) and one year more,
 * for a term counted from the last accepted days into the next year.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_DATE, LAST_DATE } from '../machines/date-schemas';
import { libraryHolidays, libraryVersion } from './holidays/library-holidays';

const firstYear = Number(FIRST_DATE.slice(0, 4));
const lastYear = Number(LAST_DATE.slice(0, 4)) + 1;

const years: Record<string, Record<string, string>> = {};
for (let year = firstYear; year <= lastYear; year += 1) years[String(year)] = libraryHolidays(year);

const target = join(__dirname, '..', 'machines', 'dutch-public-holidays.json');
const table = { source: `date-holidays ${libraryVersion()} (NL)`, firstYear, lastYear, years };
writeFileSync(target, `${JSON.stringify(table, null, 2)}\n`);
process.stderr.write(`[holidays] ${firstYear}–${lastYear} written to ${target}\n`);
