/**
 * 2020–2028: one planning & control cycle a year (seed §6.2–§6.5, §7), driven directly (the
 * yearly Schedule does not run on the test server): accounts in spring at the OGB Beheer's
 * meeting, the BO's accountability, plans decided by consensus at the autumn meeting, OBO budgets
 * fixed, progress discussed twice. Meeting days follow the cadence of the Act's date (what if).
 */
import { nextMeeting } from '../../machines/pc-cycle/meetings';
import type { SimulationOptions } from './options';
import { everyone, runningChild, who, type Step } from './step';
import type { World } from './world';

const ORGANISATIONS = ['Kadaster', 'Geonovum', 'KOOP'];

function yearSteps(year: number, options: SimulationOptions): Step[] {
  const id = `pc-cycle:${year}`;
  const cadence = { actTakesEffect: options.actDate, meetingDay: 15 };
  const springMeeting = nextMeeting(`${year}-04-01`, cadence) ?? `${year}-04-15`;
  const planMeeting = nextMeeting(`${year}-09-01`, cadence) ?? `${year}-10-15`;
  const step = (at: string, label: string, run: (world: World) => Promise<unknown>): Step => ({
    at,
    phase: 'P&C',
    label: `${year}: ${label}`,
    run: async (world) => {
      await run(world);
    },
  });
  const submit = (document: string, extra: Record<string, unknown> = {}) => ({
    type: 'SUBMIT_DOCUMENT',
    document,
    summary: `${document} ${year}`,
    ...extra,
  });
  return [
    step(`${year}-01-06T08:00:00Z`, 'cycle started', (w) =>
      w.start(
        'pc-cycle',
        String(year),
        { year, actTakesEffect: options.actDate, operationalOrganisations: ORGANISATIONS },
        who.sbo,
      ),
    ),
    step(`${year}-03-25T09:00:00Z`, 'accounts over last year submitted', async (w) => {
      await w.send(id, submit('sboAccounts'), who.sbo);
      await w.send(id, submit('tboAccounts'), who.tbo);
      for (const organisation of ORGANISATIONS) {
        await w.send(id, { type: 'OBO_ACCOUNTS_SUBMITTED', organisation }, who.obo(organisation));
        await w.send(id, { type: 'OBO_ACCOUNTS_DISCUSSED', organisation }, who.tbo);
      }
    }),
    step(`${springMeeting}T09:00:00Z`, 'spring meeting: accounts and progress', async (w) => {
      for (const document of ['sboAccounts', 'tboAccounts']) {
        await w.send(id, { type: 'ACCOUNTS_DISCUSSED', document }, who.ogb('ipo'));
      }
      await w.send(id, { type: 'PROGRESS_DISCUSSED', note: 'Voorjaar' }, who.ogb('rijk'));
    }),
    step(`${year}-06-18T09:00:00Z`, 'the BO discusses the SBO’s accountability', (w) =>
      w.send(id, { type: 'BO_ACCOUNTABILITY_DISCUSSED' }, who.bo('vng')),
    ),
    step(`${year}-09-01T09:00:00Z`, 'strategic plan and TBO plan submitted', async (w) => {
      await w.send(id, submit('strategicPlan'), who.sbo);
      await w.send(
        id,
        submit('tboPlan', { tacticalCents: 400_000_000, operationalCents: 2_100_000_000 }),
        who.tbo,
      );
    }),
    step(`${planMeeting}T09:00:00Z`, 'plans adopted by consensus', async (w) => {
      for (const key of ['strategicPlan-1', 'tboPlan-1']) {
        const decision = await runningChild(w, id, key);
        await everyone(w, decision, 'ogb');
      }
      await w.viewWhen(id, (v) => v.state.includes('tboPlan.sboAdoption'), 'SBO adoption');
      await w.send(id, { type: 'TBO_PLAN_ADOPTED', note: '' }, who.sbo);
    }),
    step(`${year}-09-22T09:00:00Z`, 'OBO work plans approved, budgets fixed', async (w) => {
      for (const organisation of ORGANISATIONS) {
        await w.send(
          id,
          { type: 'OBO_PLAN_SUBMITTED', organisation, summary: 'Werkplan', budgetCents: 5e8 },
          who.obo(organisation),
        );
        await w.send(
          id,
          { type: 'OBO_BUDGET_FIXED', organisation, budgetCents: 480_000_000 },
          who.tbo,
        );
      }
    }),
    step(`${year}-12-09T09:00:00Z`, 'autumn progress discussed: cycle complete', (w) =>
      w.send(id, { type: 'PROGRESS_DISCUSSED', note: 'Najaar' }, who.ogb('rijk')),
    ),
  ];
}

export function pcSteps(options: SimulationOptions): Step[] {
  const steps: Step[] = [];
  for (let year = options.pcFrom; year <= options.pcTo; year++) {
    steps.push(...yearSteps(year, options));
  }
  return steps;
}
