/**
 * What the crash tests share: a worker as a process of its own (`npm start` with only the worker),
 * acceptance runs driven by events sent under fixed update ids, and the proof afterwards.
 */
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessments } from '../../machines/acceptance/assessments';
import { startDevServer, type DevServer, type DevServerOptions } from '../../server/dev-server';
import { EncryptionCodec } from '../../server/payload-codec';
import { dataConverterWith } from '../../server/temporal-connection';
import { eventUpdate, type ProcessView } from '../../workflows/contract';
import { adviceEvent, fixCriteriaEvent, verdictEvent } from './acceptance-script';
import { actors } from './actors';
import { viewWhen } from './view-waiting';

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote on stdout: its JSON log lines. */
  stdout: () => string;
  ready: Promise<void>;
}

/** The payload key the crash tests' client and worker processes share. */
const payloadKey = { id: 'crash-test', key: randomBytes(32) };

/** A worker as a process of its own, so it can be killed without mercy. */
export function startWorkerProcess(address: string, taskQueue: string): WorkerProcess {
  // One process (tsx as a loader, not its wrapper), so SIGKILL really kills the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      COMPONENTS: 'worker',
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      PAYLOAD_KEYS: `${payloadKey.id}:${payloadKey.key.toString('base64')}`,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dso-lv-crash-')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
      if (output.includes('Worker ready')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited (${String(code)}): ${output}`)));
  });
  return { child, stdout: () => stdout, ready };
}

/** A dev server, a client of it, and the worker process of the moment. */
export class CrashRig {
  worker: WorkerProcess | undefined;

  private constructor(
    public devServer: DevServer,
    readonly connection: Connection,
    readonly client: Client,
    readonly taskQueue: string,
  ) {}

  static async start(options: DevServerOptions, taskQueue: string): Promise<CrashRig> {
    const devServer = await startDevServer(options);
    const connection = await Connection.connect({ address: devServer.address });
    const dataConverter = dataConverterWith(new EncryptionCodec([payloadKey]));
    return new CrashRig(
      devServer,
      connection,
      new Client({ connection, dataConverter }),
      taskQueue,
    );
  }

  async startWorker(): Promise<WorkerProcess> {
    const worker = startWorkerProcess(this.devServer.address, this.taskQueue);
    this.worker = worker;
    await worker.ready;
    return worker;
  }

  async stop(): Promise<void> {
    this.worker?.child.kill('SIGKILL');
    await this.connection.close();
    await this.devServer.stop();
  }
}

export async function killHard(child: ChildProcess): Promise<NodeJS.Signals | null> {
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  child.kill('SIGKILL');
  return exited;
}

/** Sends an event under a fixed update id, retrying through the crash: applied once at most. */
export async function sendOnce(
  client: Client,
  id: string,
  updateId: string,
  event: Record<string, unknown>,
  actor: object,
  attempts = 20,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.workflow.getHandle(id).executeUpdate(eventUpdate, {
        args: [{ event: event as never, actor: actor as never }],
        updateId,
      });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Advice, criteria and the OGB Beheer's four verdicts: seven operator events with START. */
export const acceptanceScript = [
  { event: adviceEvent, actor: actors.tbo },
  { event: fixCriteriaEvent, actor: actors.ogb },
  ...assessments.map((a) => ({ event: verdictEvent(a), actor: actors.ogb })),
];
export const scriptedOperatorEvents = [
  'START',
  'CRITERIA_ADVICE',
  'FIX_CRITERIA',
  ...assessments.map(() => 'VERDICT'),
];

export async function startAcceptanceRuns(
  client: Client,
  taskQueue: string,
  provisions: { provision: string; phase1Due: string }[],
): Promise<void> {
  for (const { provision, phase1Due } of provisions) {
    await client.workflow.start('acceptance', {
      taskQueue,
      workflowId: `acceptance:${provision}`,
      args: [
        {
          // The agreement out of the way; it may not fall after phase 2, so that moves along.
          input: { provision, phase1Due, phase2Due: '2040-01-01', agreementDue: '2040-01-01' },
          startedBy: actors.programme,
        },
      ],
    });
  }
}

/** Sends steps [from, to) of the script to every run, the runs side by side. */
export async function driveScript(
  client: Client,
  provisions: string[],
  from: number,
  to: number,
  attempts?: number,
): Promise<void> {
  await Promise.all(
    provisions.map(async (provision) => {
      for (let step = from; step < to; step++) {
        const entry = acceptanceScript[step];
        if (entry)
          await sendOnce(
            client,
            `acceptance:${provision}`,
            `${provision}-${step}`,
            entry.event,
            entry.actor,
            attempts,
          );
      }
    }),
  );
}

/** Waits (real time: the dev server does not skip) until the phase-1 deadline has passed. */
export async function overdueViews(client: Client, provisions: string[]): Promise<ProcessView[]> {
  const views: ProcessView[] = [];
  for (const provision of provisions) {
    views.push(
      await viewWhen(
        client.workflow.getHandle(`acceptance:${provision}`),
        (view) => view.overdue,
        `acceptance:${provision} overdue`,
        { attempts: 240, intervalMs: 500 },
      ),
    );
  }
  return views;
}

/**
 * Every scripted event applied exactly once; the deadline timer fired once. (Reminders days before
 * a deadline seconds away are not planned: the deadline's own timer is what these runs prove.)
 */
export function expectFinishedOnce(view: ProcessView): void {
  const operatorEvents = view.history
    .filter((e) => e.actor.role !== 'system')
    .map((e) => e.event.type);
  expect(operatorEvents).toEqual(scriptedOperatorEvents);
  const phase1 = view.deadlines.find((d) => d.id === 'phase1');
  expect(phase1?.status).toBe('overdue');
  expect(view.history.filter((e) => e.event.type === 'DEADLINE_PASSED')).toHaveLength(1);
}
