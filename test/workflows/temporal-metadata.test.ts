/**
 * What an operator reads of a run in Temporal's own tools, read back with the client: the run's
 * summary and details, its current details, the summaries of its timers and reminder activities,
 * the operator as the identity of the start and of each Update, and a child's own summary.
 */
import { workflowMetadataQuery } from '@temporalio/workflow';
import { ProcessService } from '../../server/process-service';
import { actors } from '../helpers/actors';
import { ogbMember, sbo } from '../helpers/decision-actors';
import {
  activitySummaries,
  historyOf,
  startIdentity,
  timerSummaries,
  updateIdentities,
} from '../helpers/user-metadata';
import { viewWhen } from '../helpers/view-waiting';
import { useTimeSkippingEnvironment } from '../helpers/workflow-environment';

const t = useTimeSkippingEnvironment('2019-02-01T08:00:00Z', 'temporal-metadata');

test('a decision shows its summary, where it stands, its timers and reminders, and who acted', async () => {
  const service = new ProcessService(t.env.client, t.taskQueue);
  const { view } = await service.start(
    'decision',
    {
      decisionKey: 'begroting-2020',
      body: 'ogb',
      subject: 'Begroting 2020',
      proposal: 'Voorstel',
      meetingDate: '2019-03-14',
    },
    sbo,
    undefined,
  );
  const handle = t.env.client.workflow.getHandle(view.id);

  const description = await handle.describe();
  expect(await description.staticSummary()).toBe(
    'Besluit bij consensus (OGB Beheer of Bestuurlijk Overleg) (begroting-2020)',
  );
  expect(await description.staticDetails()).toBe(
    [
      'Soort proces `decision`, sleutel `begroting-2020`.',
      '',
      'Gestart via de API door Strategische beheerorganisatie (Rijk), `sbo`.',
    ].join('\n'),
  );

  await service.sendEvent(
    view.id,
    { type: 'POSITION', position: 'agree' },
    ogbMember('rijk'),
    'k1',
  );
  const metadata = await handle.query(workflowMetadataQuery);
  const details = metadata.currentDetails ?? '';
  expect(details).toMatch(/^\*\*Stand:\*\* /);
  expect(details).toContain('**Aan zet:**');
  expect(details).toContain('- OGB Beheer (VNG): ');
  expect(details).not.toContain('- OGB Beheer (Rijk): ');
  expect(details).toContain(
    '**Volgende termijn:** Besluit in de vergadering, uiterlijk 14 maart 2019',
  );

  // The first reminder (7 days before the end of the meeting day) is the loop's first timer.
  const events = await historyOf(handle);
  expect(await timerSummaries(t.env.client, events)).toContain(
    'Herinnering 7 dagen vooraf: Besluit in de vergadering, uiterlijk 14 maart 2019',
  );
  expect(startIdentity(events)).toMatch(/^sbo:rijk:sbo via /);
  expect(updateIdentities(events)).toEqual([expect.stringMatching(/^ogb:rijk:ogb-rijk via /)]);

  await t.sleepUntil('2019-03-08T12:00:00Z');
  await viewWhen(
    handle,
    (v) => v.deadlines.some((d) => d.reminders.some((r) => r.status === 'sent')),
    'the first reminder sent',
  );
  const reminders = await activitySummaries(t.env.client, await historyOf(handle));
  expect(reminders).toEqual([
    'Herinnering 7 dagen vooraf: Besluit in de vergadering, aan OGB Beheer (VNG), OGB Beheer (IPO), OGB Beheer (UvW)',
  ]);
});

test('a child started by its parent carries its own summary and names the parent', async () => {
  const service = new ProcessService(t.env.client, t.taskQueue);
  const { view } = await service.start(
    'acceptance-programme',
    { provisions: [{ id: 'loket' }, { id: 'orienteren' }] },
    actors.programme,
    undefined,
  );
  const parent = t.env.client.workflow.getHandle(view.id);
  await service.sendEvent(
    view.id,
    { type: 'READY_REPORT', provision: 'loket' },
    actors.programme,
    undefined,
  );
  await viewWhen(parent, (v) => v.children.some((c) => c.key === 'loket'), 'the child started');

  const child = await t.env.client.workflow.getHandle('acceptance:loket').describe();
  expect(await child.staticSummary()).toBe('Acceptatie van een voorziening (loket)');
  expect(await child.staticDetails()).toContain(`Gestart als deelproces van \`${view.id}\`.`);
});
