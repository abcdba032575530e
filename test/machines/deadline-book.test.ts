import { acceptanceDefinition } from '../../machines/acceptance/definition';
import {
  createDeadlines,
  dueItems,
  isOverdue,
  nextDeadline,
  nextWakeUp,
  syncDeadlines,
} from '../../workflows/deadline-book';

const dueOf = () => '2019-06-30T22:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('deadline book', () => {
  test('a deadline starts when waited on, with the reminders still ahead of it', () => {
    const [phase1] = syncDeadlines(
      createDeadlines(acceptanceDefinition),
      new Set(['phase1']),
      at('2019-06-10T08:00:00Z'),
      dueOf,
    );
    expect(phase1?.status).toBe('running');
    // The 30-day reminder (1 June) lay in the past at the start and is not sent late.
    expect(phase1?.reminders.map((r) => [r.daysBefore, r.scheduledFor])).toEqual([
      [7, '2019-06-23T22:00:00.000Z'],
      [1, '2019-06-29T22:00:00.000Z'],
    ]);
  });

  test('reminders and the due moment fall due in order; leaving in time meets the deadline', () => {
    let book = syncDeadlines(
      createDeadlines(acceptanceDefinition),
      new Set(['phase1']),
      at('2019-01-15T00:00:00Z'),
      dueOf,
    );
    expect(new Date(nextWakeUp(book) ?? 0).toISOString()).toBe('2019-05-31T22:00:00.000Z');
    expect(dueItems(book, at('2019-05-31T21:59:59Z'))).toEqual([]);
    expect(dueItems(book, at('2019-06-24T00:00:00Z'))).toEqual([
      { kind: 'reminder', deadlineId: 'phase1', reminderIndex: 0 },
      { kind: 'reminder', deadlineId: 'phase1', reminderIndex: 1 },
    ]);
    expect(dueItems(book, at('2019-07-01T00:00:00Z'))).toContainEqual({
      kind: 'deadline',
      deadlineId: 'phase1',
    });
    expect(nextDeadline(book)).toBe('2019-06-30T22:00:00.000Z');
    book = syncDeadlines(book, new Set(), at('2019-06-01T00:00:00Z'), dueOf);
    expect(book[0]?.status).toBe('met');
    expect(nextWakeUp(book)).toBeUndefined();
    expect(nextDeadline(book)).toBeNull();
    expect(isOverdue(book)).toBe(false);
  });

  test('a deadline whose date is not known yet waits, pending, until it is', () => {
    const [unknown] = syncDeadlines(
      createDeadlines(acceptanceDefinition),
      new Set(['phase1']),
      0,
      () => null,
    );
    expect(unknown).toMatchObject({ status: 'pending', due: null });
    expect(nextWakeUp(unknown ? [unknown] : [])).toBeUndefined();
  });

  test('an overdue deadline left later is met late', () => {
    const running = syncDeadlines(
      createDeadlines(acceptanceDefinition),
      new Set(['phase1']),
      at('2019-01-15T00:00:00Z'),
      dueOf,
    );
    const overdue = running.map((d) => ({ ...d, status: 'overdue' as const }));
    expect(isOverdue(overdue)).toBe(true);
    expect(syncDeadlines(overdue, new Set(), at('2019-08-01T00:00:00Z'), dueOf)[0]?.status).toBe(
      'metLate',
    );
  });
});

describe('moments', () => {
  test('a moment that comes is due like a deadline; the host marks it reached, and leaving it keeps that', () => {
    const moments = createDeadlines(acceptanceDefinition).map((d) => ({ ...d, moment: true }));
    const [running] = syncDeadlines(
      moments,
      new Set(['phase1']),
      Date.parse('2019-01-15T00:00:00Z'),
      () => '2019-06-30T22:00:00.000Z',
    );
    if (!running) throw new Error('no deadline');
    expect(dueItems([running], Date.parse('2019-07-01T00:00:00Z'))).toContainEqual({
      kind: 'deadline',
      deadlineId: 'phase1',
    });
    const reached = { ...running, status: 'reached' as const };
    expect(isOverdue([reached])).toBe(false);
    expect(syncDeadlines([reached], new Set(), 0, () => null)[0]?.status).toBe('reached');
  });
});

describe('passed on', () => {
  test('a deadline left unresolved is passed on, not met, whether it was overdue or not', () => {
    const running = syncDeadlines(
      createDeadlines(acceptanceDefinition),
      new Set(['phase1']),
      0,
      dueOf,
    );
    const unresolved = () => false;
    expect(syncDeadlines(running, new Set(), 1, dueOf, unresolved)[0]?.status).toBe('passedOn');
    const overdue = running.map((d) => ({ ...d, status: 'overdue' as const }));
    expect(syncDeadlines(overdue, new Set(), 1, dueOf, unresolved)[0]?.status).toBe('passedOn');
  });
});
