/** The escalation ladder from each origin; the BO's rounds end as its decision children do. */
import type { AnyMachineSnapshot } from 'xstate';
import type { DecisionOutput } from '../../../machines/decision/types';
import { escalationDefinition } from '../../../machines/escalation/definition';
import { originNames, type EscalationContext } from '../../../machines/escalation/types';
import { actor, members } from './actors';
import { childrenDone, finalOutputs } from './children';
import { decisionModel } from './decision';
import type { KindModel } from './types';

const at = '2019-03-01T09:00:00.000Z';

export const escalationModel: KindModel = {
  starts: originNames.map((origin) => ({
    name: origin,
    at,
    input: {
      disputeKey: `geschil-${origin}`,
      subject: 'Geschil',
      description: 'Over de releaseplanning',
      origin,
      maxBoRounds: 2,
    },
  })),
  actors: [
    actor('sbo', 'rijk'),
    actor('tbo'),
    actor('obo', undefined, 'kadaster'),
    ...members('ogb', ['rijk', 'vng']),
    actor('bo', 'rijk'),
    actor('minister', 'rijk'),
  ],
  strings: { outcome: ['Overeenstemming bereikt'] },
  systemEvents: childrenDone(
    escalationDefinition,
    () => finalOutputs('decision', decisionModel, (output) => (output as DecisionOutput).outcome),
    at,
  ),
  // A failed round is retried with the next attempt; only the rounds held count towards the cap.
  relevant: (snapshot: AnyMachineSnapshot) =>
    (snapshot.context as EscalationContext).boRounds.length,
};
