/**
 * The Temporal Schedule that starts each year's P&C cycle: on 1 December at 06:00 Amsterdam time
 * it runs `pcCycleYearly`, which starts `pc-cycle:<next year>`. Created when the product starts;
 * an existing schedule is left as the operators may have paused or changed it, except that it is
 * pointed at this product's task queue. A product down for more than the 30-day catch-up window
 * after 1 December misses that start: trigger the schedule by hand.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const PC_CYCLE_SCHEDULE_ID = 'pc-cycle-yearly';

export async function ensurePcCycleSchedule(
  client: Client,
  taskQueue: string,
): Promise<'created' | 'exists' | 'updated'> {
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
    return 'created';
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
    return 'updated';
  }
  return 'exists';
}
