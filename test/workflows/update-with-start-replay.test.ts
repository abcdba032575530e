/**
 * An event that arrives in the run's very first workflow task (update-with-start, or an Update
 * racing the start) must replay: an AUTO_UPGRADE run moves to new workers by replaying, as does
 * any run after a worker restart. The handler once asked a patch only on replay, so the markers
 * came back in another order ("Change id search-attribute-waiting-on does not match …").
 * Update-with-start needs the dev server; the time-skipping server does not offer it.
 */
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { executableFor, readTemporalBinaries } from '../../server/temporal-binaries';
import { eventUpdate } from '../../workflows/contract';
import { searchAttributes } from '../../workflows/search-attributes';
import { ogbMember, sbo } from '../helpers/decision-actors';
import { recordHistory } from '../helpers/history-fixtures';
import { workflowBundle } from '../helpers/workflow-environment';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: executableFor(readTemporalBinaries().devServer),
      searchAttributes: Object.values(searchAttributes),
    },
  });
});
afterAll(async () => {
  await env.teardown();
});

test('a decision whose first position came with its start replays on the same code', async () => {
  const client = new Client({ connection: await Connection.connect({ address: env.address }) });
  const bundle = await workflowBundle();
  const taskQueue = 'update-with-start';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
  });
  await worker.runUntil(async () => {
    const start = new WithStartWorkflowOperation('decision', {
      taskQueue,
      workflowId: 'decision:with-start',
      workflowIdConflictPolicy: 'FAIL',
      args: [
        {
          input: {
            decisionKey: 'with-start',
            body: 'ogb',
            subject: 'Releasekalender 2019',
            proposal: 'Voorstel',
            meetingDate: '2019-06-13',
          },
          startedBy: sbo,
        },
      ],
    });
    const first = await client.workflow.executeUpdateWithStart(eventUpdate, {
      args: [{ event: { type: 'POSITION', position: 'agree' }, actor: ogbMember('rijk') }],
      startWorkflowOperation: start,
    });
    expect(first.status).toBe('running');
    const handle = await start.workflowHandle();
    await handle.executeUpdate(eventUpdate, {
      args: [{ event: { type: 'POSITION', position: 'agree' }, actor: ogbMember('vng') }],
    });
    const history = await handle.fetchHistory();
    // The first Update was accepted in the start's own task: among the commands of its first task.
    const accepted = (history.events ?? []).findIndex(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
    );
    const firstCompleted = (history.events ?? []).findIndex(
      (e) => e.workflowTaskCompletedEventAttributes,
    );
    const secondScheduled = (history.events ?? []).findIndex(
      (e, index) => index > firstCompleted && e.workflowTaskScheduledEventAttributes,
    );
    expect(accepted).toBeGreaterThan(firstCompleted);
    expect(accepted).toBeLessThan(secondScheduled);
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle }, history, 'decision:with-start'),
    ).resolves.toBeUndefined();
    await recordHistory('decision-update-with-start', handle);
    await handle.terminate('test done');
  });
}, 120_000);
