/**
 * 2019: the acceptance of DSO-LV (seed §6.4): six provisions reported ready, criteria fixed, the
 * four assessments by the OGB Beheer and the TBO, one provision rejected and repaired, provisional
 * acceptance and transfer by the end of June; phase 2, the whole, and in 2020 the extension protocol.
 */
import { assessments } from '../../machines/acceptance/assessments';
import { amsterdamDate } from '../../machines/dutch-time';
import { provisions, type SimulationOptions } from './options';
import { who, type Step } from './step';
import type { World } from './world';

const PROGRAMME = 'acceptance-programme:dso-lv';
const run = (provision: string) => `acceptance:${provision}`;
const REPAIRED = 'stelselcatalogus';

async function criteria(world: World, provision: string): Promise<void> {
  await world.viewWhen(run(provision), () => true, `the run of ${provision}`);
  await world.send(
    run(provision),
    { type: 'CRITERIA_ADVICE', advice: 'Toets ook de koppelvlakken met de bronhouders.' },
    who.tbo,
  );
  await world.send(
    run(provision),
    {
      type: 'FIX_CRITERIA',
      criteria: Object.fromEntries(assessments.map((a) => [a, `Toetscriteria ${a}`])),
    },
    who.ogb('rijk'),
  );
}

async function verdicts(world: World, provision: string, defect?: string): Promise<void> {
  for (const assessment of assessments) {
    const base = { type: 'VERDICT', assessment, outcome: 'positive', findings: '' };
    await world.send(run(provision), base, who.ogb('rijk'));
    const negative = defect !== undefined && assessment === 'readyForUse';
    await world.send(
      run(provision),
      negative ? { ...base, outcome: 'negative', findings: defect } : base,
      who.tbo,
    );
  }
}

async function deliver(world: World, provision: string): Promise<void> {
  const id = run(provision);
  const today = amsterdamDate(await world.now());
  await world.send(id, { type: 'PROVISIONALLY_ACCEPT', note: '' }, who.ogb('rijk'));
  await world.send(id, { type: 'PROVISIONALLY_ACCEPT', note: '' }, who.tbo);
  await world.send(
    id,
    {
      type: 'AGREEMENT_PREPARED',
      operationalManager: 'Kadaster',
      summary: 'Werkwijze tot definitieve acceptatie',
    },
    who.tbo,
  );
  await world.send(
    id,
    { type: 'AGREEMENT_SIGNED', signedOn: today, summary: 'Dienstverleningsovereenkomst getekend' },
    who.tbo,
  );
  await world.send(
    id,
    { type: 'TRANSFER_COMPLETED', operationalManager: 'Kadaster', note: '' },
    who.tbo,
  );
}

async function phase2(world: World, provision: string): Promise<void> {
  await world.viewWhen(
    run(provision),
    (v) => v.state.includes('acceptance.phase2.assessment'),
    `phase 2 of ${provision}`,
  );
  await verdicts(world, provision);
  await world.send(run(provision), { type: 'DEFINITIVELY_ACCEPT', note: '' }, who.ogb('rijk'));
  await world.send(run(provision), { type: 'DEFINITIVELY_ACCEPT', note: '' }, who.tbo);
}

export function acceptanceSteps(options: SimulationOptions): Step[] {
  const late = options.lateProvision;
  const onTime = provisions.filter((p) => p !== late);
  const ready = (p: string) => ({ type: 'READY_REPORT', provision: p, note: 'Gereed gemeld' });
  const step = (at: string, label: string, run: Step['run']): Step => ({
    at,
    phase: 'acceptance',
    label,
    run,
  });
  const steps: Step[] = [
    step('2019-01-07T08:00:00Z', 'programme started; ready reports', async (world) => {
      await world.start(
        'acceptance-programme',
        'dso-lv',
        { provisions: provisions.map((id) => ({ id })) },
        who.programme,
      );
      for (const p of onTime) await world.send(PROGRAMME, ready(p), who.programme);
    }),
    step('2019-02-04T09:00:00Z', 'criteria advised and fixed', async (world) => {
      for (const p of onTime) await criteria(world, p);
    }),
    step('2019-04-01T09:00:00Z', 'eight verdicts per provision; one rejected', async (world) => {
      for (const p of onTime) {
        await verdicts(world, p, p === REPAIRED ? 'Zoekfunctie te traag' : undefined);
      }
    }),
    step('2019-04-24T09:00:00Z', `repair of ${REPAIRED} delivered`, (world) =>
      world
        .send(
          run(REPAIRED),
          {
            type: 'REPAIR_DELIVERED',
            summary: 'Zoekindex herbouwd',
            developmentCostCents: 1_250_000,
          },
          who.developer,
        )
        .then(() => undefined),
    ),
    step('2019-05-06T09:00:00Z', `${REPAIRED} resubmitted and judged again`, async (world) => {
      await world.send(run(REPAIRED), { type: 'RESUBMIT', note: 'Hersteld' }, who.programme);
      const base = {
        type: 'VERDICT',
        assessment: 'readyForUse',
        outcome: 'positive',
        findings: '',
      };
      await world.send(run(REPAIRED), base, who.ogb('rijk'));
      await world.send(run(REPAIRED), base, who.tbo);
    }),
    step('2019-06-03T09:00:00Z', 'provisional acceptance and transfer', async (world) => {
      for (const p of onTime.filter((p) => p !== REPAIRED)) await deliver(world, p);
    }),
    step('2019-06-30T09:00:00Z', `${REPAIRED} accepted and transferred`, (world) =>
      deliver(world, REPAIRED),
    ),
  ];
  if (late !== 'none') {
    steps.push(
      step('2019-07-08T09:00:00Z', `${late} reported ready late`, async (world) => {
        await world.send(PROGRAMME, ready(late), who.programme);
        await criteria(world, late);
      }),
      step('2019-08-12T09:00:00Z', `${late} judged, accepted and transferred`, async (world) => {
        await verdicts(world, late);
        await deliver(world, late);
      }),
    );
  }
  steps.push(
    step('2019-09-16T09:00:00Z', 'phase 2: definitive acceptance', async (world) => {
      for (const p of provisions) await phase2(world, p);
    }),
    step('2019-11-18T10:00:00Z', 'DSO-LV as a whole accepted: discharge', async (world) => {
      await world.viewWhen(
        PROGRAMME,
        (v) => v.state.includes('acceptance.phase2.whole'),
        'the whole',
      );
      await world.send(PROGRAMME, { type: 'DEFINITIVELY_ACCEPT_WHOLE', note: '' }, who.ogb('rijk'));
      await world.send(PROGRAMME, { type: 'DEFINITIVELY_ACCEPT_WHOLE', note: '' }, who.tbo);
    }),
    step('2020-09-14T09:00:00Z', 'acceptance protocol for extensions proposed', (world) =>
      world
        .send(
          PROGRAMME,
          { type: 'EXTENSION_PROTOCOL_PROPOSED', summary: 'Acceptatieprotocol uitbouw' },
          who.tbo,
        )
        .then(() => undefined),
    ),
  );
  return steps;
}
