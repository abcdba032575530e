/**
 * A completed linked child adopted as completed, with its own output, on the time-skipping
 * server: the consensus decision ran to its end on its own before the SBO decision asked for it.
 */
import type { Actor, Party } from '../../machines/actors';
import { eventUpdate, viewQuery, type ProcessView } from '../../workflows/contract';
import { ogbMember, sbo } from '../helpers/decision-actors';
import { recordHistory } from '../helpers/history-fixtures';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const t = useTimeSkippingEnvironment('2019-03-01T08:00:00Z', 'adopt-completed-child-test');

const subject = 'SBO wisseling-tbo';
const proposal = 'Voorstel';
const meetingDate = '2019-06-13';

test('the SBO decision adopts the consensus decision that already completed, with its output', async () => {
  // The child the SBO decision will ask for (same id, same input), run to its end first.
  const decision = await t.env.client.workflow.start('decision', {
    taskQueue: t.taskQueue,
    workflowId: 'decision:wisseling-tbo-ogb',
    args: [
      {
        input: { decisionKey: 'wisseling-tbo-ogb', body: 'ogb', subject, proposal, meetingDate },
        startedBy: sbo,
      },
    ],
  });
  const positions: Party[] = ['rijk', 'vng', 'ipo', 'uvw'];
  for (const party of positions) {
    const actor: Actor = ogbMember(party);
    await decision.executeUpdate(eventUpdate, {
      args: [{ event: { type: 'POSITION', position: 'agree' }, actor }],
    });
  }
  const childResult = (await decision.result()) as ProcessView;
  expect(childResult.output).toMatchObject({ outcome: 'adopted', postponed: false });

  const parent = await t.env.client.workflow.start('sbo-decision', {
    taskQueue: t.taskQueue,
    workflowId: 'sbo-decision:wisseling-tbo',
    args: [
      {
        input: {
          decisionKey: 'wisseling-tbo',
          subject,
          proposal,
          decisionType: 'tbo-change',
          category: 1,
          meetingDate,
        },
        startedBy: sbo,
      },
    ],
  });
  const result = (await parent.result()) as ProcessView;
  expect(result.children).toEqual([
    expect.objectContaining({
      key: 'ogb',
      id: 'decision:wisseling-tbo-ogb',
      status: 'completed',
      adopted: true,
    }),
  ]);
  // The machine got the child's real output, and decided by it.
  const done = result.history.find((entry) => entry.event.type === 'CHILD_DONE');
  expect(done?.event).toMatchObject({
    key: 'ogb',
    status: 'completed',
    output: childResult.output,
  });
  expect(result.state).toEqual(['decided']);
  expect(result.output).toMatchObject({
    decision: { decision: 'adopt', by: 'decision:wisseling-tbo-ogb' },
    consensus: { outcome: 'adopted', decisionId: 'decision:wisseling-tbo-ogb' },
    escalationNeeded: false,
  });
  expect((await parent.query(viewQuery)).state).toEqual(['decided']);
  await recordHistory('sbo-decision-adopted-child', parent);
});
