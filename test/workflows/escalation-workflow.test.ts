/** The escalation ladder on the time-skipping test server, from the OGB Beheer up to the court. */
import type { Actor } from '../../machines/actors';
import { viewQuery, type ProcessView } from '../../workflows/contract';
import { boMember, ogbMember, sbo } from '../helpers/decision-actors';
import { recordHistory } from '../helpers/history-fixtures';
import { childOf, send } from '../helpers/reselection-script';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const t = useTimeSkippingEnvironment('2023-01-09T08:00:00Z', 'escalation-workflow-test');
const tbo: Actor = { id: 'tbo', role: 'tbo' };

test('the full ladder: OGB Beheer without mandate, two BO rounds without consensus, settlement fails, the court rules', async () => {
  const handle = await t.env.client.workflow.start('escalation', {
    taskQueue: t.taskQueue,
    workflowId: 'escalation:uitleg-overeenkomst',
    args: [
      {
        input: {
          disputeKey: 'uitleg-overeenkomst',
          subject: 'Uitleg beheerovereenkomst',
          description: 'Valt de koppeling met het Omgevingsloket onder beheer of ontwikkeling?',
          origin: 'within-ogb',
          maxBoRounds: 2,
        },
        startedBy: ogbMember('vng'),
      },
    ],
  });
  let view = await handle.query(viewQuery);
  expect(view.context).toMatchObject({ currentRung: { rung: 'ogb', owner: 'het OGB Beheer' } });
  expect(view.deadlines.find((d) => d.id === 'ogb')).toMatchObject({ status: 'running' });

  // The OGB's time box (60 days) runs out first: the rung's clock is visible and overdue.
  await t.sleepUntil('2023-03-15T08:00:00Z');
  view = await handle.query(viewQuery);
  expect(view.overdue).toBe(true);
  await expect(
    send(handle, { type: 'RESOLVE', outcome: 'x', upholdsProposal: true }, tbo),
  ).rejects.toMatchObject({
    cause: { type: 'ForbiddenActor' },
  });
  view = await send(handle, { type: 'MANDATE_LACKING', note: 'Geen mandaat' }, ogbMember('ipo'));
  expect(view.state).toEqual(['bo']);
  // Handed on, not resolved: the OGB's time box is not "met".
  expect(view.deadlines.find((d) => d.id === 'ogb')?.status).toBe('passedOn');

  for (const attempt of [1, 2]) {
    const round = await childOf(handle, `bo-${attempt}`, (id) =>
      t.env.client.workflow.getHandle(id),
    );
    expect(round.workflowId).toBe(`decision:uitleg-overeenkomst-bo-${attempt}`);
    await send(round, { type: 'POSITION', position: 'object' }, boMember('uvw'));
    await round.result();
  }
  await t.env.sleep('1 minute');
  view = await handle.query(viewQuery);
  expect(view.state).toEqual(['settlement']);
  expect(view.context).toMatchObject({ boRounds: [{ round: 1 }, { round: 2 }] });

  await expect(
    send(handle, { type: 'RESOLVE', outcome: 'x', upholdsProposal: true }, tbo),
  ).rejects.toMatchObject({
    cause: { type: 'ForbiddenActor' },
  });
  await send(handle, { type: 'SETTLEMENT_FAILED', note: 'Geen overeenstemming' }, sbo);
  await expect(send(handle, { type: 'GO_TO_COURT' }, tbo)).rejects.toMatchObject({
    cause: { type: 'ForbiddenRole' },
  });
  view = await send(handle, { type: 'GO_TO_COURT', note: 'Dagvaarding' }, boMember('ipo'));
  expect(view.state).toEqual(['court.filed']);
  expect(view.summary).toMatch(/bij de bevoegde rechter te Den Haag sinds/);
  await send(
    handle,
    {
      type: 'COURT_RULING',
      outcome: 'Ontwikkelkosten, voor rekening van het Rijk',
      upholdsProposal: false,
    },
    sbo,
  );
  const result = (await handle.result()) as ProcessView;
  expect(result.output).toMatchObject({
    resolution: { rung: 'court', outcome: 'Ontwikkelkosten, voor rekening van het Rijk' },
    rungs: [{ rung: 'ogb' }, { rung: 'bo' }, { rung: 'settlement' }, { rung: 'court' }],
  });
  await recordHistory('escalation-to-court', handle);
});

test('a dispute between SBO and TBO is resolved in their line', async () => {
  const handle = await t.env.client.workflow.start('escalation', {
    taskQueue: t.taskQueue,
    workflowId: 'escalation:sbo-tbo-marge',
    args: [
      {
        input: {
          disputeKey: 'sbo-tbo-marge',
          subject: 'Financiële marge',
          description: 'Overschrijding',
          origin: 'sbo-tbo',
        },
        startedBy: tbo,
      },
    ],
  });
  await expect(
    send(handle, { type: 'RESOLVE', outcome: 'x', upholdsProposal: true }, ogbMember('rijk')),
  ).rejects.toMatchObject({
    cause: { type: 'ForbiddenActor' },
  });
  const view = await send(
    handle,
    { type: 'RESOLVE', outcome: 'Binnen de marge opgevangen', upholdsProposal: true },
    sbo,
  );
  expect(view.output).toMatchObject({ resolution: { rung: 'principalAgent', by: 'sbo' } });
});
