/**
 * One P&C cycle with two operational managers. Its eight regions are independent but for the BO,
 * which discusses the SBO's accountability once the SBO has reported: each state lets only the
 * first region (in the order below, which keeps that dependency) that can move do so. Every
 * interleaving of independent regions reaches the same states, so this walks each region's own
 * states once instead of their product. Plans end as the decision and escalation models end.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { DecisionOutput } from '../../../machines/decision/types';
import { operationalManagers, organisationIdOf } from '../../../machines/organisations';
import { pcCycleDefinition } from '../../../machines/pc-cycle/definition';
import type { PcCycleContext } from '../../../machines/pc-cycle/types';
import { actor } from './actors';
import { childrenDone, finalOutputs } from './children';
import { decisionModel } from './decision';
import { escalationModel } from './escalation';
import { candidateEvents } from './candidates';
import type { KindModel, ModelStart } from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as PcCycleContext;
const at = '2020-02-01T09:00:00.000Z';
const obos = operationalManagers.slice(0, 2).map((o) => o.label);
const input = { year: 2020, operationalOrganisations: obos };

const regionOrder = [
  'sboAccounts',
  'tboAccounts',
  'oboAccounts',
  'boAccountability',
  'strategicPlan',
  'tboPlan',
  'oboPlans',
  'progress',
] as const;

type Sent = EventObject & { document?: string; plan?: string; key?: string };

/** The region an event moves; none for the root's own events (deadlines, indices). */
function regionOf(event: Sent): string | undefined {
  switch (event.type) {
    case 'SUBMIT_DOCUMENT':
    case 'ACCOUNTS_DISCUSSED':
      return event.document;
    case 'OBO_ACCOUNTS_SUBMITTED':
    case 'OBO_ACCOUNTS_DISCUSSED':
      return 'oboAccounts';
    case 'BO_ACCOUNTABILITY_DISCUSSED':
      return 'boAccountability';
    case 'OBO_PLAN_SUBMITTED':
    case 'OBO_BUDGET_FIXED':
      return 'oboPlans';
    case 'PROGRESS_DISCUSSED':
      return 'progress';
    case 'TBO_PLAN_ADOPTED':
      return 'tboPlan';
    case 'RETRY_CHILD':
      return event.plan;
    case 'CHILD_DONE':
      return event.key?.includes('strategicPlan') ? 'strategicPlan' : 'tboPlan';
    default:
      return undefined;
  }
}

/** What a plan reads of its escalation's end: whether the outcome upholds the plan. */
interface EscalationOutput {
  resolution: { upholdsProposal: boolean } | null;
}

const outputs = (kind: string) =>
  kind === 'decision'
    ? finalOutputs('decision', decisionModel, (o) => (o as DecisionOutput).outcome)
    : finalOutputs(
        'escalation',
        escalationModel,
        (o) => (o as EscalationOutput).resolution?.upholdsProposal ?? null,
      );

const base: Omit<KindModel, 'keep'> = {
  // The autumn meeting rule (AUTUMN_MEETING_RULE) moves a plan's meeting date, which no guard reads.
  starts: [{ name: 'one cycle', at, input }],
  actors: [
    actor('sbo', 'rijk'),
    actor('tbo'),
    actor('ogb', 'vng'),
    actor('bo', 'rijk'),
    ...obos.map((label) => actor('obo', undefined, organisationIdOf(label))),
  ],
  systemEvents: childrenDone(pcCycleDefinition, (request) => outputs(request.kind), at),
  // Attempts, budgets, notes and overdue marks: the guards read only what is submitted and done.
  relevant: (snapshot) => {
    const c = contextOf(snapshot);
    return {
      submitted: Object.values(c.documents).map((d) => d.submitted !== null),
      obos: c.obos.map((o) =>
        [o.accountsSubmitted, o.accountsDiscussed, o.plan, o.fixedBudget].map((x) => x !== null),
      ),
    };
  },
};

/** Each state's first region that can move, by the events the host would pass on. */
const firstMoving = new WeakMap<AnyMachineSnapshot, string | undefined>();
function movingRegion(snapshot: AnyMachineSnapshot, start: ModelStart): string | undefined {
  if (firstMoving.has(snapshot)) return firstMoving.get(snapshot);
  const regions = new Set(candidateEvents(pcCycleDefinition, base, start, snapshot).map(regionOf));
  const region = regionOrder.find((r) => regions.has(r));
  firstMoving.set(snapshot, region);
  return region;
}

export const pcCycleModel: KindModel = {
  ...base,
  keep: (snapshot, event, start) => {
    const region = regionOf(event);
    return region === undefined || region === movingRegion(snapshot, start);
  },
};
