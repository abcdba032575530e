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
    expect(statePaths(s)).toEqual(['acceptance.phase1.criteria', 'agreement.preparing']);
    expect(ctx(s).readyReport).toEqual({
      at: '2019-01-15T09:00:00.000Z',
      by: 'programma-dso',
      note: '',
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
    expect(statePaths(s)).toEqual(['acceptance.phase1.criteria', 'agreement.prepared']);
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

  test('every state of the chart is reachable by operator events (shortest paths)', () => {
    // Verdicts are offered in one canonical order (each body's first open assessment), which
    // keeps the graph small without hiding any state: their order changes no transition.
    const operatorEvents = (snapshot: AnyMachineSnapshot) => {
      const c = snapshot.context as AcceptanceContext;
      const nextOpen = (body: 'ogb' | 'tbo') => assessments.find((a) => !c.verdicts[a][body]);
      const ogbNext = nextOpen('ogb');
      const tboNext = nextOpen('tbo');
      return [
        event(adviceEvent, actors.tbo),
        event(fixCriteriaEvent, actors.ogb),
        ...(ogbNext ? [event(verdictEvent(ogbNext), actors.ogb)] : []),
        ...(tboNext ? [event(verdictEvent(tboNext), actors.tbo)] : []),
        ...(ogbNext && c.repairs.length === 0
          ? [event(verdictEvent(ogbNext, 'negative', 'defect'), actors.ogb)]
          : []),
        event(repairEvent, actors.developer),
        event(resubmitEvent, actors.programme),
        event(provisionallyAcceptEvent, actors.ogb),
        event(provisionallyAcceptEvent, actors.tbo),
        event(transferEvent, actors.tbo),
        event(agreementEvent, actors.tbo),
      ];
    };
    const paths = getShortestPaths(acceptanceMachine, {
      input: acceptanceDefinition.machineInput(input, {
        actor: actors.programme,
        at,
      }) as AcceptanceMachineInput,
      events: operatorEvents,
      // The order of verdicts does not matter for what can happen next, so leave the log out.
      serializeState: (snapshot) => {
        const { verdictLog, ...rest } = (snapshot as AnyMachineSnapshot)
          .context as AcceptanceContext;
        return JSON.stringify([
          (snapshot as AnyMachineSnapshot).value,
          rest,
          verdictLog.length > 0,
        ]);
      },
    });
    const reached = new Set(paths.flatMap((path) => statePaths(path.state as AnyMachineSnapshot)));
    const leaves = [
      'acceptance.phase1.criteria',
      'acceptance.phase1.assessment',
      'acceptance.phase1.repair',
      'acceptance.phase1.resubmission',
      'acceptance.phase1.provisionalAcceptance',
      'acceptance.transfer',
      'acceptance.provisionalOperation',
      'agreement.preparing',
      'agreement.prepared',
    ];
    expect([...reached].sort()).toEqual(leaves.sort());
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

  test('bad input is refused with the field named', () => {
    const result = acceptanceDefinition.input.safeParse({ provision: 'Loket!', extra: 1 });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.') || i.message);
    expect(paths).toEqual(expect.arrayContaining(['provision']));
  });
});
