import { acceptanceDefinition } from '../../machines/acceptance/definition';
import type { Actor } from '../../machines/actors';
import type { DeadlineDefinition } from '../../machines/process-definition';
import type { DeadlineRecord } from '../../workflows/contract';
import {
  adjustDeadline,
  deadlineChangeSchema,
  type AdjustmentResult,
} from '../../workflows/deadline-adjustment';
import {
  createDeadlines,
  dueItems,
  nextDeadline,
  nextWakeUp,
  syncDeadlines,
} from '../../workflows/deadline-book';
import { deadlineLimit } from '../../workflows/deadline-rules';
import { machineDriver } from '../helpers/machine-driver';

const sbo: Actor = { id: 'sbo', role: 'sbo', party: 'rijk' };
const at = (iso: string) => Date.parse(iso);
const due = '2019-06-30T22:00:00.000Z'; // before 1 July 2019
const change = (raw: Record<string, unknown>) => deadlineChangeSchema.parse(raw);

function running(): DeadlineRecord {
  const [phase1] = syncDeadlines(
    createDeadlines(acceptanceDefinition),
    new Set(['phase1']),
    at('2019-01-15T00:00:00Z'),
    () => due,
  );
  if (!phase1) throw new Error('no phase1 deadline');
  return phase1;
}

const phase1Definition = acceptanceDefinition.deadlines.phase1 as DeadlineDefinition;
const snapshot = machineDriver(acceptanceDefinition, '2019-01-15T00:00:00Z', sbo).start({
  provision: 'loket',
});
/** 180 days after 1 July 2019, well before the end of the arrangement's term. */
const limit = deadlineLimit(phase1Definition, running(), snapshot);

function applied(result: AdjustmentResult): DeadlineRecord {
  if (!result.ok) throw new Error(result.reason);
  return result.record;
}

