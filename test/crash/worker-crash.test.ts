/**
 * The worker is killed (SIGKILL) while operators drive many runs, and a new one takes over: every
 * accepted event is applied exactly once, and every deadline timer still fires.
 */
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessments } from '../../machines/acceptance/assessments';
import { startDevServer, type DevServer } from '../../server/dev-server';
import { eventUpdate, viewQuery, type ProcessView } from '../../workflows/contract';
import { adviceEvent, fixCriteriaEvent, verdictEvent } from '../helpers/acceptance-script';
import { actors } from '../helpers/actors';
import { freePort } from '../helpers/api-stack';

const taskQueue = 'crash-test';
const runs = ['a', 'b', 'c', 'd', 'e', 'f'].map((suffix) => `crash-${suffix}`);
let devServer: DevServer;
let connection: Connection;
let client: Client;
let worker: ChildProcess | undefined;

/** A worker as a process of its own, so it can be killed without mercy. */
function startWorker(): ChildProcess {
  // One process (tsx as a loader, not its wrapper), so SIGKILL really kills the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      COMPONENTS: 'worker',
      TEMPORAL_ADDRESS: devServer.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dso-lv-crash-')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return child;
}

async function workerReady(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Worker ready')) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`worker exited (${String(code)}): ${output}`)));
  });
}

beforeAll(async () => {
  devServer = await startDevServer({
    host: '127.0.0.1',
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    dbFile: undefined,
    logFile: join(mkdtempSync(join(tmpdir(), 'dso-lv-crash-')), 'temporal.log'),
  });
  connection = await Connection.connect({ address: devServer.address });
  client = new Client({ connection });
}, 120_000);
afterAll(async () => {
  worker?.kill('SIGKILL');
  await connection.close();
  await devServer.stop();
});

/** Sends an event under a fixed update id, retrying through the crash: applied once at most. */
async function sendOnce(
  id: string,
  updateId: string,
  event: Record<string, unknown>,
  actor: object,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.workflow.getHandle(id).executeUpdate(eventUpdate, {
        args: [{ event: event as never, actor: actor as never }],
        updateId,
      });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

test('SIGKILL of the worker mid-run: a new worker finishes every run, each event applied once, every timer fired', async () => {
  worker = startWorker();
  await workerReady(worker);
  // The phase-1 deadline falls due during the test, after the crash.
  const due = new Date(Date.now() + 45_000).toISOString();
  for (const provision of runs) {
    await client.workflow.start('acceptance', {
      taskQueue,
      workflowId: `acceptance:${provision}`,
      args: [
        {
          input: { provision, phase1Due: due, agreementDue: '2040-01-01' },
          startedBy: actors.programme,
        },
      ],
    });
  }
  const script = [
    { event: adviceEvent, actor: actors.tbo },
    { event: fixCriteriaEvent, actor: actors.ogb },
    ...assessments.map((a) => ({ event: verdictEvent(a), actor: actors.ogb })),
  ];
  const drive = async (from: number, to: number) => {
    await Promise.all(
      runs.map(async (provision) => {
        for (let step = from; step < to; step++) {
          const entry = script[step];
          if (entry)
            await sendOnce(
              `acceptance:${provision}`,
              `${provision}-${step}`,
              entry.event,
              entry.actor,
            );
        }
      }),
    );
  };
  await drive(0, 3);
  // Killed while updates are in flight.
  const inFlight = drive(3, 5);
  await new Promise((resolve) => setTimeout(resolve, 150));
  const killed = worker;
  killed.kill('SIGKILL');
  expect(
    await new Promise((resolve) => killed.once('exit', (_code, signal) => resolve(signal))),
  ).toBe('SIGKILL');
  worker = startWorker();
  await workerReady(worker);
  await inFlight;
  await drive(3, script.length); // resent with the same update ids: applied once
  const views: ProcessView[] = [];
  for (const provision of runs) {
    const handle = client.workflow.getHandle(`acceptance:${provision}`);
    for (let attempt = 0; attempt < 120; attempt++) {
      const view = await handle.query(viewQuery);
      if (view.overdue) {
        views.push(view);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  expect(views).toHaveLength(runs.length);
  for (const view of views) {
    const operatorEvents = view.history
      .filter((e) => e.actor.role !== 'system')
      .map((e) => e.event.type);
    expect(operatorEvents).toEqual([
      'START',
      'CRITERIA_ADVICE',
      'FIX_CRITERIA',
      'VERDICT',
      'VERDICT',
      'VERDICT',
      'VERDICT',
    ]);
    expect(view.deadlines.find((d) => d.id === 'phase1')?.status).toBe('overdue');
    expect(view.history.filter((e) => e.event.type === 'DEADLINE_PASSED')).toHaveLength(1);
  }
}, 240_000);
