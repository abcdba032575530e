import type { AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../../machines/actors';
import { reselectionDefinition } from '../../machines/reselection/definition';
import { statePaths } from '../../workflows/snapshot-reading';
import { ogbMember, sbo } from '../helpers/decision-actors';
import { machineDriver } from '../helpers/machine-driver';
import { oboOf } from '../helpers/organisation-actors';
import { proposal } from '../helpers/reselection-script';

const at = '2022-03-01T09:00:00.000Z';
const system: Actor = { id: 'temporal', role: 'system' };

const driver = machineDriver(reselectionDefinition, at, sbo);
const start = () => driver.start({});
const { event, send } = driver;
function prepared(vng: 'VNG_JOINS_SELECTION' | 'VNG_STAYS_OUT'): AnyMachineSnapshot {
  let s = start();
  s = send(s, { type: 'APPROACH_AGREED' }, ogbMember('rijk'));
  s = send(s, { type: vng }, ogbMember('vng'));
  s = send(s, { type: 'RULES_FIXED', rules: 'r', criteria: 'c' }, ogbMember('ipo'));
  s = send(s, { type: 'EVALUATION_COMPLETED', findings: 'f', taskDivision: 't' }, sbo);
  const budget = { type: 'BUDGET_EVALUATION_COMPLETED', yearlyBudgetCents: 1, period: '2024-2027' };
  return send(s, { ...budget, findings: '' }, sbo);
}
function consented(): AnyMachineSnapshot {
  let s = send(prepared('VNG_STAYS_OUT'), proposal, sbo);
  for (const organisation of ['Kadaster', 'Geonovum', 'KOOP']) {
    s = send(s, { type: 'CONSENT', organisation, consents: true }, oboOf(organisation));
  }
  return s;
}
const childDone = (status: 'completed' | 'failed', outcome?: string) => ({
  type: 'CHILD_DONE',
  key: 'ogb',
  kind: 'decision',
  childId: 'decision:reselection-2024-2028-ogb',
  status,
  output: outcome
    ? {
        outcome,
        body: 'ogb',
        subject: 's',
        postponed: false,
        positions: [],
        boundAbsent: [],
        decidedAt: at,
      }
    : { message: 'terminated' },
});

describe('re-selection machine', () => {
  test('the defaults are the seed’s dates for the 2022 re-selection', () => {
    const input = reselectionDefinition.input.parse({});
    expect(input).toMatchObject({
      nextTerm: { from: 2024, to: 2028 },
      ogbDecisionDue: '2022-09-30T22:00:00.000Z',
      boRatificationDue: '2022-10-31T23:00:00.000Z',
      termStart: '2023-12-31T23:00:00.000Z',
    });
  });

  test('the evaluation waits for the agreed approach; selection waits for all of the preparation', () => {
    const s = start();
    expect(
      s.can(event({ type: 'EVALUATION_COMPLETED', findings: 'f', taskDivision: 't' }, sbo)),
    ).toBe(false);
    expect(s.can(event(proposal, sbo))).toBe(false);
    expect(statePaths(prepared('VNG_STAYS_OUT'))).toEqual([
      'untilRatification.untilOgbDecision.selection.proposing',
    ]);
  });

  test('the VNG is asked for the TBO role only when it joined the selection, and only once', () => {
    expect(prepared('VNG_STAYS_OUT').can(event({ type: 'ASK_VNG_FOR_TBO_ROLE' }, sbo))).toBe(false);
    let s = send(prepared('VNG_JOINS_SELECTION'), { type: 'ASK_VNG_FOR_TBO_ROLE' }, sbo);
    s = send(s, { type: 'VNG_ANSWERS', accepts: false }, ogbMember('vng'));
    expect(s.can(event({ type: 'ASK_VNG_FOR_TBO_ROLE' }, sbo))).toBe(false);
  });

  test('consent is recorded once per organisation of the current proposal; an organisation that is TBO and OBO consents once', () => {
    const s = send(prepared('VNG_STAYS_OUT'), proposal, sbo);
    expect(
      s.can(event({ type: 'CONSENT', organisation: 'Logius', consents: true }, oboOf('Logius'))),
    ).toBe(false);
    const once = send(
      s,
      { type: 'CONSENT', organisation: 'Kadaster', consents: true },
      oboOf('Kadaster'),
    );
    expect(
      once.can(
        event({ type: 'CONSENT', organisation: 'Kadaster', consents: true }, oboOf('Kadaster')),
      ),
    ).toBe(false);
    const all = send(
      send(once, { type: 'CONSENT', organisation: 'Geonovum', consents: true }, oboOf('Geonovum')),
      { type: 'CONSENT', organisation: 'KOOP', consents: true },
      oboOf('KOOP'),
    );
    expect(statePaths(all)).toEqual(['untilRatification.untilOgbDecision.ogbDecision']);
    expect(reselectionDefinition.children?.(all)).toEqual([
      expect.objectContaining({ key: 'ogb', kind: 'decision' }),
    ]);
  });

  test('no consensus asks for escalation; a failed decision process asks for attention and can be started again', () => {
    const s = consented();
    const rejected = send(s, childDone('completed', 'rejected'), system);
    expect(statePaths(rejected)).toEqual(['untilRatification.untilOgbDecision.ogbEscalation']);
    expect(rejected.hasTag('escalated')).toBe(true);
    expect(reselectionDefinition.children?.(rejected)).toEqual([
      expect.objectContaining({
        key: 'escalation-ogb',
        kind: 'escalation',
        input: expect.objectContaining({
          disputeKey: 'reselection-2024-2028-ogb',
          origin: 'ogb-consensus',
        }),
      }),
    ]);
    const resolved = send(
      rejected,
      {
        type: 'CHILD_DONE',
        key: 'escalation-ogb',
        kind: 'escalation',
        childId: 'escalation:reselection-2024-2028-ogb',
        status: 'completed',
        output: {
          resolution: { rung: 'bo', outcome: 'Akkoord na consultatie', upholdsProposal: true },
        },
      },
      system,
    );
    expect(statePaths(resolved)).toEqual(['untilRatification.boRatification']);
    expect(resolved.context).toMatchObject({ escalation: { outcome: 'Akkoord na consultatie' } });
    expect(reselectionDefinition.children?.(resolved)[0]?.input).toMatchObject({
      proposal: expect.stringMatching(/Uitkomst escalatie: Akkoord na consultatie$/),
    });
    // An outcome that does not uphold the proposal sends the SBO back to propose again.
    const overturned = send(
      rejected,
      {
        type: 'CHILD_DONE',
        key: 'escalation-ogb',
        kind: 'escalation',
        childId: 'escalation:reselection-2024-2028-ogb',
        status: 'completed',
        output: { resolution: { rung: 'court', outcome: 'Andere TBO', upholdsProposal: false } },
      },
      system,
    );
    expect(statePaths(overturned)).toEqual([
      'untilRatification.untilOgbDecision.selection.proposing',
    ]);
    expect(overturned.context).toMatchObject({ attempts: { ogb: 2, bo: 2 } });
    // A failed escalation process is started again, not the OGB decision.
    const failedEscalation = send(
      rejected,
      {
        type: 'CHILD_DONE',
        key: 'escalation-ogb',
        kind: 'escalation',
        childId: 'escalation:reselection-2024-2028-ogb',
        status: 'failed',
        output: {},
      },
      system,
    );
    expect(statePaths(failedEscalation)).toEqual([
      'untilRatification.untilOgbDecision.ogbEscalationFailed',
    ]);
    const again = send(failedEscalation, { type: 'RETRY_ESCALATION' }, sbo);
    expect(reselectionDefinition.children?.(again)).toEqual([
      expect.objectContaining({ key: 'escalation-ogb-e2', kind: 'escalation' }),
    ]);
    const failed = send(s, childDone('failed'), system);
    expect(statePaths(failed)).toEqual(['untilRatification.untilOgbDecision.ogbDecisionFailed']);
    expect(failed.hasTag('needsAttention')).toBe(true);
    const retried = send(failed, { type: 'RETRY_DECISION' }, sbo);
    expect(reselectionDefinition.children?.(retried)).toEqual([
      expect.objectContaining({
        key: 'ogb-2',
        input: expect.objectContaining({ decisionKey: 'reselection-2024-2028-ogb-2' }),
      }),
    ]);
  });

  test('deadlines keep running while a decision is escalated or failed', () => {
    const rejected = send(consented(), childDone('completed', 'rejected'), system);
    const meta = rejected.getMeta() as Record<string, { deadline?: string }>;
    expect(Object.values(meta).map((m) => m.deadline)).toEqual(
      expect.arrayContaining(['ogbDecision', 'boRatification']),
    );
  });

  test('a VNG that has not joined when the rules are fixed stays out; the SBO need not wait for its answer', () => {
    let s = send(start(), { type: 'RULES_FIXED', rules: 'r', criteria: 'c' }, ogbMember('ipo'));
    expect((s.context as { vng: { joins: boolean | null } }).vng.joins).toBe(false);
    s = send(prepared('VNG_JOINS_SELECTION'), { type: 'ASK_VNG_FOR_TBO_ROLE' }, sbo);
    s = send(s, proposal, sbo);
    expect(statePaths(s)).toEqual(['untilRatification.untilOgbDecision.selection.consent']);
  });
});

describe('re-selection input', () => {
  test('a later term gets the same calendar two years before it starts', () => {
    const input = reselectionDefinition.input.parse({ currentTerm: { from: 2024, to: 2028 } });
    expect(input).toMatchObject({
      nextTerm: { from: 2029, to: 2033 },
      rulesDue: '2027-06-30T22:00:00.000Z',
      ogbMeetingDate: '2027-09-15',
      boRatificationDue: '2027-10-31T23:00:00.000Z',
      termStart: '2028-12-31T23:00:00.000Z',
    });
  });

  test('terms and dates out of order are refused, each naming its field', () => {
    const result = reselectionDefinition.input.safeParse({
      nextTerm: { from: 2024, to: 2024 },
      ogbDecisionDue: '2022-12-01',
      termStart: '2025-01-01',
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['nextTerm.to', 'a term lasts five years (§6.4)'],
      ['termStart', 'the term starts in 2024'],
      ['boMeetingDate', 'must come after ogbDecisionDue'],
    ]);
  });
});
