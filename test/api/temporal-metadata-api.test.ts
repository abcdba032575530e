/**
 * What the Temporal Web UI shows, on the embedded dev server with the payload codec: the server
 * takes the sealed summaries within its limits (a run id near its longest gets none rather than a
 * refused command), and the operator behind each start and Update is the identity it records.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { workflowMetadataQuery } from '@temporalio/workflow';
import { kindProcessPath } from '../../server/process-paths';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';
import {
  decoded,
  historyOf,
  startIdentity,
  timerSummaries,
  updateIdentities,
} from '../helpers/user-metadata';

let stack: ApiStack;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  stack = await startApiStack('temporal-metadata-api-test');
  call = apiClient(stack);
});
afterAll(async () => {
  await stack.stop();
});

async function startDecision(decisionKey: string): Promise<WorkflowHandle> {
  const started = await call('POST', '/api/v1/kinds/decision/processes', {
    token: token('sbo'),
    body: {
      decisionKey,
      body: 'ogb',
      subject: 'Begroting',
      proposal: 'Voorstel',
      meetingDate: '2030-03-14',
    },
  });
  expect(started.status).toBe(201);
  return stack.client.workflow.getHandle(`decision:${decisionKey}`);
}

/** The run took every command its worker sent: no workflow task failed or was retried. */
async function noFailedTasks(handle: WorkflowHandle): Promise<void> {
  const events = await historyOf(handle);
  expect(events.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
  expect((await handle.describe()).status.name).toBe('RUNNING');
}

test('a run started and changed through the API reads in Dutch, with the operator as identity', async () => {
  const handle = await startDecision('begroting-2031');
  const position = await call('POST', `${kindProcessPath(handle.workflowId)}/events`, {
    token: token('ogb-rijk'),
    body: { type: 'POSITION', position: 'agree' },
  });
  expect(position.status).toBe(200);

  const description = await handle.describe();
  expect(await description.staticSummary()).toBe(
    'Besluit bij consensus (OGB Beheer of Bestuurlijk Overleg) (begroting-2031)',
  );
  expect(await description.staticDetails()).toContain('Gestart via de API door');
  // Sealed like every payload: only the codec (the Web UI's codec endpoint) opens it.
  const sealed = description.raw.executionConfig?.userMetadata?.summary;
  expect(Buffer.from(sealed?.metadata?.encoding ?? []).toString()).toBe('binary/encrypted');
  expect(await decoded(stack.client, sealed)).toBe(await description.staticSummary());

  const { currentDetails } = await handle.query(workflowMetadataQuery);
  expect(currentDetails).toContain('**Aan zet:**\n- OGB Beheer (VNG): ');
  expect(currentDetails).toContain(
    '**Volgende termijn:** Besluit in de vergadering, uiterlijk 14 maart 2030',
  );

  const events = await historyOf(handle);
  expect(await timerSummaries(stack.client, events)).toContain(
    'Herinnering 7 dagen vooraf: Besluit in de vergadering, uiterlijk 14 maart 2030',
  );
  expect(startIdentity(events)).toMatch(/^sbo:rijk:sbo via \d+@/);
  expect(updateIdentities(events)).toEqual([expect.stringMatching(/^ogb:rijk:ogb-rijk via \d+@/)]);
  await noFailedTasks(handle);
});

test('a long run id gets a shorter summary, and one near its longest none, and both run', async () => {
  const long = await startDecision(`begroting-${'x'.repeat(50)}`);
  const summary = await (await long.describe()).staticSummary();
  expect(summary).toMatch(/^Besluit bij consensus .*…$/);
  expect((await timerSummaries(stack.client, await historyOf(long)))[0]).toMatch(/…$/);
  await noFailedTasks(long);

  const longest = await startDecision(`begroting-${'x'.repeat(90)}`);
  expect(await (await longest.describe()).staticSummary()).toBeUndefined();
  expect(await timerSummaries(stack.client, await historyOf(longest))).toEqual([]);
  await noFailedTasks(longest);
});
