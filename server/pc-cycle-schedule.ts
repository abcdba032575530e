/**
 * The Temporal Schedule that starts each year's P&C cycle: on 1 December at 06:00 Amsterdam time
 * it runs `pcCycleYearly`, which starts `pc-cycle:<next year>`. Created when the product starts;
 * an existing schedule is left as the operators may have paused or changed it, except that it is
 * pointed at this product's task queue. A product down for more than the 30-day catch-up window
 * after 1 December misses that start: trigger the schedule by hand.
 *
 * A first install in December, after that day's start, would leave the coming year without a
 * cycle until a year later (a new schedule does not catch up on times before it existed): the
 * install starts that cycle itself, once — the workflow id is the year, so a cycle that runs or
 * has ended is left alone.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
  type Client,
} from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { amsterdamDate, amsterdamMidnight } from '../machines/dutch-time';
import type { HostInput } from '../workflows/contract';
import { searchAttributes } from '../workflows/search-attributes';

export const PC_CYCLE_SCHEDULE_ID = 'pc-cycle-yearly';

/** Who starts a cycle on the schedule's behalf (as `pcCycleYearly` does). */
const scheduleActor = { id: 'schedule:pc-cycle-yearly', role: 'system' } as const;

export interface PcCycleScheduleSetup {
  schedule: 'created' | 'exists' | 'updated';
  /** The coming year's cycle, started by a first install after that year's 1 December start. */
  comingCycle?: { year: number; workflowId: string; started: boolean };
}

/**
 * The year whose cycle the schedule would have started already this December (after 1 December
 * 06:00 Amsterdam time), or undefined before it.
 */
export function yearMissedBy(now: Date): number | undefined {
  const today = amsterdamDate(now.getTime());
  const year = Number(today.slice(0, 4));
  if (today.slice(5, 7) !== '12') return undefined;
  // 1 December is winter time: 06:00 Amsterdam is midnight plus six hours.
  const fired = Date.parse(amsterdamMidnight(`${year}-12-01`)) + 6 * 3_600_000;
  return now.getTime() >= fired ? year + 1 : undefined;
}

export async function ensurePcCycleSchedule(
  client: Client,
  taskQueue: string,
  options: { now?: Date } = {},
): Promise<PcCycleScheduleSetup> {
  try {
    await client.schedule.create({
      scheduleId: PC_CYCLE_SCHEDULE_ID,
      spec: {
        calendars: [
          { month: 'DECEMBER', dayOfMonth: 1, hour: 6, comment: 'P&C-cyclus volgend jaar' },
        ],
        timezone: 'Europe/Amsterdam',
      },
      action: {
        type: 'startWorkflow',
        workflowType: 'pcCycleYearly',
        workflowId: 'pc-cycle-yearly',
        taskQueue,
        args: [],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days' },
    });
    const year = yearMissedBy(options.now ?? new Date());
    return year === undefined
      ? { schedule: 'created' }
      : { schedule: 'created', comingCycle: await startCycle(client, taskQueue, year) };
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  // Operators may have paused it or changed its times; only a task queue nobody serves is fixed.
  const handle = client.schedule.getHandle(PC_CYCLE_SCHEDULE_ID);
  const { action } = await handle.describe();
  if (action.taskQueue !== taskQueue) {
    await handle.update((previous) => ({
      ...previous,
      action: { ...previous.action, taskQueue },
    }));
    return { schedule: 'updated' };
  }
  return { schedule: 'exists' };
}

/** Starts `pc-cycle:<year>` as the schedule's starter would, or finds it there already. */
async function startCycle(
  client: Client,
  taskQueue: string,
  year: number,
): Promise<{ year: number; workflowId: string; started: boolean }> {
  const workflowId = `pc-cycle:${year}`;
  const input: HostInput = { input: { year }, startedBy: scheduleActor };
  try {
    await client.workflow.start('pc-cycle', {
      taskQueue,
      workflowId,
      args: [input],
      // A year's cycle that ended (or runs) is not started again; only a failed one may be.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      typedSearchAttributes: [
        { key: searchAttributes.kind, value: 'pc-cycle' },
        { key: searchAttributes.businessKey, value: String(year) },
      ],
    });
    return { year, workflowId, started: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      return { year, workflowId, started: false };
    }
    throw error;
  }
}
