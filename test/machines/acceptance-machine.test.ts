import { getShortestPaths } from '@xstate/graph';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../../machines/actors';
import { assessments } from '../../machines/acceptance/assessments';
import { acceptanceDefinition } from '../../machines/acceptance/definition';
import { acceptanceMachine } from '../../machines/acceptance/machine';
import type {
  AcceptanceContext,
  AcceptanceEvent,
  AcceptanceMachineInput,
} from '../../machines/acceptance/types';
import { statePaths } from '../../workflows/snapshot-reading';
import { actors } from '../helpers/actors';
import {
  adviceEvent,
  agreementEvent,
  agreementSignedEvent,
  definitivelyAcceptEvent,
  phase2OpenedEvent,
  programmeRun,
  fixCriteriaEvent,
  provisionallyAcceptEvent,
  repairEvent,
  resubmitEvent,
  transferEvent,
  verdictEvent,
} from '../helpers/acceptance-script';

const at = '2019-03-01T09:00:00.000Z';
const input = acceptanceDefinition.input.parse({ provision: 'loket' });

function start(): AnyMachineSnapshot {
  const [snapshot] = initialTransition(
    acceptanceMachine,
    acceptanceDefinition.machineInput(input, {
      actor: actors.programme,
      at: '2019-01-15T09:00:00.000Z',
    }) as AcceptanceMachineInput,
  );
  return snapshot;
}

function event(payload: { type: string } & Record<string, unknown>, actor: Actor) {
  return { ...payload, actor, at } as AcceptanceEvent;
}

function send(
  snapshot: AnyMachineSnapshot,
  payload: { type: string } & Record<string, unknown>,
  actor: Actor,
) {
  const e = event(payload, actor);
  expect(snapshot.can(e)).toBe(true);
  return transition(acceptanceMachine, snapshot as never, e)[0] as AnyMachineSnapshot;
}

const ctx = (snapshot: AnyMachineSnapshot) => snapshot.context as AcceptanceContext;

function criteriaFixed(): AnyMachineSnapshot {
  return send(send(start(), adviceEvent, actors.tbo), fixCriteriaEvent, actors.ogb);
}

function allVerdicts(snapshot: AnyMachineSnapshot): AnyMachineSnapshot {
  let s = snapshot;
  for (const a of assessments) {
    if (!ctx(s).verdicts[a].ogb) s = send(s, verdictEvent(a), actors.ogb);
    if (!ctx(s).verdicts[a].tbo) s = send(s, verdictEvent(a), actors.tbo);
  }
  return s;
}

