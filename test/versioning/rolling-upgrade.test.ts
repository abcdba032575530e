/**
 * A rolling upgrade with Worker Versioning on the dev server: a run of unversioned workers moves
 * to release 1 when versioning is turned on; runs start on release 1, release 2 (a changed
 * machine) comes up and is made current, and every run completes on the version it should.
 * AUTO_UPGRADE runs move to release 2 and keep the rules they started under (their histories
 * replay on the new code); PINNED runs finish on release 1, which then drains and stops.
 */
import { Client, Connection } from '@temporalio/client';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../server/logger';
import { EncryptionCodec } from '../../server/payload-codec';
import { dataConverterWith } from '../../server/temporal-connection';
import { executableFor, readTemporalBinaries } from '../../server/temporal-binaries';
import { createWorker } from '../../server/worker';
import { setCurrentVersion } from '../../server/worker-deployment';
import { writeWorkflowBundle } from '../../server/workflow-bundle';
import { searchAttributes } from '../../workflows/search-attributes';
import {
  eventUpdate,
  type EventRequest,
  type HostInput,
  type ProcessView,
} from '../../workflows/contract';
import { actors } from '../helpers/actors';
import { until } from '../helpers/until';
import { drainageOf, runVersioning } from './deployment-state';

const DEPLOYMENT = 'dso-lv-upgrade-test';
const TASK_QUEUE = 'versioning-upgrade';

/**
 * Worker deployments need no flag on this server (1.29, as the CLI 1.5.1 dev server embeds it).
 * Drainage is looked at only minutes after a version stops being current by default; here after
 * a second (in seconds), so the test can see release 1 drain.
 */
const versioningServerArgs = [
  'matching.wv.VersionDrainageStatusVisibilityGracePeriod=1',
  'matching.wv.VersionDrainageStatusRefreshInterval=1',
].flatMap((value) => ['--dynamic-config-value', value]);

const codec = new EncryptionCodec([{ id: 'upgrade-test', key: randomBytes(32) }]);
const logger = createLogger('warn');
const dir = mkdtempSync(join(tmpdir(), 'dso-versioning-'));

let env: TestWorkflowEnvironment;
let client: Client;
const running: { worker: Worker; run: Promise<void> }[] = [];

interface Release {
  version: WorkerDeploymentVersion;
  worker: Worker;
  stopped: Promise<void>;
}

const bundles = new Map<number, Promise<string>>();
const bundleOf = (release: 1 | 2): Promise<string> => {
  const bundlePath = join(dir, `release-${release}.js`);
  const built =
    bundles.get(release) ??
    writeWorkflowBundle(bundlePath, require.resolve(`./probe/v${release}`)).then(() => bundlePath);
  bundles.set(release, built);
  return built;
};

/** A worker of one release, from its own bundle, polling as its version (or unversioned). */
async function startRelease(
  release: 1 | 2,
  { versioned = true, taskQueue = TASK_QUEUE } = {},
): Promise<Omit<Release, 'version'> & { version: WorkerDeploymentVersion | undefined }> {
  const bundlePath = await bundleOf(release);
  const { worker, version } = await createWorker({
    connection: { address: env.address },
    payloadCodec: codec,
    namespace: 'default',
    taskQueue,
    reminders: { webhook: undefined, email: undefined },
    logger,
    shutdownGraceTimeMs: 1000,
    workflowBundlePath: bundlePath,
    // The build id is left to the bundle's content hash, as in production.
    ...(versioned ? { deployment: { name: DEPLOYMENT, buildId: undefined } } : {}),
  });
  const stopped = worker.run();
  running.push({ worker, run: stopped });
  return { version, worker, stopped };
}

async function startVersioned(release: 1 | 2): Promise<Release> {
  const started = await startRelease(release);
  const { version } = started;
  if (!version) throw new Error('a worker with a deployment declares a version');
  return { ...started, version };
}

const hostInput = (key: string): HostInput => ({ input: { key }, startedBy: actors.tbo });

async function start(
  kind: 'probeAuto' | 'probePinned',
  key: string,
  taskQueue = TASK_QUEUE,
): Promise<string> {
  const workflowId = `${kind}:${key}`;
  await client.workflow.start(kind, {
    taskQueue,
    workflowId,
    args: [hostInput(key)],
  });
  // The first event only once the start's task is done: an update taken in the same task as the
  // start makes a history the host cannot replay (a patch marker order; see the report of this
  // branch), and this test replays histories on purpose.
  await until(
    () => client.workflow.getHandle(workflowId).describe(),
    ({ historyLength }) => historyLength >= 4,
  );
  return workflowId;
}

const send = (workflowId: string, type: string) =>
  client.workflow.getHandle(workflowId).executeUpdate(eventUpdate, {
    args: [{ event: { type }, actor: actors.tbo } satisfies EventRequest],
  });

const result = (workflowId: string) =>
  client.workflow.getHandle(workflowId).result() as Promise<ProcessView>;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: executableFor(readTemporalBinaries().devServer),
      extraArgs: versioningServerArgs,
      searchAttributes: Object.values(searchAttributes),
    },
  });
  client = new Client({
    connection: await Connection.connect({ address: env.address }),
    dataConverter: dataConverterWith(codec),
  });
}, 120_000);

afterAll(async () => {
  for (const { worker, run } of running) {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await run;
  }
  await client.connection.close();
  await env.teardown();
  rmSync(dir, { recursive: true, force: true });
});

