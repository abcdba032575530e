import { acceptanceDefinition } from './acceptance/definition';
import { programmeDefinition } from './acceptance-programme/definition';
import { decisionDefinition } from './decision/definition';
import { escalationDefinition } from './escalation/definition';
import { pcCycleDefinition } from './pc-cycle/definition';
import { obligationDefinition } from './obligation/definition';
import { reselectionDefinition } from './reselection/definition';
import { sboDecisionDefinition } from './sbo-decision/definition';
import type { ProcessDefinition } from './process-definition';

/** Every kind of process this service runs, by kind. */
const definitions: readonly ProcessDefinition[] = [
  acceptanceDefinition,
  programmeDefinition,
  decisionDefinition,
  sboDecisionDefinition,
  reselectionDefinition,
  escalationDefinition,
  pcCycleDefinition,
  obligationDefinition,
];

export const processKinds = definitions.map((definition) => definition.kind);

export function findDefinition(kind: string): ProcessDefinition | undefined {
  return definitions.find((definition) => definition.kind === kind);
}
