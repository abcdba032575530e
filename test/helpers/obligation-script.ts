/** Starting catalogue obligations on the time-skipping server, and checking their reminders. */
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../../machines/actors';
import { calendarDaysBefore } from '../../machines/dutch-time';
import { obligationCatalogue } from '../../machines/obligation/catalogue';
import { viewQuery, type ProcessView } from '../../workflows/contract';
import type { WorkflowTestContext } from './workflow-environment';

export const sbo: Actor = { id: 'sbo', role: 'sbo', party: 'rijk' };

/** Starts the catalogue's obligation and waits for its first task, so time skips after it. */
export async function startObligation(
  t: WorkflowTestContext,
  key: string,
): Promise<{ handle: WorkflowHandle; view: ProcessView }> {
  const input = obligationCatalogue().find((e) => e.obligationKey === key);
  if (!input) throw new Error(`no obligation ${key} in the catalogue`);
  const handle = await t.env.client.workflow.start('obligation', {
    taskQueue: t.taskQueue,
    workflowId: `obligation:${key}`,
    args: [{ input, startedBy: sbo }],
  });
  return { handle, view: await handle.query(viewQuery) };
}

/** Each reminder went out at its workflow time, give or take the activity's round trip. */
export function expectSentOnTime(
  view: ProcessView,
  deadline: string,
  due: string,
  days: number[],
): void {
  const record = view.deadlines.find((d) => d.id === deadline);
  expect(record?.due).toBe(due);
  expect(record?.reminders.map((r) => [r.daysBefore, r.scheduledFor, r.status])).toEqual(
    days.map((d) => [d, calendarDaysBefore(due, d), 'sent']),
  );
  for (const reminder of record?.reminders ?? []) {
    const late = Date.parse(reminder.sentAt ?? '') - Date.parse(reminder.scheduledFor);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(60_000);
  }
}
