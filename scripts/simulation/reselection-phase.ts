/**
 * 2022: the re-selection of the TBO and OBOs for 2024–2028 (seed §3.6, §8.2): preparation by
 * mid-2022, the proposal and consents, the OGB Beheer's decision in September, the BO's
 * ratification in October — or, what if the BO objects, the escalation ladder — and the handover
 * on 1 January 2024 (the run reaches it by itself).
 */
import type { SimulationOptions } from './options';
import { everyone, runningChild, who, type Step } from './step';
import type { World } from './world';

const RUN = 'reselection:2024-2028';
const ORGANISATIONS = ['Kadaster', 'Geonovum', 'KOOP'];

export function reselectionSteps(options: SimulationOptions): Step[] {
  const step = (at: string, label: string, run: (world: World) => Promise<unknown>): Step => ({
    at,
    phase: 're-selection',
    label,
    run: async (world) => {
      await run(world);
    },
  });
  const steps = [
    step('2022-01-10T08:00:00Z', 're-selection 2024–2028 started', (world) =>
      world.start('reselection', '2024-2028', {}, who.sbo),
    ),
    step('2022-05-02T09:00:00Z', 'approach, rules, evaluations; the VNG stays out', async (w) => {
      await w.send(RUN, { type: 'VNG_STAYS_OUT' }, who.ogb('vng'));
      // The OGB Beheer adopts the approach and the rules by consensus (§6.2, §6.4).
      await w.send(RUN, { type: 'APPROACH_PROPOSED', note: 'Extern bureau' }, who.ogb('rijk'));
      await everyone(w, await runningChild(w, RUN, 'approach'), 'ogb');
      await w.send(
        RUN,
        { type: 'RULES_PROPOSED', rules: 'Spelregels herselectie', criteria: 'Criteria' },
        who.ogb('ipo'),
      );
      await everyone(w, await runningChild(w, RUN, 'rules'), 'ogb');
      // The evaluation waits for the adopted approach, which reaches the run by the child's end.
      const adopted = (key: string) => (v: { children: { key: string; status: string }[] }) =>
        v.children.some((c) => c.key === key && c.status === 'completed');
      await w.viewWhen(RUN, adopted('approach'), 'approach adopted');
      await w.send(
        RUN,
        { type: 'EVALUATION_COMPLETED', findings: 'Goed', taskDivision: 'Helder' },
        who.sbo,
      );
      await w.send(
        RUN,
        {
          type: 'BUDGET_EVALUATION_COMPLETED',
          yearlyBudgetCents: 2_590_000_000,
          period: '2024-2028',
        },
        who.sbo,
      );
    }),
    step(
      '2022-06-01T09:00:00Z',
      'TBO and OBOs proposed; every organisation consents',
      async (w) => {
        await w.send(
          RUN,
          {
            type: 'PROPOSE',
            tbo: 'Kadaster',
            obos: ORGANISATIONS,
            changeOfTbo: false,
            motivation: 'Evaluatie positief; continuïteit.',
          },
          who.sbo,
        );
        for (const organisation of ORGANISATIONS) {
          // Each organisation consents itself (seed §6.3).
          await w.send(
            RUN,
            { type: 'CONSENT', organisation, consents: true },
            who.obo(organisation),
          );
        }
      },
    ),
    step('2022-09-15T09:00:00Z', 'the OGB Beheer decides by consensus', async (w) => {
      await everyone(w, await runningChild(w, RUN, 'ogb'), 'ogb');
    }),
    step(
      '2022-10-20T09:00:00Z',
      options.failedConsensus === 'reselection'
        ? 'the BO does not ratify (UvW objects): escalation'
        : 'the BO ratifies',
      async (w) => {
        const bo = await runningChild(w, RUN, 'bo');
        if (options.failedConsensus !== 'reselection') return everyone(w, bo, 'bo');
        await w.send(
          bo,
          { type: 'POSITION', position: 'object', note: 'Eerst een kostenraming' },
          who.bo('uvw'),
        );
      },
    ),
  ];
  if (options.failedConsensus === 'reselection') {
    steps.push(
      step('2022-11-17T09:00:00Z', 'the escalation’s first BO round ratifies', async (w) => {
        const escalation = await runningChild(w, RUN, 'escalation-bo');
        await everyone(w, await runningChild(w, escalation, 'bo-1'), 'bo');
      }),
    );
  }
  return steps;
}