describe('acceptance machine, phase 1', () => {
  test('the ready report starts the run in criteria, with the agreement being prepared in parallel', () => {
    const s = start();
    expect(statePaths(s)).toEqual(['acceptance.phase1.criteria', 'agreement.open.preparing']);
    expect(ctx(s).readyReport).toEqual({
      at: '2019-01-15T09:00:00.000Z',
      by: 'programma-dso',
      note: '',
      reportedOn: '2019-01-15',
    });
    expect(ctx(s).phase1Due).toBe('2019-06-30T22:00:00.000Z');
  });

  test('the OGB Beheer fixes the criteria only after the TBO was consulted', () => {
    const s = start();
    expect(s.can(event(fixCriteriaEvent, actors.ogb))).toBe(false);
    const advised = send(s, adviceEvent, actors.tbo);
    expect(ctx(advised).criteriaAdvice?.advice).toBe(adviceEvent.advice);
    const fixed = send(advised, fixCriteriaEvent, actors.ogb);
    expect(statePaths(fixed)).toContain('acceptance.phase1.assessment');
    expect(ctx(fixed).criteria?.by).toBe('ogb-rijk');
  });

  test('no verdict can be given before the criteria are fixed', () => {
    expect(start().can(event(verdictEvent('readyForUse'), actors.ogb))).toBe(false);
  });

  test('each body gives one verdict per assessment, from its own role only', () => {
    const s = send(criteriaFixed(), verdictEvent('technicalFunctional'), actors.ogb);
    expect(ctx(s).verdicts.technicalFunctional.ogb?.outcome).toBe('positive');
    expect(s.can(event(verdictEvent('technicalFunctional'), actors.ogb))).toBe(false);
    expect(s.can(event(verdictEvent('technicalFunctional'), actors.tbo))).toBe(true);
    expect(s.can(event(verdictEvent('technicalFunctional'), actors.developer))).toBe(false);
  });

  test('seven positive verdicts are not enough; the eighth leads to provisional acceptance', () => {
    let s = criteriaFixed();
    for (const a of assessments) s = send(s, verdictEvent(a), actors.ogb);
    for (const a of assessments.slice(0, 3)) s = send(s, verdictEvent(a), actors.tbo);
    expect(statePaths(s)).toContain('acceptance.phase1.assessment');
    s = send(s, verdictEvent('operatorReady'), actors.tbo);
    expect(statePaths(s)).toContain('acceptance.phase1.provisionalAcceptance');
  });

  test('once all eight verdicts are in, a negative one sends the provision back with every defect; the repair is development cost; resubmission re-opens only the rejected assessments', () => {
    let s = criteriaFixed();
    s = send(s, verdictEvent('technicalFunctional', 'negative', 'Autorisatie faalt'), actors.tbo);
    expect(statePaths(s)).toContain('acceptance.phase1.assessment');
    s = send(s, verdictEvent('operatorReady', 'negative', 'Geen piketdienst'), actors.ogb);
    s = allVerdicts(s);
    expect(statePaths(s)).toContain('acceptance.phase1.repair');
    expect(ctx(s).repairs).toEqual([
      expect.objectContaining({
        round: 1,
        assessments: ['technicalFunctional', 'operatorReady'],
        findings: [
          'tbo/technicalFunctional: Autorisatie faalt',
          'ogb/operatorReady: Geen piketdienst',
        ],
        costCategory: 'development',
      }),
    ]);
    expect(s.can(event(verdictEvent('operatorReady'), actors.ogb))).toBe(false);
    expect(s.can(event(resubmitEvent, actors.programme))).toBe(false);
    s = send(s, repairEvent, actors.developer);
    expect(statePaths(s)).toContain('acceptance.phase1.resubmission');
    expect(ctx(s).repairs[0]?.delivered?.developmentCostCents).toBe(1_250_000);
    s = send(s, resubmitEvent, actors.programme);
    expect(statePaths(s)).toContain('acceptance.phase1.assessment');
    expect(ctx(s).round).toBe(2);
    expect(ctx(s).verdicts.technicalFunctional).toEqual({});
    expect(ctx(s).verdicts.operatorReady).toEqual({});
    expect(ctx(s).verdicts.readyForUse.ogb?.outcome).toBe('positive');
    expect(ctx(s).verdictLog).toHaveLength(8);
    s = allVerdicts(s);
    expect(statePaths(s)).toContain('acceptance.phase1.provisionalAcceptance');
    expect(ctx(s).verdicts.technicalFunctional.tbo?.round).toBe(2);
    expect(ctx(s).verdictLog).toHaveLength(12);
  });

  test('provisional acceptance needs both bodies, each once, then transfer and provisional operation', () => {
    let s = allVerdicts(criteriaFixed());
    s = send(s, provisionallyAcceptEvent, actors.ogb);
    expect(s.can(event(provisionallyAcceptEvent, actors.ogb))).toBe(false);
    expect(statePaths(s)).toContain('acceptance.phase1.provisionalAcceptance');
    s = send(s, provisionallyAcceptEvent, actors.tbo);
    expect(statePaths(s)).toContain('acceptance.transfer');
    s = send(s, transferEvent, actors.tbo);
    expect(statePaths(s)).toContain('acceptance.provisionalOperation');
    expect(s.hasTag('provisionallyAccepted')).toBe(true);
    expect(ctx(s).transfer?.operationalManager).toBe('Kadaster');
  });

  test('the TBO prepares the operational-management agreement in parallel, at any point', () => {
    const s = send(start(), agreementEvent, actors.tbo);
    expect(statePaths(s)).toEqual(['acceptance.phase1.criteria', 'agreement.open.prepared']);
    expect(s.can(event(agreementEvent, actors.tbo))).toBe(false);
  });

  test('the phase-1 deadline passing marks the run overdue but leaves the work where it is', () => {
    const s = start();
    const passed = transition(acceptanceMachine, s as never, {
      type: 'DEADLINE_PASSED',
      deadline: 'phase1',
      actor: { id: 'temporal', role: 'system' },
      at: '2019-06-30T22:00:00.000Z',
    })[0] as AnyMachineSnapshot;
    expect(ctx(passed).phase1Overdue).toBe(true);
    expect(statePaths(passed)).toEqual(statePaths(s));
    expect(acceptanceDefinition.summary(passed)).toMatch(/over de termijn/);
  });

  test('the phase-1 deadline is waited on exactly while in phase 1', () => {
    const waits = (s: AnyMachineSnapshot) =>
      Object.values(s.getMeta() as Record<string, { deadline?: string }>).some(
        (m) => m.deadline === 'phase1',
      );
    let s = allVerdicts(criteriaFixed());
    expect(waits(s)).toBe(true);
    s = send(send(s, provisionallyAcceptEvent, actors.ogb), provisionallyAcceptEvent, actors.tbo);
    expect(waits(s)).toBe(false);
  });

  test('every state of phase 1 and the agreement is reachable by operator events (shortest paths)', () => {
    const reached = reachableLeaves(undefined, [
      event(adviceEvent, actors.tbo),
      event(fixCriteriaEvent, actors.ogb),
      event(repairEvent, actors.developer),
      event(resubmitEvent, actors.programme),
      event(provisionallyAcceptEvent, actors.ogb),
      event(provisionallyAcceptEvent, actors.tbo),
      event(transferEvent, actors.tbo),
      event(agreementEvent, actors.tbo),
      event(agreementSignedEvent, actors.tbo),
    ]);
    expect(reached).toEqual(
      [
        'acceptance.phase1.criteria',
        'acceptance.phase1.assessment',
        'acceptance.phase1.repair',
        'acceptance.phase1.resubmission',
        'acceptance.phase1.provisionalAcceptance',
        'acceptance.transfer',
        'acceptance.provisionalOperation',
        'agreement.open.preparing',
        'agreement.open.prepared',
        'agreement.signed',
      ].sort(),
    );
  });
});

