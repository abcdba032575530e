import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../../machines/actors';
import { reselectionDefinition } from '../../machines/reselection/definition';
import { CONSENSUS_PREPARATION } from '../../machines/reselection/revisions';
import { statePaths, waitedOnDeadlines } from '../../workflows/snapshot-reading';
import { ogbMember, sbo } from '../helpers/decision-actors';
import { machineDriver } from '../helpers/machine-driver';
import { oboOf } from '../helpers/organisation-actors';
import { proposal } from '../helpers/reselection-script';

const at = '2022-03-01T09:00:00.000Z';
const system: Actor = { id: 'temporal', role: 'system' };

const driver = machineDriver(reselectionDefinition, at, sbo);
const start = () => driver.start({});
const { event, send } = driver;
/** The end of a decision child, as the host reports it. */
const decisionDone = (key: string, outcome: 'adopted' | 'rejected' | 'failed') => ({
  type: 'CHILD_DONE',
  key,
  kind: 'decision',
  childId: `decision:reselection-2024-2028-${key}`,
  ...(outcome === 'failed'
    ? { status: 'failed', output: { message: 'terminated' } }
    : {
        status: 'completed',
        output: {
          outcome,
          body: 'ogb',
          subject: 's',
          postponed: false,
          positions: [],
          boundAbsent: [],
          decidedAt: '2022-04-01T10:00:00.000Z',
        },
      }),
});
const evaluate = (s: AnyMachineSnapshot) => {
  s = send(s, { type: 'EVALUATION_COMPLETED', findings: 'f', taskDivision: 't' }, sbo);
  const budget = { type: 'BUDGET_EVALUATION_COMPLETED', yearlyBudgetCents: 1, period: '2024-2027' };
  return send(s, { ...budget, findings: '' }, sbo);
};
/** The approach and the rules adopted by the OGB Beheer's consensus, as its `decision` children. */
function agreedAndFixed(s: AnyMachineSnapshot): AnyMachineSnapshot {
  s = send(s, { type: 'APPROACH_PROPOSED', note: 'Extern bureau' }, ogbMember('rijk'));
  s = send(s, decisionDone('approach', 'adopted'), system);
  s = send(s, { type: 'RULES_PROPOSED', rules: 'r', criteria: 'c' }, ogbMember('ipo'));
  return send(s, decisionDone('rules', 'adopted'), system);
}
function prepared(vng: 'VNG_JOINS_SELECTION' | 'VNG_STAYS_OUT'): AnyMachineSnapshot {
  const s = send(start(), { type: vng }, ogbMember('vng'));
  return evaluate(agreedAndFixed(s));
}
/** A run that started before the consensus rules: one member's event decided for the body. */
function olderRun(): AnyMachineSnapshot {
  const input = reselectionDefinition.input.parse({});
  return initialTransition(reselectionDefinition.machine, {
    input,
    olderRules: [CONSENSUS_PREPARATION],
  })[0];
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

  test('the SBO need not wait for the VNG’s answer on the TBO role', () => {
    let s = send(prepared('VNG_JOINS_SELECTION'), { type: 'ASK_VNG_FOR_TBO_ROLE' }, sbo);
    s = send(s, proposal, sbo);
    expect(statePaths(s)).toEqual(['untilRatification.untilOgbDecision.selection.consent']);
  });
});

const refusalOf = (type: string, s: AnyMachineSnapshot, payload: object, actor: Actor) =>
  reselectionDefinition.events[type]?.authorise?.(s, actor, { ...payload });
const contextOf = (s: AnyMachineSnapshot) =>
  s.context as {
    rules: { decisionId?: string } | null;
    approach: { decisionId?: string } | null;
    rejectedDrafts: { topic: string; outcome: string }[];
    vng: { joins: boolean | null };
  };

