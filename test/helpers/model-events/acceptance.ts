/**
 * One provision's acceptance, both phases, with the agreement alongside. Verdicts come in a fixed
 * order (assessment by assessment, the OGB Beheer before the TBO), and only the first assessment
 * may be judged negative: a repair round is reached and left the same way whichever assessment
 * fails, and the walk stays small.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { assessingBodies, assessments } from '../../../machines/acceptance/assessments';
import type { AcceptanceContext } from '../../../machines/acceptance/types';
import { actor } from './actors';
import type { KindModel } from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as AcceptanceContext;
const at = '2019-02-01T09:00:00.000Z';
const pairs = assessments.flatMap((assessment) =>
  assessingBodies.map((body) => ({ assessment, body })),
);
const [firstAssessment] = assessments;

function keep(snapshot: AnyMachineSnapshot, event: EventObject & { actor?: { role: string } }) {
  if (event.type !== 'VERDICT') return true;
  const { verdicts } = contextOf(snapshot);
  const e = event as EventObject & { assessment: string; outcome: string; actor: { role: string } };
  const open = pairs.find(({ assessment, body }) => verdicts[assessment][body] === undefined);
  return (
    open !== undefined &&
    e.assessment === open.assessment &&
    e.actor.role === open.body &&
    (e.outcome === 'positive' || e.assessment === firstAssessment)
  );
}

export const acceptanceModel: KindModel = {
  // When the ready report came decides only where management costs count from, which no guard reads.
  starts: [{ name: 'reported in 2019', at, input: { provision: 'loket' } }],
  actors: [actor('tbo'), actor('ogb', 'vng'), actor('developer'), actor('programme')],
  strings: { findings: ['Gebrek in de koppeling'], signedOn: ['2019-05-01'] },
  payloads: (type) =>
    type === 'VERDICT'
      ? assessments.flatMap((assessment) => [
          { assessment, outcome: 'positive' },
          { assessment, outcome: 'negative', findings: 'Gebrek in de koppeling' },
        ])
      : undefined,
  keep,
  // Rounds, logs, overdue marks and who did what: no guard reads them.
  relevant: (snapshot) => {
    const c = contextOf(snapshot);
    return {
      advised: c.criteriaAdvice !== null,
      verdicts: pairs.map(({ assessment, body }) => c.verdicts[assessment][body]?.outcome ?? null),
      provisional: Object.keys(c.provisionalAcceptance).sort(),
      definitive: Object.keys(c.definitiveAcceptance).sort(),
    };
  },
};