/** Phase 1 done and the agreement recorded: the start of every phase-2 story. */
function provisionallyOperating(): AnyMachineSnapshot {
  let s = allVerdicts(criteriaFixed());
  s = send(send(s, provisionallyAcceptEvent, actors.ogb), provisionallyAcceptEvent, actors.tbo);
  s = send(s, transferEvent, actors.tbo);
  return send(send(s, agreementEvent, actors.tbo), agreementSignedEvent, actors.tbo);
}

/**
 * The leaf states reachable with the given events plus verdicts, offered in one canonical order
 * (each body's first open assessment) and one defect per phase: that keeps the graph small
 * without hiding any state, since the order of verdicts changes no transition.
 */
function reachableLeaves(fromState: AnyMachineSnapshot | undefined, fixed: AcceptanceEvent[]) {
  const operatorEvents = (snapshot: AnyMachineSnapshot) => {
    const c = snapshot.context as AcceptanceContext;
    const nextOpen = (body: 'ogb' | 'tbo') => assessments.find((a) => !c.verdicts[a][body]);
    const ogbNext = nextOpen('ogb');
    const tboNext = nextOpen('tbo');
    return [
      ...fixed,
      ...(ogbNext ? [event(verdictEvent(ogbNext), actors.ogb)] : []),
      ...(tboNext ? [event(verdictEvent(tboNext), actors.tbo)] : []),
      ...(ogbNext && !c.repairs.some((repair) => repair.phase === c.phase)
        ? [event(verdictEvent(ogbNext, 'negative', 'defect'), actors.ogb)]
        : []),
    ];
  };
  const paths = getShortestPaths(acceptanceMachine, {
    input: acceptanceDefinition.machineInput(input, {
      actor: actors.programme,
      at,
    }) as AcceptanceMachineInput,
    ...(fromState ? { fromState: fromState as never } : {}),
    events: operatorEvents,
    // The order of verdicts does not matter for what can happen next, so leave the log out.
    serializeState: (snapshot) => {
      const { verdictLog, ...rest } = (snapshot as AnyMachineSnapshot).context as AcceptanceContext;
      return JSON.stringify([(snapshot as AnyMachineSnapshot).value, rest, verdictLog.length > 0]);
    },
  });
  return [...new Set(paths.flatMap((path) => statePaths(path.state as AnyMachineSnapshot)))].sort();
}

