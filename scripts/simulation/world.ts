/**
 * The simulated world: a time-skipping test server whose clock starts on 1 January 2019, a worker
 * with the real workflow bundle and the real reminder activity (log channel, recorded here too),
 * and the few verbs the scenario needs: start a run, send an event as an actor, wait for a view.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createWorkerActivities } from '../../activities/worker-activities';
import type { Actor } from '../../machines/actors';
import { createTimeSkippingAt } from '../../server/time-skipping-server';
import { ensureWorkflowBundle } from '../../server/workflow-bundle';
import { eventUpdate, viewQuery, type ProcessView } from '../../workflows/contract';

export const SIMULATION_START = '2019-01-01T00:00:00Z';
const TASK_QUEUE = 'simulation';

export type SimEvent = { type: string } & Record<string, unknown>;

export interface World {
  /** Workflow ids of the runs the scenario started itself; children are found from their views. */
  readonly roots: string[];
  /** Reminders the activity delivered, as it was told them (the log channel). */
  readonly reminders: { processId: string; deadline: string; scheduledFor: string }[];
  now(): Promise<number>;
  sleepUntil(iso: string): Promise<void>;
  start(kind: string, businessKey: string, input: unknown, by: Actor): Promise<WorkflowHandle>;
  handle(id: string): WorkflowHandle;
  send(id: string, event: SimEvent, actor: Actor): Promise<ProcessView>;
  view(id: string): Promise<ProcessView>;
  /** Waits in real time (a query does not skip time) until a run's view satisfies the check. */
  viewWhen(id: string, check: (view: ProcessView) => boolean, what: string): Promise<ProcessView>;
  close(): Promise<void>;
}

export async function createWorld(startTime = SIMULATION_START): Promise<World> {
  const env = await createTimeSkippingAt(startTime);
  const reminders: World['reminders'] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    // The prebuilt bundle, built here first when the sources changed since.
    workflowBundle: { codePath: (await ensureWorkflowBundle()).codePath },
    activities: createWorkerActivities({
      log: (_message, fields) =>
        reminders.push({
          processId: String(fields.processId),
          deadline: String((fields.deadline as { id?: unknown } | undefined)?.id),
          scheduledFor: String(fields.scheduledFor),
        }),
    }),
  });
  const workerRun = worker.run();
  const client = env.client;
  const handle = (id: string) => client.workflow.getHandle(id);
  const view = (id: string) => handle(id).query(viewQuery);
  const roots: string[] = [];

  return {
    roots,
    reminders,
    now: () => env.currentTimeMs(),
    async sleepUntil(iso) {
      const wait = Date.parse(iso) - (await env.currentTimeMs());
      if (wait > 0) await env.sleep(wait);
    },
    async start(kind, businessKey, input, by) {
      const workflowId = `${kind}:${businessKey}`;
      roots.push(workflowId);
      return client.workflow.start(kind, {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [{ input, startedBy: by }],
      });
    },
    handle,
    // The update answers where the run stands; the simulation reads the whole view after it.
    send: (id, event, actor) =>
      handle(id)
        .executeUpdate(eventUpdate, { args: [{ event, actor }] })
        .then(() => view(id)),
    view,
    async viewWhen(id, check, what) {
      let last: ProcessView | undefined;
      const until = Date.now() + 60_000;
      while (Date.now() < until) {
        try {
          last = await view(id);
          if (check(last)) return last;
        } catch {
          // Not started yet: parents start their children asynchronously.
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`timed out waiting for ${what} (${id}); last: ${last?.summary ?? 'none'}`);
    },
    async close() {
      worker.shutdown();
      await workerRun;
      await env.teardown();
    },
  };
}
