import type { AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../../machines/actors';
import { pcCycleDefinition } from '../../machines/pc-cycle/definition';
import { AUTUMN_MEETING_RULE, type PcCycleContext } from '../../machines/pc-cycle/types';
import { initialTransition, transition } from 'xstate';
import { statePaths } from '../../workflows/snapshot-reading';
import { boMember, ogbMember, sbo } from '../helpers/decision-actors';
import { machineDriver } from '../helpers/machine-driver';

const at = '2021-02-01T09:00:00.000Z';
const system: Actor = { id: 'temporal', role: 'system' };
const tbo: Actor = { id: 'tbo', role: 'tbo' };
const obo: Actor = { id: 'obo', role: 'obo' };
const driver = machineDriver(pcCycleDefinition, at, sbo);
const { send, event } = driver;
const start = () => driver.start({ year: 2021, operationalOrganisations: ['Kadaster'] });
const ctx = (s: AnyMachineSnapshot) => s.context as PcCycleContext;
const submit = (document: string, extra: Record<string, unknown> = {}) => ({
  type: 'SUBMIT_DOCUMENT',
  document,
  summary: `${document} 2021`,
  ...extra,
});
const childDone = (key: string, kind: string, output: unknown) => ({
  type: 'CHILD_DONE',
  key,
  kind,
  childId: `${kind}:${key}`,
  status: 'completed',
  output,
});

describe('P&C cycle machine', () => {
  test('defaults: spring and autumn due by the end of the first OGB meeting from 1 April and 1 October', () => {
    const s = start();
    expect(ctx(s).dues).toMatchObject({
      springDue: '2021-04-15T22:00:00.000Z',
      autumnDue: '2021-10-15T22:00:00.000Z',
      progressDues: ['2021-06-30T22:00:00.000Z', '2021-12-31T23:00:00.000Z'],
    });
    expect(pcCycleDefinition.publicContext(s).ogbMeetings).toEqual([
      '2021-01-15',
      '2021-04-15',
      '2021-07-15',
      '2021-10-15',
    ]);
  });

  test('spring: each level drafts its own accounts; the OGB Beheer discusses; the BO only after the SBO reported', () => {
    let s = start();
    expect(s.can(event({ type: 'BO_ACCOUNTABILITY_DISCUSSED' }, boMember('rijk')))).toBe(false);
    expect(
      s.can(event({ type: 'ACCOUNTS_DISCUSSED', document: 'sboAccounts' }, ogbMember('vng'))),
    ).toBe(false);
    s = send(s, submit('sboAccounts'), sbo);
    s = send(s, { type: 'ACCOUNTS_DISCUSSED', document: 'sboAccounts' }, ogbMember('vng'));
    expect(statePaths(s)).toContain('sboAccounts.discussed');
    s = send(s, { type: 'BO_ACCOUNTABILITY_DISCUSSED' }, boMember('rijk'));
    expect(statePaths(s)).toContain('boAccountability.discussed');
    s = send(s, { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Kadaster' }, obo);
    expect(s.can(event({ type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Onbekend' }, obo))).toBe(
      false,
    );
    s = send(s, { type: 'OBO_ACCOUNTS_DISCUSSED', organisation: 'Kadaster' }, tbo);
    expect(statePaths(s)).toContain('oboAccounts.discussed');
  });

  test('autumn: the strategic plan goes to a consensus decision at the autumn meeting; adopted ends the region', () => {
    // Submitted on 1 February: decided "in het najaar" (§6.2), at the first meeting from 1 October.
    let s = send(start(), submit('strategicPlan'), sbo);
    expect(statePaths(s)).toContain('strategicPlan.ogbDecision');
    expect(pcCycleDefinition.children?.(s)).toEqual([
      {
        key: 'strategicPlan-1',
        kind: 'decision',
        input: expect.objectContaining({
          decisionKey: 'pc-2021-strategisch-plan-1',
          body: 'ogb',
          meetingDate: '2021-10-15',
        }),
      },
    ]);
    s = send(s, childDone('strategicPlan-1', 'decision', { outcome: 'adopted' }), system);
    expect(statePaths(s)).toContain('strategicPlan.adopted');
    expect(ctx(s).documents.strategicPlan.concluded?.note).toBe('consensus in het OGB Beheer');
  });

  test('no consensus on the TBO plan: escalation; an outcome that does not uphold it sends it back to be drafted again', () => {
    let s = send(
      start(),
      submit('tboPlan', { tacticalCents: 300_000_000, operationalCents: 2_000_000_000 }),
      tbo,
    );
    expect(ctx(s).tboBudget).toEqual({
      tacticalCents: 300_000_000,
      operationalCents: 2_000_000_000,
    });
    s = send(s, childDone('tboPlan-1', 'decision', { outcome: 'rejected' }), system);
    expect(statePaths(s)).toContain('tboPlan.escalated');
    expect(pcCycleDefinition.children?.(s)).toEqual([
      expect.objectContaining({ key: 'escalation-tboPlan-1', kind: 'escalation' }),
    ]);
    // A stray end of another child does not move this region.
    expect(s.can(event(childDone('strategicPlan-1', 'decision', {}), system))).toBe(false);
    s = send(
      s,
      childDone('escalation-tboPlan-1', 'escalation', {
        resolution: { outcome: 'Herzien', upholdsProposal: false },
      }),
      system,
    );
    expect(statePaths(s)).toContain('tboPlan.drafting');
    expect(ctx(s).documents.tboPlan.attempt).toBe(2);
    s = send(s, submit('tboPlan', { tacticalCents: 1, operationalCents: 2 }), tbo);
    s = send(s, childDone('tboPlan-2', 'decision', { outcome: 'adopted' }), system);
    expect(statePaths(s)).toContain('tboPlan.sboAdoption');
    s = send(s, { type: 'TBO_PLAN_ADOPTED' }, sbo);
    expect(statePaths(s)).toContain('tboPlan.adopted');
  });

  test('a decision or escalation run that fails decided nothing: the plan waits for a retry, which starts a new run', () => {
    let s = send(start(), submit('strategicPlan'), sbo);
    const failed = { ...childDone('strategicPlan-1', 'decision', null), status: 'failed' };
    s = send(s, failed, system);
    expect(statePaths(s)).toContain('strategicPlan.decisionFailed');
    expect(s.hasTag('needsAttention')).toBe(true);
    expect(pcCycleDefinition.children?.(s)).toEqual([]);
    s = send(s, { type: 'RETRY_CHILD', plan: 'strategicPlan' }, sbo);
    expect(statePaths(s)).toContain('strategicPlan.ogbDecision');
    expect(ctx(s).documents.strategicPlan.submitted?.summary).toBe('strategicPlan 2021');
    expect(pcCycleDefinition.children?.(s)).toEqual([
      expect.objectContaining({ key: 'strategicPlan-2' }),
    ]);
    s = send(s, childDone('strategicPlan-2', 'decision', { outcome: 'rejected' }), system);
    const brokenLadder = {
      ...childDone('escalation-strategicPlan-2', 'escalation', null),
      status: 'failed',
    };
    s = send(s, brokenLadder, system);
    expect(statePaths(s)).toContain('strategicPlan.escalationFailed');
    s = send(s, { type: 'RETRY_CHILD', plan: 'strategicPlan' }, sbo);
    expect(pcCycleDefinition.children?.(s)).toEqual([
      expect.objectContaining({ key: 'escalation-strategicPlan-3', kind: 'escalation' }),
    ]);
  });

  test('a TBO plan sent back loses its budget; the redraft brings its own', () => {
    let s = send(start(), submit('tboPlan', { tacticalCents: 5, operationalCents: 6 }), tbo);
    s = send(s, childDone('tboPlan-1', 'decision', { outcome: 'rejected' }), system);
    s = send(
      s,
      childDone('escalation-tboPlan-1', 'escalation', {
        resolution: { outcome: 'Opnieuw', upholdsProposal: false },
      }),
      system,
    );
    expect(ctx(s).tboBudget).toBeNull();
  });

  test('only the level that drafts a document submits it; the TBO budget must be earmarked', () => {
    const s = start();
    expect(
      pcCycleDefinition.events.SUBMIT_DOCUMENT?.authorise?.(s, tbo, submit('sboAccounts')),
    ).toEqual({ rule: 'wrong-role', reason: 'the sbo drafts this document' });
    expect(
      pcCycleDefinition.events.SUBMIT_DOCUMENT?.payload.safeParse(submit('tboPlan')).success,
    ).toBe(false);
  });

  test('the whole cycle ends when every region is done; the view shows what each government pays', () => {
    let s = start();
    s = send(s, submit('sboAccounts'), sbo);
    s = send(s, submit('tboAccounts'), tbo);
    for (const document of ['sboAccounts', 'tboAccounts']) {
      s = send(s, { type: 'ACCOUNTS_DISCUSSED', document }, ogbMember('vng'));
    }
    s = send(s, { type: 'BO_ACCOUNTABILITY_DISCUSSED' }, boMember('rijk'));
    s = send(s, { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Kadaster' }, obo);
    s = send(s, { type: 'OBO_ACCOUNTS_DISCUSSED', organisation: 'Kadaster' }, tbo);
    s = send(s, submit('strategicPlan'), sbo);
    s = send(s, childDone('strategicPlan-1', 'decision', { outcome: 'adopted' }), system);
    s = send(s, submit('tboPlan', { tacticalCents: 1, operationalCents: 2 }), tbo);
    s = send(s, childDone('tboPlan-1', 'decision', { outcome: 'adopted' }), system);
    s = send(s, { type: 'TBO_PLAN_ADOPTED' }, sbo);
    const plan = { organisation: 'Kadaster', summary: 'Werkplan', budgetCents: 900_000_000 };
    s = send(s, { type: 'OBO_PLAN_SUBMITTED', ...plan }, obo);
    s = send(
      s,
      { type: 'OBO_BUDGET_FIXED', organisation: 'Kadaster', budgetCents: 850_000_000 },
      tbo,
    );
    s = send(s, { type: 'PROGRESS_DISCUSSED' }, ogbMember('ipo'));
    expect(s.status).toBe('active');
    s = send(s, { type: 'DEADLINE_PASSED', deadline: 'progress2' }, system);
    s = send(s, { type: 'PROGRESS_DISCUSSED' }, ogbMember('ipo'));
    expect(s.status).toBe('done');
    expect(ctx(s).overdue).toEqual(['progress2']);
    expect(ctx(s).obos[0]?.fixedBudget?.budgetCents).toBe(850_000_000);
    const figures = { year: 2021, wageIndexBp: 200, priceIndexBp: 100, wageWeightBp: 5000 };
    const view = pcCycleDefinition.publicContext(
      send(start(), { type: 'INDICES_PUBLISHED', figures }, sbo),
    );
    expect(view.contributions).toMatchObject({
      thisYear: { year: 2021, missingIndexYears: [2020] },
      nextYear: { year: 2022, missingIndexYears: [2020, 2022] },
    });
  });

  describe('"In het najaar wordt het strategisch beheerplan en de begroting voor het volgend jaar vastgesteld" (§6.2)', () => {
    const meetingOf = (s: AnyMachineSnapshot, plan: string) =>
      (pcCycleDefinition.children?.(s) ?? []).find((c) => c.key === `${plan}-1`)?.input as
        { meetingDate: string } | undefined;
    test('a cycle run ahead of its year decides its plans in its own autumn, not at the next meeting in real time', () => {
      // The 2061 cycle (plans for 2062), both plans submitted in 2021: decided on 15 October 2061.
      let s = driver.start({ year: 2061, operationalOrganisations: ['Kadaster'] });
      s = send(s, submit('strategicPlan'), sbo);
      s = send(s, submit('tboPlan', { tacticalCents: 1, operationalCents: 2 }), tbo);
      expect(meetingOf(s, 'strategicPlan')?.meetingDate).toBe('2061-10-15');
      expect(meetingOf(s, 'tboPlan')?.meetingDate).toBe('2061-10-15');
    });

    test('the autumn follows the cycle’s own calendar; a plan submitted after the autumn meeting goes to the next one', () => {
      let s = driver.start({
        year: 2021,
        operationalOrganisations: ['Kadaster'],
        ogbMeetings: ['2021-09-23', '2021-10-28', '2021-12-09'],
      });
      s = send(s, submit('strategicPlan'), sbo);
      // September is before the autumn the cycle counts from (1 October, as its autumn deadline).
      expect(meetingOf(s, 'strategicPlan')?.meetingDate).toBe('2021-10-28');
      const late = transitionAt(s, '2021-11-02T09:00:00.000Z');
      expect(meetingOf(late, 'tboPlan')?.meetingDate).toBe('2021-12-09');
    });

    test('a run started before the revision keeps the first meeting on or after submission', () => {
      const input = pcCycleDefinition.input.parse({
        year: 2021,
        operationalOrganisations: ['Kadaster'],
      });
      let [s] = initialTransition(
        pcCycleDefinition.machine,
        pcCycleDefinition.machineInput(input, {
          actor: sbo,
          at,
          olderRules: [AUTUMN_MEETING_RULE],
        }),
      );
      s = send(s, submit('strategicPlan'), sbo);
      expect(meetingOf(s, 'strategicPlan')?.meetingDate).toBe('2021-04-15');
    });
  });

  describe('refusals that say the rule', () => {
    const refusal = (s: AnyMachineSnapshot, type: string, actor: Actor, payload: object) =>
      pcCycleDefinition.events[type]?.authorise?.(s, actor, payload as Record<string, unknown>);

    test('"de door de operationele beheerorganisatie opgestelde rekening en verantwoording … met tactische beheerorganisatie besproken" (§6.5): an organisation the cycle does not have is not in it (400, naming the field)', () => {
      const s = start();
      for (const [type, actor] of [
        ['OBO_ACCOUNTS_SUBMITTED', obo],
        ['OBO_ACCOUNTS_DISCUSSED', tbo],
        ['OBO_PLAN_SUBMITTED', obo],
        ['OBO_BUDGET_FIXED', tbo],
      ] as const) {
        expect(refusal(s, type, actor, { organisation: 'Geonovum' })).toEqual({
          rule: 'not-in-proposal',
          field: 'organisation',
          reason:
            'Geonovum is geen operationele beheerorganisatie van de P&C-cyclus 2021 (wel: Kadaster) / ' +
            'Geonovum is not an operational organisation of the 2021 P&C cycle (it has: Kadaster)',
        });
      }
      expect(
        refusal(s, 'OBO_ACCOUNTS_SUBMITTED', obo, { organisation: 'Kadaster' }),
      ).toBeUndefined();
      // Named by its id, as acting-for reads it: the cycle's own Kadaster.
      expect(
        refusal(s, 'OBO_ACCOUNTS_SUBMITTED', obo, { organisation: 'kadaster' }),
      ).toBeUndefined();
      const after = send(s, { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'kadaster' }, obo);
      expect(ctx(after).obos[0]?.accountsSubmitted).toMatchObject({ by: 'obo' });
    });

    test('a step before its earlier step is missing-earlier-step, with the step it waits for', () => {
      let s = start();
      expect(refusal(s, 'OBO_ACCOUNTS_DISCUSSED', tbo, { organisation: 'Kadaster' })).toMatchObject(
        {
          rule: 'missing-earlier-step',
          reason: expect.stringContaining('Kadaster has not submitted its accounts yet') as string,
        },
      );
      expect(refusal(s, 'OBO_BUDGET_FIXED', tbo, { organisation: 'Kadaster' })).toMatchObject({
        rule: 'missing-earlier-step',
        reason: expect.stringContaining('has not submitted its work plan and budget yet') as string,
      });
      expect(
        refusal(s, 'ACCOUNTS_DISCUSSED', ogbMember('vng'), { document: 'tboAccounts' }),
      ).toMatchObject({
        rule: 'missing-earlier-step',
        reason: expect.stringContaining('the TBO has not submitted') as string,
      });
      expect(refusal(s, 'BO_ACCOUNTABILITY_DISCUSSED', boMember('rijk'), {})).toMatchObject({
        rule: 'missing-earlier-step',
        reason: expect.stringContaining('the SBO has not submitted') as string,
      });
      expect(refusal(s, 'TBO_PLAN_ADOPTED', sbo, {})).toMatchObject({
        rule: 'missing-earlier-step',
        reason: expect.stringContaining('must first reach consensus') as string,
      });
      s = send(s, submit('tboPlan', { tacticalCents: 1, operationalCents: 2 }), tbo);
      s = send(s, childDone('tboPlan-1', 'decision', { outcome: 'adopted' }), system);
      expect(refusal(s, 'TBO_PLAN_ADOPTED', sbo, {})).toBeUndefined();
      s = send(s, submit('sboAccounts'), sbo);
      expect(refusal(s, 'BO_ACCOUNTABILITY_DISCUSSED', boMember('rijk'), {})).toBeUndefined();
    });
  });
});

/** The TBO submits its plan at another moment than the driver's. */
function transitionAt(s: AnyMachineSnapshot, when: string): AnyMachineSnapshot {
  const e = {
    ...submit('tboPlan', { tacticalCents: 1, operationalCents: 2 }),
    note: '',
    actor: tbo,
    at: when,
  };
  expect(s.can(e as never)).toBe(true);
  return transition(pcCycleDefinition.machine, s, e as never)[0];
}