describe('acceptance machine, phase 2', () => {
  test('phase 2 opens only by the programme, never by an operator, and starts a fresh round', () => {
    const s = provisionallyOperating();
    expect(s.hasTag('delivered')).toBe(true);
    expect(s.can(event(definitivelyAcceptEvent, actors.ogb))).toBe(false);
    expect(s.can(event(verdictEvent('technicalFunctional'), actors.ogb))).toBe(false);
    expect(acceptanceDefinition.events).not.toHaveProperty('PHASE2_OPENED');
    const opened = send(s, phase2OpenedEvent, programmeRun);
    expect(statePaths(opened)).toEqual(['acceptance.phase2.assessment', 'agreement.signed']);
    expect(ctx(opened).phase).toBe('phase2');
    expect(ctx(opened).phase2Opened).toEqual({
      at,
      by: 'acceptance-programme:dso-lv',
      programme: 'dso-lv',
    });
    expect(ctx(opened).round).toBe(1);
    expect(Object.values(ctx(opened).verdicts).every((v) => Object.keys(v).length === 0)).toBe(
      true,
    );
  });

  test('a defect found in phase 2 goes back for repair as development cost, then only that assessment is judged again', () => {
    let s = send(provisionallyOperating(), phase2OpenedEvent, programmeRun);
    s = send(s, verdictEvent('readyForUse', 'negative', 'Prestaties onder de norm'), actors.tbo);
    s = allVerdicts(s);
    expect(statePaths(s)).toContain('acceptance.phase2.repair');
    const repair = ctx(s).repairs.at(-1);
    expect(repair).toMatchObject({
      phase: 'phase2',
      assessments: ['readyForUse'],
      costCategory: 'development',
      findings: ['tbo/readyForUse: Prestaties onder de norm'],
    });
    s = send(send(s, repairEvent, actors.developer), resubmitEvent, actors.programme);
    expect(statePaths(s)).toContain('acceptance.phase2.assessment');
    expect(ctx(s).verdicts.readyForUse).toEqual({});
    expect(ctx(s).verdicts.technicalFunctional.ogb?.outcome).toBe('positive');
    s = allVerdicts(s);
    expect(statePaths(s)).toContain('acceptance.phase2.definitiveAcceptance');
  });

  test('definitive acceptance by both bodies discharges the programme and marks the transfer moment', () => {
    let s = allVerdicts(send(provisionallyOperating(), phase2OpenedEvent, programmeRun));
    s = send(s, definitivelyAcceptEvent, actors.ogb);
    expect(s.can(event(definitivelyAcceptEvent, actors.ogb))).toBe(false);
    expect(ctx(s).discharge).toBeNull();
    s = send(s, definitivelyAcceptEvent, actors.tbo);
    expect([...statePaths(s)].sort()).toEqual([
      'acceptance.definitivelyAccepted',
      'agreement.signed',
    ]);
    expect(s.status).toBe('done');
    expect(ctx(s).discharge).toEqual({ at, transferMoment: at });
    expect(s.hasTag('definitivelyAccepted')).toBe(true);
  });

  test('management costs count from the OGB Beheer acceptance, or from an earlier ready report (§7.2)', () => {
    expect(ctx(start()).managementCosts).toMatchObject({ countFrom: 'ogbAcceptance', since: null });
    let s = allVerdicts(criteriaFixed());
    s = send(s, provisionallyAcceptEvent, actors.tbo);
    expect(ctx(s).managementCosts.since).toBeNull();
    s = send(s, provisionallyAcceptEvent, actors.ogb);
    expect(ctx(s).managementCosts.since).toBe(at);

    const earlier = acceptanceDefinition.input.parse({
      provision: 'stelselcatalogus',
      readyReportedOn: '2018-11-30',
    });
    const [old] = initialTransition(
      acceptanceMachine,
      acceptanceDefinition.machineInput(earlier, {
        actor: actors.programme,
        at,
      }) as AcceptanceMachineInput,
    );
    expect(ctx(old).managementCosts).toMatchObject({
      countFrom: 'readyReport',
      since: '2018-11-29T23:00:00.000Z',
    });
  });

  test('every state of phase 2 is reachable by operator events (shortest paths)', () => {
    const reached = reachableLeaves(provisionallyOperating(), [
      event(phase2OpenedEvent, programmeRun),
      event(repairEvent, actors.developer),
      event(resubmitEvent, actors.programme),
      event(definitivelyAcceptEvent, actors.ogb),
      event(definitivelyAcceptEvent, actors.tbo),
    ]);
    expect(reached).toEqual(
      [
        'acceptance.provisionalOperation',
        'acceptance.phase2.assessment',
        'acceptance.phase2.repair',
        'acceptance.phase2.resubmission',
        'acceptance.phase2.definitiveAcceptance',
        'acceptance.definitivelyAccepted',
        'agreement.signed',
      ].sort(),
    );
  });
});

