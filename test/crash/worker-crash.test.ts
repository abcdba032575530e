/**
 * The worker is killed (SIGKILL) while operators drive many runs, and a new one takes over: every
 * accepted event is applied exactly once, and every deadline timer still fires.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/api-stack';
import {
  acceptanceScript,
  CrashRig,
  driveScript,
  expectFinishedOnce,
  killHard,
  overdueViews,
  startAcceptanceRuns,
} from '../helpers/crash-runs';

const runs = ['a', 'b', 'c', 'd', 'e', 'f'].map((suffix) => `crash-${suffix}`);
let rig: CrashRig;

beforeAll(async () => {
  rig = await CrashRig.start(
    {
      host: '127.0.0.1',
      port: await freePort(),
      uiPort: await freePort(),
      namespace: 'default',
      dbFile: undefined,
      logFile: join(mkdtempSync(join(tmpdir(), 'dso-lv-crash-')), 'temporal.log'),
    },
    'crash-test',
  );
}, 120_000);
afterAll(() => rig.stop());

test('SIGKILL of the worker mid-run: a new worker finishes every run, each event applied once, every timer fired', async () => {
  const { client } = rig;
  const first = await rig.startWorker();
  // The phase-1 deadline falls due during the test, after the crash.
  const phase1Due = new Date(Date.now() + 45_000).toISOString();
  await startAcceptanceRuns(
    client,
    rig.taskQueue,
    runs.map((provision) => ({ provision, phase1Due })),
  );
  await driveScript(client, runs, 0, 3);
  // Killed while updates are in flight.
  const inFlight = driveScript(client, runs, 3, 5);
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(await killHard(first.child)).toBe('SIGKILL');
  await rig.startWorker();
  await inFlight;
  await driveScript(client, runs, 3, acceptanceScript.length); // same update ids: applied once
  const views = await overdueViews(client, runs);
  expect(views).toHaveLength(runs.length);
  for (const view of views) expectFinishedOnce(view);
}, 240_000);
