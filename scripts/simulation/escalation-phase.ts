/**
 * 2025: a dispute within the OGB Beheer climbs the ladder (seed §8.1): the OGB lacks the mandate,
 * two BO consultation rounds without consensus, then the governments settle amicably.
 */
import { runningChild, who, type Step } from './step';
import type { World } from './world';

const KEY = 'uitleg-beheerovereenkomst-2025';
const RUN = `escalation:${KEY}`;

export function escalationSteps(): Step[] {
  const step = (at: string, label: string, run: (world: World) => Promise<unknown>): Step => ({
    at,
    phase: 'escalation',
    label,
    run: async (world) => {
      await run(world);
    },
  });
  const objectInRound = (round: number) => async (w: World) => {
    const decision = await runningChild(w, RUN, `bo-${round}`);
    await w.send(decision, { type: 'POSITION', position: 'agree' }, who.bo('rijk'));
    await w.send(
      decision,
      { type: 'POSITION', position: 'object', note: 'Geen ontwikkelkosten' },
      who.bo('uvw'),
    );
  };
  return [
    step('2025-02-03T09:00:00Z', 'dispute raised in the OGB Beheer', (w) =>
      w.start(
        'escalation',
        KEY,
        {
          disputeKey: KEY,
          subject: 'Uitleg beheerovereenkomst',
          description: 'Valt de koppeling met het Omgevingsloket onder beheer of ontwikkeling?',
          origin: 'within-ogb',
          maxBoRounds: 2,
        },
        who.ogb('vng'),
      ),
    ),
    step('2025-03-20T09:00:00Z', 'the OGB Beheer lacks the mandate: to the BO', (w) =>
      w.send(RUN, { type: 'MANDATE_LACKING', note: 'Geen mandaat' }, who.ogb('ipo')),
    ),
    step('2025-04-02T09:00:00Z', 'BO round 1: no consensus', objectInRound(1)),
    step('2025-04-16T09:00:00Z', 'BO round 2: no consensus; amicable settlement', objectInRound(2)),
    step('2025-06-12T09:00:00Z', 'the governments settle', async (w) => {
      await w.viewWhen(RUN, (v) => v.state.includes('settlement'), 'the settlement rung');
      await w.send(
        RUN,
        {
          type: 'RESOLVE',
          outcome: 'Kosten gedeeld naar de verdeelsleutel',
          upholdsProposal: true,
        },
        who.sbo,
      );
    }),
  ];
}
