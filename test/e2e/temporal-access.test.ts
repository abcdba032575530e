/**
 * Whoever reaches Temporal without the payload key, as the attack happens: the product runs on the
 * embedded dev server, and the Temporal CLI (or a client without the key) sends a forged actor.
 * Also: history at rest is sealed, the codec endpoint decodes for operators only, and the Web UI
 * is read-only.
 */
import {
  Client,
  Connection,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import {
  ApplicationFailure,
  defaultPayloadConverter,
  type Payload,
  type PayloadCodec,
} from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EncryptionCodec } from '../../server/payload-codec';
import { ProcessService } from '../../server/process-service';
import { dataConverterWith } from '../../server/temporal-connection';
import { readTemporalBinaries } from '../../server/temporal-binaries';
import {
  EventRejection,
  eventUpdate,
  UNVERIFIED_PAYLOAD,
  type HostInput,
} from '../../workflows/contract';
import { createWorkerActivities } from '../../activities/worker-activities';
import { isUnverifiedPayload } from '../../workflows/contract';
import { adviceEvent, fixCriteriaEvent } from '../helpers/acceptance-script';
import { actors } from '../helpers/actors';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { workflowBundle } from '../helpers/workflow-environment';

const taskQueue = 'temporal-access';
let stack: ApiStack;
let processes: ProcessService;
/** Reaches Temporal like the attacker: no payload key. */
let bare: Client;
let bareConnection: Connection;

beforeAll(async () => {
  stack = await startApiStack(taskQueue);
  processes = new ProcessService(stack.client, taskQueue);
  bareConnection = await Connection.connect({ address: stack.devServer.address });
  bare = new Client({ connection: bareConnection, namespace: 'default' });
}, 120_000);
afterAll(async () => {
  await bareConnection.close();
  await stack.stop();
});

function temporalCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const cli = readTemporalBinaries().devServer?.path;
  if (!cli) throw new Error('these tests need the Temporal CLI binary (npm run temporal:binaries)');
  return new Promise((resolve, reject) => {
    const child = spawn(
      cli,
      [...args, '--address', stack.devServer.address, '--namespace', 'default'],
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

async function eventTypes(workflowId: string): Promise<string[]> {
  const history = await bare.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).map((event) =>
    String(temporal.api.enums.v1.EventType[event.eventType ?? 0]),
  );
}

async function startAcceptance(provision: string) {
  const { view } = await processes.start(
    'acceptance',
    { provision, phase1Due: '2030-07-01', agreementDue: '2030-07-01' },
    actors.programme,
    undefined,
  );
  return view;
}

test('a forged Update through the Temporal CLI is refused; the run is unchanged and the API still acts', async () => {
  const id = (await startAcceptance('loket')).id;
  await processes.sendEvent(id, adviceEvent, actors.tbo, undefined);
  const before = await processes.view(id, actors.sbo);
  const eventsBefore = await eventTypes(id);

  const forged = await temporalCli([
    'workflow',
    'update',
    'execute',
    '--workflow-id',
    id,
    '--name',
    'event',
    '--input',
    JSON.stringify({ event: fixCriteriaEvent, actor: actors.ogb }),
  ]);
  expect(forged.code).not.toBe(0);
  expect(forged.output).toMatch(/not sealed with a payload key of this product/);

  const after = await processes.view(id, actors.sbo);
  expect(after.history).toEqual(before.history);
  expect(after.state).toEqual(before.state);
  // Refused by the validator: not in history, and no failing workflow task keeps the run busy.
  expect(await eventTypes(id)).toEqual(eventsBefore);
  expect(eventsBefore).not.toContain('EVENT_TYPE_WORKFLOW_TASK_FAILED');

  // The operator's own path goes on at once.
  await processes.sendEvent(id, fixCriteriaEvent, actors.ogb, undefined);
  const fixed = await processes.view(id, actors.ogb);
  expect(fixed.history.map((entry) => entry.event.type)).toEqual([
    'START',
    'CRITERIA_ADVICE',
    'FIX_CRITERIA',
  ]);
  expect(fixed.history[2]?.actor).toEqual(actors.ogb);
});

test('a client with another key is refused with a typed failure; a forged start fails and frees its id', async () => {
  const id = (await startAcceptance('omgevingsloket')).id;
  const otherKeyConnection = await Connection.connect({ address: stack.devServer.address });
  try {
    // Even under the stack's own key id: the key material decides.
    const otherKey = new Client({
      connection: otherKeyConnection,
      dataConverter: dataConverterWith(
        new EncryptionCodec([{ id: stack.payloadKey.id, key: randomBytes(32) }]),
      ),
    });
    const refused = await otherKey.workflow
      .getHandle(id)
      .executeUpdate(eventUpdate, { args: [{ event: adviceEvent, actor: actors.tbo }] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (refused as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(EventRejection.unverifiedPayload);
    expect((await processes.view(id, actors.sbo)).history).toHaveLength(1);
  } finally {
    await otherKeyConnection.close();
  }

  const forgedStart = await temporalCli([
    'workflow',
    'start',
    '--type',
    'acceptance',
    '--task-queue',
    taskQueue,
    '--workflow-id',
    'acceptance:stelselcatalogus',
    '--input',
    JSON.stringify({
      input: { provision: 'stelselcatalogus', phase1Due: '2030-07-01' },
      startedBy: actors.programme,
    } satisfies HostInput),
  ]);
  expect(forgedStart.code).toBe(0);
  // Its failure is sealed too: the product reads it.
  const outcome = await stack.client.workflow
    .getHandle('acceptance:stelselcatalogus')
    .result()
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(outcome).toBeInstanceOf(WorkflowFailedError);
  expect(((outcome as WorkflowFailedError).cause as ApplicationFailure).type).toBe(
    EventRejection.unverifiedPayload,
  );
  // The programme starts the real run under the same id.
  const real = await startAcceptance('stelselcatalogus');
  expect(real.startedBy).toEqual(actors.programme);
});

test('history at rest is sealed: read without the codec, no event data is in clear text', async () => {
  const id = (await startAcceptance('dso-viewer')).id;
  await processes.sendEvent(id, adviceEvent, actors.tbo, undefined);
  const history = await bare.workflow.getHandle(id).fetchHistory();
  // Identities are the one field Temporal keeps in clear, and they name the operator on purpose
  // (README "In Temporal's own tools"): who acted, never what was sent.
  const identities = new Set<string>();
  const collect = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'identity' && typeof inner === 'string' && inner) identities.add(inner);
      else collect(inner);
    }
  };
  collect(history);
  expect([...identities].some((identity) => identity.includes('programma-dso'))).toBe(true);
  let raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString(
    'latin1',
  );
  for (const identity of identities) raw = raw.split(identity).join('');
  for (const clear of [adviceEvent.advice, 'CRITERIA_ADVICE', 'programma-dso', '"role"']) {
    expect(raw.includes(clear)).toBe(false);
  }
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
  expect(Buffer.from(started?.[0]?.metadata?.encoding ?? []).toString()).toBe('binary/encrypted');
  // With the key the same history reads as before.
  const decoded = await stack.client.workflow.getHandle(id).query('view');
  expect(decoded).toMatchObject({ startedBy: actors.programme });
});

// ---- the codec endpoint -------------------------------------------------------------------

const asJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});
const fromJson = (payload: { metadata: Record<string, string>; data: string }): unknown =>
  defaultPayloadConverter.fromPayload({
    metadata: Object.fromEntries(
      Object.entries(payload.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
    ),
    data: Buffer.from(payload.data, 'base64'),
  });

async function decode(payloads: Payload[], headers: Record<string, string>) {
  const response = await fetch(`${stack.baseUrl}/codec/decode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
    body: JSON.stringify({ payloads: payloads.map(asJson) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    values: response.ok
      ? (
          JSON.parse(text) as { payloads: { metadata: Record<string, string>; data: string }[] }
        ).payloads.map(fromJson)
      : [],
  };
}

test('the codec endpoint decodes what the product sealed, for operators only, and encodes nothing', async () => {
  const id = (await startAcceptance('ontwikkelaarsportaal')).id;
  const history = await bare.workflow.getHandle(id).fetchHistory();
  const sealedStart =
    history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!sealedStart) throw new Error('no start input in the history');
  const bearer = { authorization: `Bearer ${stack.tokens.sbo ?? ''}` };

  const fromHistory = await decode([sealedStart], bearer);
  expect(fromHistory.status).toBe(200);
  expect(fromHistory.values[0]).toMatchObject({
    input: { provision: 'ontwikkelaarsportaal' },
    startedBy: actors.programme,
  });
  // Round trip: sealed here with the stack's key, opened over HTTP.
  const value = { verdict: 'positief', euro: 1250 };
  const sealed = await new EncryptionCodec([stack.payloadKey]).encode([
    defaultPayloadConverter.toPayload(value),
    defaultPayloadConverter.toPayload(null),
  ]);
  expect((await decode(sealed, bearer)).values).toEqual([value, null]);
  // What the workers would refuse is shown as refused, not as data.
  expect(
    (await decode([defaultPayloadConverter.toPayload({ actor: actors.ogb })], bearer)).values,
  ).toEqual([{ [UNVERIFIED_PAYLOAD]: 'notEncrypted' }]);

  // The TBO may not read every kind (the governments' decisions), so it may not decode.
  const byTbo = await decode([sealedStart], { authorization: `Bearer ${stack.tokens.tbo ?? ''}` });
  expect(byTbo.status).toBe(403);
  expect((await decode([sealedStart], {})).status).toBe(401);
  expect((await decode([sealedStart], { authorization: 'Bearer not-a-token' })).status).toBe(401);
  const encode = (headers: Record<string, string>) =>
    fetch(`${stack.baseUrl}/codec/encode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ payloads: [asJson(defaultPayloadConverter.toPayload(1))] }),
    });
  expect((await encode({})).status).toBe(401);
  expect((await encode(bearer)).status).toBe(403);
  const invalid = await fetch(`${stack.baseUrl}/codec/decode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer },
    body: JSON.stringify({ payloads: [{ data: '***' }] }),
  });
  expect(invalid.status).toBe(400);
});

test('the Temporal CLI reads a history through the codec endpoint with an operator token', async () => {
  const id = (await startAcceptance('digitaal-stelsel')).id;
  await processes.sendEvent(id, adviceEvent, actors.tbo, undefined);
  const show = (auth: string[]) =>
    temporalCli([
      'workflow',
      'show',
      '--workflow-id',
      id,
      '--output',
      'json',
      '--codec-endpoint',
      `${stack.baseUrl}/codec`,
      ...auth,
    ]);
  // Payloads of the first event (the start) and of the Update's acceptance, as the CLI shows them.
  const payloadsShown = (output: string): string[] => {
    const { events } = JSON.parse(output) as {
      events: Record<
        string,
        {
          input?: { payloads?: { metadata: { encoding: string }; data: string }[] };
          acceptedRequest?: {
            input?: { args?: { payloads?: { metadata: { encoding: string }; data: string }[] } };
          };
        }
      >[];
    };
    return events.flatMap((event) =>
      [
        ...(event.workflowExecutionStartedEventAttributes?.input?.payloads ?? []),
        ...(event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args
          ?.payloads ?? []),
      ].map(
        (p) =>
          `${Buffer.from(p.metadata.encoding, 'base64').toString()} ${Buffer.from(p.data, 'base64').toString('latin1')}`,
      ),
    );
  };
  const read = await show(['--codec-auth', `Bearer ${stack.tokens.sbo ?? ''}`]);
  expect(read.code).toBe(0);
  const shown = payloadsShown(read.output);
  expect(shown).toHaveLength(2);
  expect(shown[0]).toMatch(/^json\/plain .*"startedBy":\{"id":"programma-dso"/);
  expect(shown[1]).toContain(adviceEvent.advice);
  // Without a token the codec endpoint answers 401: the CLI keeps asking until its timeout and
  // shows nothing in clear.
  const refused = await show(['--command-timeout', '3s']);
  expect(refused.code).not.toBe(0);
  expect(refused.output).not.toContain(adviceEvent.advice);
  expect(refused.output).not.toMatch(/programma-dso/);
});

test("the codec endpoint answers the Web UI's preflight, and the UI's sign-in cookie opens it", async () => {
  const preflight = (origin: string) =>
    fetch(`${stack.baseUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
  const allowed = await preflight(stack.devServer.uiUrl);
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(stack.devServer.uiUrl);
  expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
  expect(allowed.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/);
  expect(allowed.headers.get('access-control-allow-methods')).toMatch(/POST/);
  const elsewhere = await preflight('https://evil.example');
  expect(elsewhere.status).toBe(403);
  expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();

  const signIn = (token: string) =>
    fetch(`${stack.baseUrl}/codec/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });
  expect((await signIn('not-a-token')).status).toBe(401);
  const signedIn = await signIn(stack.tokens['ogb-vng'] ?? '');
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^dso-lv-codec=[^;]+;/);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).toMatch(/Path=\/codec/);
  const [sealed] = await new EncryptionCodec([stack.payloadKey]).encode([
    defaultPayloadConverter.toPayload('gegevens'),
  ]);
  if (!sealed) throw new Error('nothing sealed');
  const fromUi = await decode([sealed], {
    cookie: cookie.split(';')[0] ?? '',
    origin: stack.devServer.uiUrl,
  });
  expect(fromUi.status).toBe(200);
  expect(fromUi.values).toEqual(['gegevens']);
  expect(fromUi.headers.get('access-control-allow-origin')).toBe(stack.devServer.uiUrl);
});

// ---- the embedded Web UI ------------------------------------------------------------------

test('the embedded Web UI is read-only and decodes through the codec endpoint', async () => {
  const id = (await startAcceptance('ruimtelijke-plannen')).id;
  const ui = stack.devServer.uiUrl;
  const settings = (await (await fetch(`${ui}/api/v1/settings`)).json()) as {
    DisableWriteActions: boolean;
    Codec: { Endpoint: string; IncludeCredentials: boolean; PassAccessToken: boolean };
  };
  expect(settings.DisableWriteActions).toBe(true);
  expect(settings.Codec).toMatchObject({
    Endpoint: `${stack.baseUrl}/codec`,
    IncludeCredentials: true,
  });
  const path = `/api/v1/namespaces/default/workflows/${encodeURIComponent(id)}`;
  // The UI server skips its CSRF check for requests with an Authorization header.
  const headers = { 'content-type': 'application/json', authorization: 'Bearer ui' };
  const terminate = await fetch(`${ui}${path}/terminate`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ reason: 'via de Web UI' }),
  });
  expect(terminate.status).toBe(405);
  expect((await stack.client.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');
  // Reads and queries still work.
  expect((await fetch(`${ui}${path}`)).status).toBe(200);
  const query = await fetch(`${ui}${path}/query/view`, {
    method: 'POST',
    headers,
    body: JSON.stringify({}),
  });
  expect(query.status).toBe(200);
});

// ---- why the codec never throws -----------------------------------------------------------

test('a codec that throws instead (SDK 1.24): the forged Update hangs, the run fails its tasks and refuses the operators', async () => {
  const sealing = new EncryptionCodec([stack.payloadKey]);
  const throwing: PayloadCodec = {
    encode: (payloads, context) => sealing.encode(payloads, context),
    async decode(payloads, context) {
      const opened = await sealing.decode(payloads, context);
      if (opened.some((p) => isUnverifiedPayload(defaultPayloadConverter.fromPayload(p)))) {
        throw new Error('unverified payload');
      }
      return opened;
    },
  };
  const queue = 'throwing-codec';
  const connection = await NativeConnection.connect({ address: stack.devServer.address });
  const worker = await Worker.create({
    connection,
    taskQueue: queue,
    workflowBundle: await workflowBundle(),
    activities: createWorkerActivities({ log: () => undefined }),
    dataConverter: dataConverterWith(throwing),
  });
  const running = worker.run();
  const id = 'acceptance:throwing-codec';
  try {
    await stack.client.workflow.start('acceptance', {
      taskQueue: queue,
      workflowId: id,
      args: [
        {
          input: { provision: 'throwing-codec', phase1Due: '2030-07-01' },
          startedBy: actors.programme,
        },
      ],
    });
    await stack.client.workflow.getHandle(id).query('view');
    let forgedSettled = false;
    const forged = bare.workflow
      .getHandle(id)
      .executeUpdate(eventUpdate, { args: [{ event: adviceEvent, actor: actors.tbo }] })
      .finally(() => (forgedSettled = true));
    forged.catch(() => undefined);
    // Temporal retries the failing workflow task with the forged Update in it, again and again.
    for (;;) {
      // The raw answer: without the key the client cannot decode the run's sealed summary.
      const described = await bare.workflowService.describeWorkflowExecution({
        namespace: 'default',
        execution: { workflowId: id },
      });
      const pending = described.pendingWorkflowTask;
      if ((pending?.attempt ?? 0) >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(forgedSettled).toBe(false);
    expect(await eventTypes(id)).toContain('EVENT_TYPE_WORKFLOW_TASK_FAILED');
    const operator = await stack.client.workflow
      .getHandle(id)
      .executeUpdate(eventUpdate, { args: [{ event: adviceEvent, actor: actors.tbo }] })
      .then(
        () => 'applied',
        (error: unknown) => String((error as { cause?: unknown }).cause ?? error),
      );
    expect(operator).toMatch(/Workflow Task in failed state/);
  } finally {
    await bare.workflow.getHandle(id).terminate('end of the test');
    worker.shutdown();
    await running;
    await connection.close();
  }
});