describe('the OGB Beheer decides its preparation by consensus', () => {
  // §6.4: "de spelregels en criteria medio 2022 vastgesteld worden door het OGB Beheer"; §6.2:
  // "Besluitvorming in het OGB Beheer gebeurt … bij consensus".
  test('one member’s RULES_FIXED no longer fixes the rules: a draft goes to a consensus decision of the OGB Beheer', () => {
    const s = start();
    const fixed = { type: 'RULES_FIXED', rules: 'r', criteria: 'c' };
    expect(s.can(event(fixed, ogbMember('ipo')))).toBe(false);
    expect(refusalOf('RULES_FIXED', s, fixed, ogbMember('ipo'))).toMatchObject({
      rule: 'wrong-role',
      reason: expect.stringMatching(/bij consensus \(§6\.2\), niet één lid/),
    });
    let d = send(s, { type: 'RULES_PROPOSED', rules: 'r', criteria: 'c' }, ogbMember('ipo'));
    d = send(d, { type: 'APPROACH_PROPOSED', note: 'Extern bureau' }, ogbMember('rijk'));
    // Both drafts are on the table at once, each its own decision child of the OGB Beheer.
    expect(reselectionDefinition.children?.(d)).toEqual([
      expect.objectContaining({
        key: 'approach',
        kind: 'decision',
        input: expect.objectContaining({
          body: 'ogb',
          decisionKey: 'reselection-2024-2028-approach',
          proposal: 'Extern bureau',
          meetingDate: '2022-03-01',
        }),
      }),
      expect.objectContaining({
        key: 'rules',
        input: expect.objectContaining({
          subject: 'Spelregels en criteria selectie TBO en OBO’s 2024–2028',
          proposal: 'Spelregels: r\nCriteria: c',
        }),
      }),
    ]);
    // The rules' deadline runs on while the OGB Beheer decides.
    expect(waitedOnDeadlines(d).has('rules')).toBe(true);
    // No consensus: the draft is off the table; a new one gets a new decision.
    const rejected = send(d, decisionDone('rules', 'rejected'), system);
    expect(contextOf(rejected)).toMatchObject({
      rules: null,
      rejectedDrafts: [{ topic: 'rules', outcome: 'rejected' }],
    });
    const again = send(
      rejected,
      { type: 'RULES_PROPOSED', rules: 'r2', criteria: 'c' },
      ogbMember('ipo'),
    );
    expect(reselectionDefinition.children?.(again).map((c) => c.key)).toEqual([
      'approach',
      'rules-2',
    ]);
    const adopted = send(
      send(again, decisionDone('rules-2', 'adopted'), system),
      decisionDone('approach', 'adopted'),
      system,
    );
    expect(contextOf(adopted)).toMatchObject({
      rules: { decisionId: 'decision:reselection-2024-2028-rules-2' },
      approach: { decisionId: 'decision:reselection-2024-2028-approach' },
    });
    expect(statePaths(adopted)).toEqual(
      expect.arrayContaining([
        'untilRatification.untilOgbDecision.preparation.rules.fixed',
        'untilRatification.untilOgbDecision.preparation.approach.agreed',
      ]),
    );
  });

  test('a run that started before the consensus rules keeps them: one member fixes the rules and an undecided VNG stays out', () => {
    let s = send(olderRun(), { type: 'APPROACH_AGREED' }, ogbMember('rijk'));
    expect(
      s.can(event({ type: 'RULES_PROPOSED', rules: 'r', criteria: 'c' }, ogbMember('ipo'))),
    ).toBe(false);
    expect(refusalOf('RULES_FIXED', s, {}, ogbMember('ipo'))).toBeUndefined();
    s = send(s, { type: 'RULES_FIXED', rules: 'r', criteria: 'c' }, ogbMember('ipo'));
    expect(contextOf(s).vng.joins).toBe(false);
  });
});

describe('the VNG’s option', () => {
  // §8.2: "Bij de evaluatie wordt de mogelijkheid open gehouden dat het collectief van gemeenten
  // (via de VNG) besluit mee te doen in het selectieproces".
  test('stays open after the rules are fixed, through the evaluation, until the SBO’s proposal', () => {
    let s = agreedAndFixed(start());
    expect(contextOf(s).vng.joins).toBeNull();
    expect(s.can(event({ type: 'VNG_JOINS_SELECTION' }, ogbMember('vng')))).toBe(true);
    s = evaluate(s);
    expect(statePaths(s)).toEqual(['untilRatification.untilOgbDecision.selection.proposing']);
    expect(refusalOf('ASK_VNG_FOR_TBO_ROLE', s, {}, sbo)).toMatchObject({
      rule: 'missing-earlier-step',
    });
    const joined = send(s, { type: 'VNG_JOINS_SELECTION' }, ogbMember('vng'));
    expect(contextOf(joined).vng.joins).toBe(true);
    expect(joined.can(event({ type: 'ASK_VNG_FOR_TBO_ROLE' }, sbo))).toBe(true);
    // Not joined by the proposal: it stays out of this selection.
    const proposed = send(s, proposal, sbo);
    expect(contextOf(proposed).vng.joins).toBe(false);
    expect(proposed.can(event({ type: 'VNG_JOINS_SELECTION' }, ogbMember('vng')))).toBe(false);
  });
});

