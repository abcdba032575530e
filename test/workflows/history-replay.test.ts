/** Replays recorded histories against today's workflow code: any non-determinism fails here. */
import { Worker } from '@temporalio/worker';
import { historyFixtures } from '../helpers/history-fixtures';
import { workflowBundle } from '../helpers/workflow-environment';

const fixtures = historyFixtures();

test('there are recorded histories to replay', () => {
  expect(fixtures.map((f) => f.name)).toEqual(
    expect.arrayContaining([
      'acceptance-timely',
      'acceptance-overdue',
      // Recorded after the agreement deadline and phase 2 were added; the two above before.
      'acceptance-timely-2',
      'acceptance-overdue-2',
      'acceptance-programme-2019',
      'acceptance-linked-stelselcatalogus',
      'pc-cycle-2020',
      // Recorded after actors were bound to their organisation (patched); the one above before.
      'pc-cycle-organisations',
      'decision-postponed',
      'decision-child',
      'sbo-decision-consensus',
      'reselection-plain',
      'escalation-to-court',
      'obligation-late',
    ]),
  );
});

test.each(fixtures)('$name replays deterministically', async ({ name, history }) => {
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, name);
});