describe('acceptance input', () => {
  test('defaults follow the seed and the provision name comes from §4.2', () => {
    expect(input.phase1Due).toBe('2019-06-30T22:00:00.000Z');
    expect(input.provisionName).toBe('Loket (incl. viewer, beveiliging en autorisatie)');
  });

  test('a deadline given as a Dutch date is midnight in Amsterdam', () => {
    const parsed = acceptanceDefinition.input.parse({ provision: 'tpod', phase1Due: '2019-12-01' });
    expect((parsed as { phase1Due: string }).phase1Due).toBe('2019-11-30T23:00:00.000Z');
  });

  // "Fase 2 … Deze fase loopt … van 1 juli t/m 31 december 2019"; the agreement "voor 1 juli 2019"
  // (§6.5): dates left out follow from the ones given, not from 2019.
  test('a phase 1 moved to 2027 brings phase 2 and the agreement along (derived, not 2019)', () => {
    const parsed = acceptanceDefinition.input.parse({
      provision: 'loket',
      phase1Due: '2027-07-01',
    });
    expect(parsed).toMatchObject({
      phase1Due: '2027-06-30T22:00:00.000Z',
      phase2Due: '2027-12-31T23:00:00.000Z',
      agreementDue: '2027-06-30T22:00:00.000Z',
    });
    const fromPhase2 = acceptanceDefinition.input.parse({
      provision: 'loket',
      phase2Due: '2028-01-01',
    });
    expect(fromPhase2).toMatchObject({
      phase1Due: '2027-06-30T22:00:00.000Z',
      agreementDue: '2027-06-30T22:00:00.000Z',
    });
  });

  test('dates out of order are refused with the field named', () => {
    const issues = (raw: Record<string, unknown>) => {
      const result = acceptanceDefinition.input.safeParse({ provision: 'loket', ...raw });
      return result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];
    };
    expect(issues({ phase1Due: '2027-07-01', phase2Due: '2019-01-01' })).toEqual([
      ['phase2Due', expect.stringContaining('must come after phase1Due')],
    ]);
    expect(issues({ phase1Due: '2027-07-01', agreementDue: '2028-02-01' })).toEqual([
      ['agreementDue', expect.stringContaining('must not come after phase2Due')],
    ]);
    expect(issues({ phase1Due: '2027-07-01', phase2Due: '2027-07-01' })).toHaveLength(1);
  });

  test('bad input is refused with the field named', () => {
    const result = acceptanceDefinition.input.safeParse({ provision: 'Loket!', extra: 1 });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.') || i.message);
    expect(paths).toEqual(expect.arrayContaining(['provision']));
  });
});

