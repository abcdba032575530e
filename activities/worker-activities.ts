/**
 * Every activity a worker of this product registers, in one place: each worker (the product's,
 * the tests', the simulation's, the benchmark's) offers the workflows the same set, so no host
 * path finds its activity missing on one of them.
 */
import { createChildOutcomeActivities } from './child-outcome';
import { createReminderActivities, type ReminderActivityDeps } from './reminder-activities';

export function createWorkerActivities(reminders: ReminderActivityDeps) {
  return { ...createReminderActivities(reminders), ...createChildOutcomeActivities() };
}