test('pinned runs finish on release 1, auto-upgrade runs move to release 2', async () => {
  // Before versioning is turned on: a run of an unversioned worker on the same task queue.
  const unversioned = await startRelease(1, { versioned: false });
  const before = await start('probeAuto', 'u0');
  await send(before, 'NOTE');

  const one = await startVersioned(1);
  expect(
    await setCurrentVersion(client.workflowService, {
      namespace: 'default',
      version: one.version,
      identity: 'upgrade test',
    }),
  ).toEqual({ previous: undefined });

  // The unversioned workers go; their open run moves to the current version at its next task.
  unversioned.worker.shutdown();
  await unversioned.stopped;
  await send(before, 'NOTE');
  expect(await runVersioning(client, before)).toEqual({
    buildId: one.version.buildId,
    behavior: 'AUTO_UPGRADE',
  });

  // Runs of release 1, each with a step taken under release 1's code.
  const auto1 = await start('probeAuto', 'a1');
  const pinned1 = await start('probePinned', 'p1');
  for (const id of [auto1, pinned1]) await send(id, 'NOTE');
  expect(await runVersioning(client, auto1)).toEqual({
    buildId: one.version.buildId,
    behavior: 'AUTO_UPGRADE',
  });
  expect(await runVersioning(client, pinned1)).toEqual({
    buildId: one.version.buildId,
    behavior: 'PINNED',
  });

  // Release 2: another bundle, so another build id; made current once its worker polls.
  const two = await startVersioned(2);
  expect(two.version.buildId).not.toBe(one.version.buildId);
  expect(
    await setCurrentVersion(client.workflowService, {
      namespace: 'default',
      version: two.version,
      identity: 'upgrade test',
    }),
  ).toEqual({ previous: one.version });
  // A worker that restarts asks again (WORKER_SET_CURRENT_VERSION): nothing changes.
  expect(
    await setCurrentVersion(client.workflowService, {
      namespace: 'default',
      version: two.version,
      identity: 'upgrade test',
    }),
  ).toEqual({ previous: two.version });

  // New runs start on release 2 and follow its rules: CLOSE goes through review.
  const auto2 = await start('probeAuto', 'a2');
  const pinned2 = await start('probePinned', 'p2');
  for (const id of [auto2, pinned2]) {
    const closing = await send(id, 'CLOSE');
    expect(closing.state).toEqual(['review']);
    await send(id, 'APPROVE');
  }

  // The auto-upgrade run of release 1 takes its next step on release 2, by release 1's rules
  // (no review); the pinned one stays on release 1 to the end.
  for (const id of [auto1, pinned1]) await send(id, 'CLOSE');
  // The run from before versioning moves on with the others: it started before the revision.
  await send(before, 'CLOSE');
  expect((await result(before)).context).toEqual(
    expect.objectContaining({ notes: 2, reviewed: false, closedUnder: 2 }),
  );
  expect((await runVersioning(client, before)).buildId).toBe(two.version.buildId);
  const ended = await Promise.all([auto1, pinned1, auto2, pinned2].map(result));
  expect(ended.map(({ status, state, context }) => ({ status, state, context }))).toEqual([
    {
      status: 'completed',
      state: ['closed'],
      context: expect.objectContaining({ key: 'a1', notes: 1, reviewed: false, closedUnder: 2 }),
    },
    {
      status: 'completed',
      state: ['closed'],
      context: expect.objectContaining({ key: 'p1', notes: 1, reviewed: false, closedUnder: 1 }),
    },
    {
      status: 'completed',
      state: ['closed'],
      context: expect.objectContaining({ key: 'a2', notes: 0, reviewed: true, closedUnder: 2 }),
    },
    {
      status: 'completed',
      state: ['closed'],
      context: expect.objectContaining({ key: 'p2', notes: 0, reviewed: true, closedUnder: 2 }),
    },
  ]);
  const where = await Promise.all(
    [auto1, pinned1, auto2, pinned2].map((id) => runVersioning(client, id)),
  );
  expect(where.map(({ buildId }) => buildId)).toEqual([
    two.version.buildId,
    one.version.buildId,
    two.version.buildId,
    two.version.buildId,
  ]);

  // No open run needs release 1 any more: it drains, and its workers may stop.
  expect(
    await until(
      () => drainageOf(client, one.version),
      (status) => status === 'DRAINED',
    ),
  ).toBe('DRAINED');
  one.worker.shutdown();
  await one.stopped;
  const after = await start('probeAuto', 'a3');
  await send(after, 'CLOSE');
  await send(after, 'APPROVE');
  expect((await result(after)).context).toEqual(expect.objectContaining({ closedUnder: 2 }));
});

test('unversioned workers (no WORKER_DEPLOYMENT_NAME) run the same kinds, as before', async () => {
  const taskQueue = 'versioning-off';
  const { version } = await startRelease(1, { versioned: false, taskQueue });
  expect(version).toBeUndefined();
  // A behaviour named to an unversioned worker would fail every workflow task.
  const runs = await Promise.all([
    start('probeAuto', 'u1', taskQueue),
    start('probePinned', 'u2', taskQueue),
  ]);
  for (const id of runs) await send(id, 'CLOSE');
  const ended = await Promise.all(runs.map(result));
  expect(ended.map(({ status, context }) => [status, context.closedUnder])).toEqual([
    ['completed', 1],
    ['completed', 1],
  ]);
  expect(await Promise.all(runs.map((id) => runVersioning(client, id)))).toEqual([
    { buildId: undefined, behavior: 'UNSPECIFIED' },
    { buildId: undefined, behavior: 'UNSPECIFIED' },
  ]);
});
