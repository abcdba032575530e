/**
 * A small process kind in two releases, hosted by the product's own host, for the rolling-upgrade
 * test. Release 2 changes the machine the way the product changes its kinds: a rule revision (a
 * patch id) adds a review step, which only runs that start under release 2 take; runs of release 1
 * keep the rules they started under, so their histories replay on release 2's code.
 */
import { assign, setup, type AnyMachineSnapshot } from 'xstate';
import { z } from 'zod';
import {
  followsRule,
  type ProcessDefinition,
  type StartedBy,
} from '../../../machines/process-definition';

export const REVIEW_STEP_REVISION = 'versioning-probe-review-step';

interface ProbeInput {
  key: string;
}

interface ProbeContext {
  key: string;
  /** Whether CLOSE goes through review first (the revision of release 2). */
  reviewed: boolean;
  notes: number;
  /** The release whose code applied the last step: the test reads where each step ran. */
  closedUnder: number | null;
}

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as ProbeContext;

function probeMachine(release: 1 | 2) {
  const close = { target: 'closed' as const, actions: 'markClosed' as const };
  return setup({
    types: {
      context: {} as ProbeContext,
      input: {} as { input: ProbeInput; reviewed: boolean },
      events: {} as { type: 'NOTE' } | { type: 'CLOSE' } | { type: 'APPROVE' },
    },
    actions: { markClosed: assign({ closedUnder: release }) },
  }).createMachine({
    id: 'probe',
    initial: 'open',
    context: ({ input }) => ({
      key: input.input.key,
      reviewed: input.reviewed,
      notes: 0,
      closedUnder: null,
    }),
    states: {
      open: {
        on: {
          NOTE: { actions: assign({ notes: ({ context }) => context.notes + 1 }) },
          CLOSE:
            release === 1
              ? close
              : [{ guard: ({ context }) => context.reviewed, target: 'review' }, close],
        },
      },
      review: { on: { APPROVE: close } },
      closed: { type: 'final' },
    },
  });
}

const anyone = ['tbo', 'programme'] as const;

export function probeDefinition(kind: string, release: 1 | 2): ProcessDefinition<ProbeInput> {
  const revisions = release === 2 ? [REVIEW_STEP_REVISION] : [];
  return {
    kind,
    title: 'Proefproces voor versies',
    machine: probeMachine(release),
    input: z.object({ key: z.string().min(1) }),
    startRoles: [...anyone],
    businessKey: (input) => input.key,
    machineInput: (input, started: StartedBy) => ({
      input,
      reviewed: release === 2 && followsRule(started.olderRules, REVIEW_STEP_REVISION),
    }),
    ruleRevisions: revisions,
    events: {
      NOTE: { label: 'Notitie maken', roles: [...anyone], payload: z.object({}) },
      CLOSE: { label: 'Afsluiten', roles: [...anyone], payload: z.object({}) },
      APPROVE: { label: 'Goedkeuren', roles: [...anyone], payload: z.object({}) },
    },
    deadlines: {},
    summary: (snapshot) => `Proef ${contextOf(snapshot).key}: ${String(snapshot.value)}`,
    publicContext: (snapshot) => ({ ...contextOf(snapshot) }),
  };
}
