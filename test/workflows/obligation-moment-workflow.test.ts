/**
 * The end of the agreement term on the time-skipping test server: a moment with its own reminder
 * days (a year ahead), reached at the start of 2029, never overdue. A file of its own, so that its
 * ten years of workflow time start from a clock no other test has moved.
 */
import { viewQuery, type ProcessView } from '../../workflows/contract';
import { expectSentOnTime, startObligation } from '../helpers/obligation-script';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const t = useTimeSkippingEnvironment('2019-04-01T08:00:00Z', 'obligation-moment-workflow-test');

test('the end of the agreement term: reminded 365, 90 and 30 days before, reached on 1 January 2029', async () => {
  const { handle, view } = await startObligation(t, 'einde-looptijd-beheerovereenkomst');
  const moment = '2028-12-31T23:00:00.000Z';
  expect(view.deadlines.find((d) => d.id === 'moment')?.reminders.map((r) => r.daysBefore)).toEqual(
    [365, 90, 30],
  );
  expect(view.allowedEvents.map((a) => [a.type, a.role])).toEqual([['WAIVE', 'sbo']]);
  await t.sleepUntil('2028-12-31T12:00:00Z');
  expect((await handle.query(viewQuery)).state).toEqual(['awaitingMoment']);
  await t.sleepUntil('2029-01-02T08:00:00Z');
  const result = (await handle.result()) as ProcessView;
  expectSentOnTime(result, 'moment', moment, [365, 90, 30]);
  expect(result.deadlines.find((d) => d.id === 'moment')?.status).toBe('reached');
  expect(result.overdue).toBe(false);
  expect(result.output).toMatchObject({ outcome: 'reached' });
});
