/**
 * Dated obligations from the catalogue on the time-skipping test server: reminders 30, 7 and 1 days
 * before at their workflow time, overdue at the due moment, a late delivery recorded as late.
 */
import type { Actor } from '../../machines/actors';
import { viewQuery, type ProcessView } from '../../workflows/contract';
import { searchAttributes } from '../../workflows/search-attributes';
import { recordHistory } from '../helpers/history-fixtures';
import { expectSentOnTime, sbo, startObligation } from '../helpers/obligation-script';
import { send } from '../helpers/reselection-script';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const t = useTimeSkippingEnvironment('2019-04-01T08:00:00Z', 'obligation-workflow-test');
const tbo: Actor = { id: 'tbo', role: 'tbo' };

test('the management protocol: reminded 30, 7 and 1 days before 1 June 2019, overdue at the due moment, delivered late', async () => {
  const started = await startObligation(t, 'beheerprotocol');
  const handle = started.handle;
  const due = '2019-05-31T22:00:00.000Z';
  let view = started.view;
  expect(view.nextDeadline).toBe(due);
  // Still in time: the TBO's to deliver, and the SBO cannot waive it yet (only once it lapsed).
  expect(view.allowedEvents.map((a) => [a.type, a.role])).toEqual([['DELIVER', 'tbo']]);
  await expect(
    send(handle, { type: 'WAIVE', reason: 'Niet meer nodig' }, sbo),
  ).rejects.toMatchObject({
    cause: { type: 'ForbiddenActor', details: [{ rule: 'missing-earlier-step' }] },
  });
  await expect(
    send(handle, { type: 'DELIVER', reference: 'Beheerprotocol' }, sbo),
  ).rejects.toMatchObject({ cause: { type: 'ForbiddenActor' } });

  await t.sleepUntil('2019-05-31T21:00:00Z');
  view = await handle.query(viewQuery);
  expect(view.overdue).toBe(false);
  expect(
    t.webhook.received
      .filter((r) => r.businessKey === 'beheerprotocol')
      .map((r) => [r.daysBefore, r.scheduledFor]),
  ).toEqual([
    [30, '2019-05-01T22:00:00.000Z'],
    [7, '2019-05-24T22:00:00.000Z'],
    [1, '2019-05-30T22:00:00.000Z'],
  ]);

  await t.sleepUntil('2019-06-03T08:00:00Z');
  view = await handle.query(viewQuery);
  expectSentOnTime(view, 'due', due, [30, 7, 1]);
  expect(view.overdue).toBe(true);
  expect(view.state).toEqual(['open.overdue']);
  expect(view.allowedEvents.map((a) => [a.type, a.role])).toEqual([
    ['DELIVER', 'tbo'],
    ['WAIVE', 'sbo'],
  ]);
  expect(view.deadlines.find((d) => d.id === 'due')?.status).toBe('overdue');
  const passed = view.history.find((h) => h.event.type === 'DEADLINE_PASSED');
  expect(Date.parse(passed?.at ?? '') - Date.parse(due)).toBeGreaterThanOrEqual(0);
  expect(Date.parse(passed?.at ?? '') - Date.parse(due)).toBeLessThan(60_000);
  expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.overdue)).toBe(true);

  view = await send(handle, { type: 'DELIVER', reference: 'Beheerprotocol v1.0' }, tbo);
  expect(view.state).toEqual(['awaitingAcceptance']);
  expect(view.deadlines.find((d) => d.id === 'due')?.status).toBe('metLate');
  expect(view.summary).toMatch(/geleverd \(te laat\), wacht op bevestiging/);
  await send(handle, { type: 'ACCEPT', note: 'Vastgesteld' }, sbo);
  const result = (await handle.result()) as ProcessView;
  expect(result.output).toMatchObject({ outcome: 'accepted', late: true });
  await recordHistory('obligation-late', handle);
});
