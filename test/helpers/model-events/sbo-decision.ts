/** The SBO's decision in each of its four categories; category 1 ends as its OGB decision child does. */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { Actor } from '../../../machines/actors';
import type { DecisionOutput } from '../../../machines/decision/types';
import { otherGovernments } from '../../../machines/sbo-decision/decision-types';
import { sboDecisionDefinition } from '../../../machines/sbo-decision/definition';
import type { SboDecisionContext } from '../../../machines/sbo-decision/types';
import { actor, members } from './actors';
import { childrenDone, finalOutputs } from './children';
import { decisionModel } from './decision';
import type { KindModel } from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as SboDecisionContext;
const at = '2019-03-01T09:00:00.000Z';
const base = { subject: 'Wijziging', proposal: 'Vaststellen', decisionType: 'other' };

export const sboDecisionModel: KindModel = {
  starts: [
    {
      name: 'category 1',
      at,
      input: { ...base, decisionKey: 'c1', category: 1, meetingDate: '2019-03-14' },
    },
    {
      name: 'category 2',
      at,
      input: { ...base, decisionKey: 'c2', category: 2, responseDue: '2019-03-14' },
    },
    { name: 'category 3', at, input: { ...base, decisionKey: 'c3', category: 3 } },
    { name: 'category 4', at, input: { ...base, decisionKey: 'c4', category: 4 } },
  ],
  actors: [...members('ogb', ['rijk', ...otherGovernments]), actor('sbo', 'rijk')],
  systemEvents: childrenDone(
    sboDecisionDefinition,
    () => finalOutputs('decision', decisionModel, (output) => (output as DecisionOutput).outcome),
    at,
  ),
  // The governments respond in a fixed order: which one answered first decides no guard.
  keep: (snapshot, event: EventObject & { actor?: Actor }) =>
    event.type !== 'RESPOND' ||
    event.actor?.party === otherGovernments.find((p) => !contextOf(snapshot).responses[p]),
  relevant: (snapshot) => Object.keys(contextOf(snapshot).responses),
};
