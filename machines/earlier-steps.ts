/**
 * Refusals that name the step still missing, instead of the host's bare "not allowed now": an
 * event's `refusedBecause` lists the steps it needs, each with the states in which that step is
 * still missing and the reason in Dutch and English. The host asks only after the chart refused,
 * so this changes what a caller is told (problem type missing-earlier-step, 409), never what a run
 * does: allowed events, inboxes and recorded histories stay as they were. (Not `authorise`: that
 * is asked before the chart, and makes the allowed events be probed per party.)
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { EventDefinition } from './process-definition';
import type { Refusal } from './refusals';

export interface EarlierStep {
  /** Whether the step is still missing in this snapshot (a state where the chart refuses). */
  missing(snapshot: AnyMachineSnapshot): boolean;
  nl: string;
  en: string;
}

export const missingEarlierStep = (nl: string, en: string): Refusal => ({
  rule: 'missing-earlier-step',
  reason: `${nl} / ${en}`,
});

/** A `refusedBecause` that refuses with the first step still missing, as missing-earlier-step (409). */
export function earlierSteps(
  ...steps: readonly EarlierStep[]
): NonNullable<EventDefinition['refusedBecause']> {
  return (snapshot) => {
    const step = steps.find((candidate) => candidate.missing(snapshot));
    return step === undefined ? undefined : missingEarlierStep(step.nl, step.en);
  };
}

/** A step missing while the run is in any of these states (`snapshot.matches` values). */
export const inStates =
  (...states: readonly Parameters<AnyMachineSnapshot['matches']>[0][]) =>
  (snapshot: AnyMachineSnapshot): boolean =>
    states.some((state) => snapshot.matches(state));