describe('suspending, resuming and extending a deadline', () => {
  test('a suspended deadline neither reminds nor passes, and has no next due date', () => {
    const suspended = applied(
      adjustDeadline(
        running(),
        change({ action: 'suspend', reason: 'Wacht op advies' }),
        sbo,
        at('2019-05-01T10:00:00Z'),
        limit,
      ),
    );
    expect(suspended).toMatchObject({
      status: 'suspended',
      suspendedAt: '2019-05-01T10:00:00.000Z',
      due,
    });
    expect(dueItems([suspended], at('2019-08-01T00:00:00Z'))).toEqual([]);
    expect(nextWakeUp([suspended])).toBeUndefined();
    expect(nextDeadline([suspended])).toBeNull();
    expect(suspended.adjustments).toEqual([
      {
        action: 'suspend',
        at: '2019-05-01T10:00:00.000Z',
        by: sbo,
        reason: 'Wacht op advies',
        dueBefore: due,
        dueAfter: due,
      },
    ]);
  });

  test('resuming moves the due moment by exactly the suspended time and re-plans the reminders', () => {
    const before = running();
    const sent: DeadlineRecord = {
      ...before,
      reminders: before.reminders.map((r) =>
        r.daysBefore === 30 ? { ...r, status: 'sent', sentAt: r.scheduledFor } : r,
      ),
    };
    const suspended = applied(
      adjustDeadline(
        sent,
        change({ action: 'suspend', reason: 'r' }),
        sbo,
        at('2019-06-10T12:00:00Z'),
        limit,
      ),
    );
    const resumed = applied(
      adjustDeadline(
        suspended,
        change({ action: 'resume', reason: 'Advies binnen' }),
        sbo,
        at('2019-06-20T12:00:00Z'),
        limit,
      ),
    );
    expect(resumed.status).toBe('running');
    expect(resumed.suspendedAt).toBeUndefined();
    expect(resumed.due).toBe('2019-07-10T22:00:00.000Z');
    expect(resumed.adjustments?.[1]).toMatchObject({
      action: 'resume',
      suspendedMs: 10 * 86_400_000,
      dueBefore: due,
      dueAfter: '2019-07-10T22:00:00.000Z',
    });
    // The 30-day reminder was given and is not repeated; 7 and 1 days before the new date.
    expect(resumed.reminders.map((r) => [r.daysBefore, r.scheduledFor, r.status])).toEqual([
      [30, '2019-05-31T22:00:00.000Z', 'sent'],
      [7, '2019-07-03T22:00:00.000Z', 'planned'],
      [1, '2019-07-09T22:00:00.000Z', 'planned'],
    ]);
    expect(nextDeadline([resumed])).toBe('2019-07-10T22:00:00.000Z');
  });

  // "Deze fase loopt tot 1 juli 2019": a term that ends with a day still ends with a day after a
  // pause, however short; the suspension counts as whole days, rounded up.
  test('a whole-day term suspended for 2 seconds moves by one whole day, not to 22:00:02', () => {
    const resumeAfter = (suspendedAt: string, resumedAt: string, wholeDays = true) => {
      const suspended = applied(
        adjustDeadline(
          running(),
          change({ action: 'suspend', reason: 'r' }),
          sbo,
          at(suspendedAt),
          limit,
        ),
      );
      return applied(
        adjustDeadline(
          suspended,
          change({ action: 'resume', reason: 'r' }),
          sbo,
          at(resumedAt),
          limit,
          () => wholeDays,
        ),
      );
    };
    const resumed = resumeAfter('2019-06-10T12:00:00Z', '2019-06-10T12:00:02Z');
    expect(resumed.due).toBe('2019-07-01T22:00:00.000Z');
    expect(resumed.adjustments?.[1]).toMatchObject({ suspendedMs: 2000, dueAfter: resumed.due });
    // 10 days and a minute: 11 days; exactly 10 days: 10.
    expect(resumeAfter('2019-06-10T12:00:00Z', '2019-06-20T12:01:00Z').due).toBe(
      '2019-07-11T22:00:00.000Z',
    );
    expect(resumeAfter('2019-06-10T12:00:00Z', '2019-06-20T12:00:00Z').due).toBe(
      '2019-07-10T22:00:00.000Z',
    );
    // A run that resumed before this rule keeps the exact time (its history says so).
    expect(resumeAfter('2019-06-10T12:00:00Z', '2019-06-10T12:00:02Z', false).due).toBe(
      '2019-06-30T22:00:02.000Z',
    );
  });

  test('a whole-day term keeps 00:00 Amsterdam across the summer-time switch; a timed one moves by the exact time', () => {
    const [phase1] = syncDeadlines(
      createDeadlines(acceptanceDefinition),
      new Set(['phase1']),
      at('2019-01-15T00:00:00Z'),
      () => '2019-03-29T23:00:00.000Z', // before 30 March 2019, winter time
    );
    if (!phase1) throw new Error('no phase1 deadline');
    const suspended = applied(
      adjustDeadline(
        phase1,
        change({ action: 'suspend', reason: 'r' }),
        sbo,
        at('2019-03-01T10:00:00Z'),
        null,
      ),
    );
    const resumed = applied(
      adjustDeadline(
        suspended,
        change({ action: 'resume', reason: 'r' }),
        sbo,
        at('2019-03-03T09:00:00Z'),
        null,
      ),
    );
    // Two days (rounded up from 47 hours), to 00:00 summer time on 1 April.
    expect(resumed.due).toBe('2019-03-31T22:00:00.000Z');
    const timed = { ...phase1, due: '2019-03-29T15:30:00.000Z' };
    const timedSuspended = applied(
      adjustDeadline(
        timed,
        change({ action: 'suspend', reason: 'r' }),
        sbo,
        at('2019-03-01T10:00:00Z'),
        null,
      ),
    );
    expect(
      applied(
        adjustDeadline(
          timedSuspended,
          change({ action: 'resume', reason: 'r' }),
          sbo,
          at('2019-03-01T10:00:02Z'),
          null,
        ),
      ).due,
    ).toBe('2019-03-29T15:30:02.000Z');
  });

  test('extending: to a later date, or by calendar or working days from the due moment', () => {
    const now = at('2019-06-01T09:00:00Z');
    expect(
      applied(
        adjustDeadline(
          running(),
          change({ action: 'extend', reason: 'r', until: '2019-09-01' }),
          sbo,
          now,
          limit,
        ),
      ).due,
    ).toBe('2019-08-31T22:00:00.000Z');
    expect(
      applied(
        adjustDeadline(
          running(),
          change({ action: 'extend', reason: 'r', days: 14 }),
          sbo,
          now,
          limit,
        ),
      ).due,
    ).toBe('2019-07-14T22:00:00.000Z');
    // Due Monday 1 July 00:00, so the last day was Sunday 30 June: ten working days more run
    // through Friday 12 July, due at 00:00 on the 13th.
    const extended = applied(
      adjustDeadline(
        running(),
        change({ action: 'extend', reason: 'r', days: 10, unit: 'working' }),
        sbo,
        now,
        limit,
      ),
    );
    expect(extended.due).toBe('2019-07-12T22:00:00.000Z');
    expect(extended.reminders.map((r) => r.daysBefore)).toEqual([30, 7, 1]);
  });

  test('impossible changes are refused with the reason', () => {
    const now = at('2019-06-01T09:00:00Z');
    const refusal = (record: DeadlineRecord, raw: Record<string, unknown>) => {
      const result = adjustDeadline(record, change({ reason: 'r', ...raw }), sbo, now, limit);
      return result.ok ? 'accepted' : result.reason;
    };
    expect(refusal(running(), { action: 'resume' })).toBe('not suspended');
    const suspended = applied(
      adjustDeadline(running(), change({ action: 'suspend', reason: 'r' }), sbo, now, limit),
    );
    expect(refusal(suspended, { action: 'suspend' })).toBe('already suspended');
    expect(refusal(running(), { action: 'extend', until: '2019-06-15' })).toMatch(/must lie after/);
    expect(refusal({ ...running(), status: 'overdue' }, { action: 'extend', days: 3 })).toMatch(
      /is overdue/,
    );
    expect(
      refusal(createDeadlines(acceptanceDefinition)[0] as DeadlineRecord, { action: 'suspend' }),
    ).toMatch(/is pending/);
  });

  test.each([
    [{ action: 'suspend' }, 'reason'],
    [{ action: 'suspend', reason: '   ' }, 'reason'],
    [{ action: 'suspend', reason: 'x'.repeat(1001) }, 'reason'],
    [{ action: 'extend', reason: 'r' }, 'until'],
    [{ action: 'extend', reason: 'r', until: '2019-09-01', days: 3 }, 'until'],
    [{ action: 'extend', reason: 'r', until: '2019-09-01', unit: 'working' }, 'unit'],
    [{ action: 'extend', reason: 'r', days: 0 }, 'days'],
    [{ action: 'extend', reason: 'r', until: '1 september' }, 'until'],
    [{ action: 'resume', reason: 'r', days: 3 }, ''],
  ])('invalid request %# is refused, naming the field', (raw, path) => {
    const parsed = deadlineChangeSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  test('a running deadline already past its due moment stays passed: no suspension, no extension', () => {
    const lateBy = at('2019-07-01T01:00:00Z'); // the host's timer has not fired yet
    for (const raw of [
      { action: 'suspend', reason: 'Te laat' },
      { action: 'extend', reason: 'Te laat', days: 5 },
    ]) {
      const result = adjustDeadline(running(), change(raw), sbo, lateBy, limit);
      expect(result).toEqual({
        ok: false,
        reason: expect.stringContaining('has passed') as string,
      });
    }
  });
});
