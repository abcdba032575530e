/**
 * The OGB Beheer's meeting cadence (seed §6.3): every two months until the Act takes effect, every
 * three months after. Without a meeting calendar of its own, a cycle assumes meetings on a fixed
 * day of January, March, May, July, September and November before the Act, and of January, April,
 * July and October after; an explicit list of meeting dates replaces this.
 */
export interface MeetingCadence {
  /** The day the Act takes effect (YYYY-MM-DD); the seed assumes 1 January 2021. */
  actTakesEffect: string;
  /** Day of the month meetings are held on (1–28). */
  meetingDay: number;
  /** Explicit meeting dates (YYYY-MM-DD), replacing the assumed cadence when given. */
  meetings?: readonly string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Meeting dates from `from` (inclusive) for `count` meetings. */
export function meetingsFrom(from: string, cadence: MeetingCadence, count = 12): string[] {
  if (cadence.meetings) {
    const known = [...cadence.meetings].sort().filter((d) => d >= from);
    // Past the end of the known calendar, the assumed cadence goes on.
    if (known.length >= count) return known.slice(0, count);
    const last = known.at(-1);
    const after = last === undefined ? from : nextDay(last);
    return [...known, ...assumedMeetings(after, cadence, count - known.length)];
  }
  return assumedMeetings(from, cadence, count);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function assumedMeetings(from: string, cadence: MeetingCadence, count: number): string[] {
  const found: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = 1;
  while (found.length < count) {
    const date = `${year}-${pad(month)}-${pad(cadence.meetingDay)}`;
    const monthly = date < cadence.actTakesEffect ? [1, 3, 5, 7, 9, 11] : [1, 4, 7, 10];
    if (monthly.includes(month) && date >= from) found.push(date);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return found;
}

/** The first meeting on or after a date: where a decision due "by then" is taken by default. */
export function nextMeeting(from: string, cadence: MeetingCadence): string | undefined {
  return meetingsFrom(from, cadence, 1)[0];
}
