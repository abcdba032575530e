/**
 * The Temporal dev server itself is killed (SIGKILL of the CLI process, not a wrapper) while
 * operators drive runs with deadlines falling due, and restarted on the same SQLite file and port:
 * the worker reconnects, every run finishes, every accepted event is applied exactly once and every
 * timer fires — also those that fell due while the server was down.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer, type DevServerOptions } from '../../server/dev-server';
import { freePort } from '../helpers/api-stack';
import {
  acceptanceScript,
  CrashRig,
  driveScript,
  expectFinishedOnce,
  overdueViews,
  startAcceptanceRuns,
} from '../helpers/crash-runs';

const runs = ['a', 'b', 'c', 'd', 'e', 'f'].map((suffix) => `server-crash-${suffix}`);
const dir = mkdtempSync(join(tmpdir(), 'dso-lv-server-crash-'));
let options: DevServerOptions;
let rig: CrashRig;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until the process is gone (reaped), so the restart finds the port and the database free. */
async function gone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
}

beforeAll(async () => {
  options = {
    host: '127.0.0.1',
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    dbFile: join(dir, 'temporal.sqlite'),
    logFile: join(dir, 'temporal.log'),
  };
  rig = await CrashRig.start(options, 'dev-server-crash-test');
}, 120_000);
afterAll(() => rig.stop());

test('SIGKILL of the dev server mid-run, restarted on the same database: every run finishes, each event applied once, every timer fired', async () => {
  const { client } = rig;
  const worker = await rig.startWorker();
  // Half the deadlines fall due while the server is down, half after the restart.
  const dueEarly = Date.now() + 15_000;
  await startAcceptanceRuns(
    client,
    rig.taskQueue,
    runs.map((provision, index) => ({
      provision,
      phase1Due: new Date(index % 2 ? dueEarly + 30_000 : dueEarly).toISOString(),
    })),
  );
  await driveScript(client, runs, 0, 3);
  // Killed while updates are in flight; their senders retry through the outage.
  const inFlight = driveScript(client, runs, 3, 5, 240);
  await sleep(150);
  const pid = rig.devServer.pid;
  if (pid === undefined) throw new Error('the dev server runs inside the SDK: no process to kill');
  process.kill(pid, 'SIGKILL');
  await gone(pid);
  await rig.devServer.stop(); // its log is complete
  // Down long enough for the worker's polls and the senders to fail, and past the early deadlines.
  await sleep(Math.max(5_000, dueEarly + 1_000 - Date.now()));
  rig.devServer = await startDevServer(options);
  await inFlight;
  await driveScript(client, runs, 3, acceptanceScript.length, 240); // same update ids
  const views = await overdueViews(client, runs);
  expect(views).toHaveLength(runs.length);
  for (const view of views) expectFinishedOnce(view);
  // The same worker reconnected by itself; its log stayed JSON, the SDK's lines included.
  expect(worker.child.exitCode).toBeNull();
  const lines = worker
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines.some((line) => line.msg === `Worker ready: task queue ${rig.taskQueue}`)).toBe(true);
  expect(lines.some((line) => typeof line.sdkComponent === 'string')).toBe(true);
}, 300_000);