/** What the host tells a caller whose event the chart refuses (definition.refusedBecause). */
function refusal(
  snapshot: AnyMachineSnapshot,
  payload: { type: string } & Record<string, unknown>,
) {
  const { type, ...rest } = payload;
  return acceptanceDefinition.events[type]?.refusedBecause?.(snapshot, rest);
}

describe('acceptance refusals that name the missing step', () => {
  // "Voor elke beoordeling worden vooraf beoordelingscriteria vastgesteld door het Opdrachtgevend
  // beraad (Beheer) DSO-LV, in samenspraak met de tactische beheerorganisatie."
  test('criteria before the TBO advised: missing-earlier-step, in Dutch and English', () => {
    const s = start();
    expect(s.can(event(fixCriteriaEvent, actors.ogb))).toBe(false);
    expect(refusal(s, fixCriteriaEvent)).toEqual({
      rule: 'missing-earlier-step',
      reason:
        "eerst het advies van de TBO over de criteria / first the TBO's advice on the criteria",
    });
    expect(refusal(send(s, adviceEvent, actors.tbo), fixCriteriaEvent)).toBeUndefined();
  });

  // "Fase 1 resulteert in een voorlopige acceptatie …; op basis hiervan vindt de overdracht plaats"
  test('verdicts before the criteria, acceptance before eight verdicts, transfer before acceptance', () => {
    const s = start();
    expect(refusal(s, verdictEvent('readyForUse'))?.reason).toMatch(
      /^eerst de beoordelingscriteria/,
    );
    const fixed = criteriaFixed();
    expect(refusal(fixed, verdictEvent('readyForUse'))).toBeUndefined();
    const seven = send(fixed, verdictEvent('readyForUse'), actors.ogb);
    expect(seven.can(event(provisionallyAcceptEvent, actors.ogb))).toBe(false);
    expect(refusal(seven, provisionallyAcceptEvent)?.reason).toMatch(
      /^eerst acht positieve oordelen/,
    );
    expect(refusal(seven, transferEvent)?.reason).toMatch(/^eerst de voorlopige acceptatie/);
    expect(refusal(seven, definitivelyAcceptEvent)?.rule).toBe('missing-earlier-step');
    expect(refusal(s, agreementSignedEvent)?.reason).toMatch(/^eerst de voorbereide afspraken/);
  });

  test('a repair before resubmission, phase 2 before definitive acceptance', () => {
    let s = criteriaFixed();
    for (const a of assessments) {
      s = send(s, verdictEvent(a), actors.ogb);
      s = send(
        s,
        verdictEvent(a, a === 'readyForUse' ? 'negative' : 'positive', 'traag'),
        actors.tbo,
      );
    }
    expect(statePaths(s)).toContain('acceptance.phase1.repair');
    expect(refusal(s, resubmitEvent)?.reason).toMatch(/^eerst het herstel door de ontwikkelpartij/);
    expect(refusal(s, verdictEvent('readyForUse'))?.rule).toBe('missing-earlier-step');
    const waiting = provisionallyOperating();
    expect(refusal(waiting, definitivelyAcceptEvent)?.reason).toMatch(/fase 2/);
    expect(refusal(waiting, verdictEvent('readyForUse'))?.reason).toMatch(/^eerst fase 2/);
    const opened = send(waiting, phase2OpenedEvent, programmeRun);
    expect(refusal(opened, definitivelyAcceptEvent)?.reason).toMatch(/in fase 2/);
  });

  test('a named step is only ever given where the chart refuses the event', () => {
    const snapshots = [
      start(),
      criteriaFixed(),
      allVerdicts(criteriaFixed()),
      provisionallyOperating(),
    ];
    const payloads = [
      fixCriteriaEvent,
      verdictEvent('readyForUse'),
      repairEvent,
      resubmitEvent,
      provisionallyAcceptEvent,
      transferEvent,
      agreementSignedEvent,
      definitivelyAcceptEvent,
    ];
    for (const s of snapshots) {
      for (const payload of payloads) {
        if (refusal(s, payload) === undefined) continue;
        for (const actor of [actors.ogb, actors.tbo, actors.developer, actors.programme]) {
          expect(s.can(event(payload, actor))).toBe(false);
        }
      }
    }
  });
});