describe('refusals that say the rule', () => {
  test('consent from an organisation not in the proposal is not-in-proposal; steps before their turn are missing-earlier-step', () => {
    const s = send(prepared('VNG_STAYS_OUT'), proposal, sbo);
    const logius = { organisation: 'Logius', consents: true };
    expect(refusalOf('CONSENT', s, logius, oboOf('Logius'))).toEqual({
      rule: 'not-in-proposal',
      // The field it names: a 400 lists it in `errors`.
      field: 'organisation',
      reason:
        'Logius staat niet in het voorstel van de SBO (Kadaster, Geonovum, KOOP); alleen de betrokken organisaties stemmen in (§6.3) / ' +
        "Logius is not in the SBO's proposal (Kadaster, Geonovum, KOOP); only the organisations concerned consent (§6.3)",
    });
    expect(refusalOf('CONSENT', s, { organisation: 'KOOP' }, oboOf('KOOP'))).toBeUndefined();
    const fresh = start();
    expect(refusalOf('CONSENT', fresh, logius, oboOf('Logius'))).toMatchObject({
      rule: 'missing-earlier-step',
    });
    expect(refusalOf('PROPOSE', fresh, proposal, sbo)).toEqual({
      rule: 'missing-earlier-step',
      reason: expect.stringMatching(
        /^eerst nog: de afspraken over inhoud en aanpak van de evaluatie \(OGB Beheer\); de spelregels/,
      ),
    });
    expect(refusalOf('EVALUATION_COMPLETED', fresh, {}, sbo)).toMatchObject({
      rule: 'missing-earlier-step',
      reason: expect.stringMatching(/inhoud en aanpak van de evaluatie \(§3\.6\)/),
    });
    expect(refusalOf('VNG_ANSWERS', fresh, {}, ogbMember('vng'))).toMatchObject({
      rule: 'missing-earlier-step',
    });
    // Only where the chart refuses too: an open step is never refused.
    expect(refusalOf('PROPOSE', prepared('VNG_STAYS_OUT'), proposal, sbo)).toBeUndefined();
  });
});

describe('a completed re-selection', () => {
  test('hands on who was appointed for which term, ratified when', () => {
    let s = send(consented(), decisionDone('ogb', 'adopted'), system);
    s = send(s, { ...decisionDone('bo', 'adopted') }, system);
    s = send(s, { type: 'DEADLINE_PASSED', deadline: 'termStart' }, system);
    expect(s.status).toBe('done');
    expect(s.output).toEqual({
      term: { from: 2024, to: 2028 },
      termStart: '2023-12-31T23:00:00.000Z',
      tbo: 'Kadaster',
      obos: ['Kadaster', 'Geonovum', 'KOOP'],
      changeOfTbo: false,
      ratifiedAt: '2022-04-01T10:00:00.000Z',
      ratifiedBy: { kind: 'decision', id: 'decision:reselection-2024-2028-bo' },
      ogbDecisionId: 'decision:reselection-2024-2028-ogb',
    });
  });
});

describe('re-selection input', () => {
  // §6.4: "De keus voor de volgende periode 5 jaar, 2024 t/m 2028"; §3.6: "voor 5 jaar, 2019 t/m 2023".
  test('a current term of four years is refused, naming its field', () => {
    const result = reselectionDefinition.input.safeParse({ currentTerm: { from: 2019, to: 2022 } });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['currentTerm.to', 'a term lasts five years (§6.4)'],
    ]);
  });

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
