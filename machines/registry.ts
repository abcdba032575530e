/* eslint-disable @typescript-eslint/no-require-imports -- definitions load on first use, see below */
import type * as Acceptance from './acceptance/definition';
import type * as Programme from './acceptance-programme/definition';
import type * as Decision from './decision/definition';
import type * as Escalation from './escalation/definition';
import type * as PcCycle from './pc-cycle/definition';
import type * as Obligation from './obligation/definition';
import type * as Reselection from './reselection/definition';
import type * as SboDecision from './sbo-decision/definition';
import type { ProcessDefinition } from './process-definition';

/**
 * Every kind of process this service runs, by kind, each loaded on first use. Workflow code
 * evaluates its modules anew for every run, and building a kind's statechart and zod schemas is
 * most of that cost: a run loads only its own kind and those of the children it starts.
 */
const loaders: Readonly<Record<string, () => ProcessDefinition>> = {
  acceptance: () => (require('./acceptance/definition') as typeof Acceptance).acceptanceDefinition,
  'acceptance-programme': () =>
    (require('./acceptance-programme/definition') as typeof Programme).programmeDefinition,
  decision: () => (require('./decision/definition') as typeof Decision).decisionDefinition,
  'sbo-decision': () =>
    (require('./sbo-decision/definition') as typeof SboDecision).sboDecisionDefinition,
  reselection: () =>
    (require('./reselection/definition') as typeof Reselection).reselectionDefinition,
  escalation: () => (require('./escalation/definition') as typeof Escalation).escalationDefinition,
  'pc-cycle': () => (require('./pc-cycle/definition') as typeof PcCycle).pcCycleDefinition,
  obligation: () => (require('./obligation/definition') as typeof Obligation).obligationDefinition,
};

export const processKinds = Object.keys(loaders);

export function findDefinition(kind: string): ProcessDefinition | undefined {
  return Object.hasOwn(loaders, kind) ? loaders[kind]?.() : undefined;
}

/** The definition of a kind this code base has; a binding names its own. */
export function definitionOf(kind: string): ProcessDefinition {
  const definition = findDefinition(kind);
  if (!definition) throw new Error(`no process kind "${kind}"`);
  return definition;
}
