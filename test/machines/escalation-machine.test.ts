import { transition, type AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../../machines/actors';
import { escalationDefinition } from '../../machines/escalation/definition';
import { escalationMachine } from '../../machines/escalation/machine';
import { statePaths } from '../../workflows/snapshot-reading';
import { boMember, ogbMember, sbo } from '../helpers/decision-actors';
import { machineDriver } from '../helpers/machine-driver';

const at = '2023-01-09T09:00:00.000Z';
const tbo: Actor = { id: 'tbo', role: 'tbo' };
const obo: Actor = { id: 'obo', role: 'obo' };
const system: Actor = { id: 'temporal', role: 'system' };

const driver = machineDriver(escalationDefinition, at, sbo);
const start = (origin: string, extra: Record<string, unknown> = {}) =>
  driver.start({
    disputeKey: 'geschil',
    subject: 'Uitleg beheerovereenkomst',
    description: 'Wie draagt de kosten van de koppeling?',
    origin,
    ...extra,
  });
const { event, send } = driver;
const round = (attempt: number, outcome: 'adopted' | 'rejected' | null) => ({
  type: 'CHILD_DONE',
  key: `bo-${attempt}`,
  kind: 'decision',
  childId: `decision:geschil-bo-${attempt}`,
  status: outcome ? 'completed' : 'failed',
  output: outcome
    ? {
        outcome,
        body: 'bo',
        subject: 's',
        postponed: false,
        positions: [],
        boundAbsent: [],
        decidedAt: at,
      }
    : { message: 'terminated' },
});
const refusal = (snapshot: AnyMachineSnapshot, type: string, actor: Actor) =>
  escalationDefinition.events[type]?.authorise?.(snapshot, actor, {});

describe('escalation ladder (seed §8.1)', () => {
  test('each dispute starts on the rung its origin gives', () => {
    expect(statePaths(start('sbo-tbo'))).toEqual(['principalAgent']);
    expect(statePaths(start('within-ogb'))).toEqual(['ogb']);
    expect(statePaths(start('bo-consensus'))).toEqual(['bo']);
  });

  test('principal–agent disputes stay in their line: only its two parties resolve them, and they go no higher', () => {
    const s = start('tbo-obo');
    expect(refusal(s, 'RESOLVE', obo)).toBeUndefined();
    expect(refusal(s, 'RESOLVE', ogbMember('vng'))).toMatchObject({
      rule: 'wrong-role',
      reason: expect.stringMatching(/only tbo and obo/),
    });
    expect(s.can(event({ type: 'MANDATE_LACKING' }, ogbMember('vng')))).toBe(false);
    const done = send(
      s,
      { type: 'RESOLVE', outcome: 'Extra budget binnen de marge', upholdsProposal: true },
      tbo,
    );
    expect(done.output).toMatchObject({ resolution: { rung: 'principalAgent', by: 'tbo' } });
  });

  test('the OGB Beheer resolves, or sends it to the BO where its members lack the mandate', () => {
    const s = start('sbo-ogb');
    expect(refusal(s, 'RESOLVE', sbo)).toMatchObject({
      rule: 'wrong-role',
      reason: expect.stringMatching(/only the OGB Beheer/),
    });
    const bo = send(s, { type: 'MANDATE_LACKING', note: 'Politieke afweging' }, ogbMember('ipo'));
    expect(statePaths(bo)).toEqual(['bo']);
    expect(escalationDefinition.children?.(bo)).toEqual([
      expect.objectContaining({
        key: 'bo-1',
        input: expect.objectContaining({
          decisionKey: 'geschil-bo-1',
          body: 'bo',
          meetingDate: '2023-01-23',
        }),
      }),
    ]);
  });

  test('the BO consults round after round; a failed process is held again; consensus ends it', () => {
    let s = start('bo-consensus');
    s = send(s, round(1, 'rejected'), system);
    s = send(s, round(2, null), system);
    expect(escalationDefinition.children?.(s)[0]?.key).toBe('bo-3');
    s = send(s, round(3, 'adopted'), system);
    expect(statePaths(s)).toEqual(['resolved']);
    expect(s.output).toMatchObject({
      resolution: { rung: 'bo' },
      boRounds: [{ round: 1 }, { round: 2 }],
    });
  });

  test('without consensus after the last round: amicable settlement, then any party may go to court', () => {
    let s = start('ogb-consensus', { maxBoRounds: 2 });
    s = send(s, round(1, 'rejected'), system);
    s = send(s, round(2, 'rejected'), system);
    expect(statePaths(s)).toEqual(['settlement']);
    expect(refusal(s, 'RESOLVE', tbo)).toMatchObject({
      rule: 'wrong-role',
      reason: expect.stringMatching(/only the parties/),
    });
    s = send(s, { type: 'SETTLEMENT_FAILED' }, boMember('uvw'));
    expect(statePaths(s)).toEqual(['court.open']);
    expect(refusal(s, 'GO_TO_COURT', tbo)).toMatchObject({
      rule: 'wrong-role',
      reason: expect.stringMatching(/only the governments/),
    });
    s = send(s, { type: 'GO_TO_COURT', note: 'Dagvaarding' }, boMember('ipo'));
    s = send(
      s,
      { type: 'COURT_RULING', outcome: 'De kosten zijn voor het Rijk', upholdsProposal: false },
      sbo,
    );
    expect(s.output).toMatchObject({
      resolution: { rung: 'court', outcome: 'De kosten zijn voor het Rijk' },
      rungs: [{ rung: 'bo' }, { rung: 'settlement' }, { rung: 'court' }],
    });
  });

  test('a BO reached later opens its first round then; parties can still settle at the court', () => {
    const start0 = start('within-ogb');
    const later = transition(escalationMachine, start0 as never, {
      type: 'MANDATE_LACKING',
      note: '',
      actor: ogbMember('ipo'),
      at: '2023-03-01T09:00:00.000Z',
    })[0] as AnyMachineSnapshot;
    expect(escalationDefinition.children?.(later)[0]?.input).toMatchObject({
      meetingDate: '2023-03-15',
    });
    let s = start('bo-consensus', { maxBoRounds: 1 });
    s = send(s, round(1, 'rejected'), system);
    s = send(s, { type: 'SETTLEMENT_FAILED' }, sbo);
    s = send(
      s,
      { type: 'RESOLVE', outcome: 'Alsnog geschikt', upholdsProposal: true },
      boMember('vng'),
    );
    expect(s.output).toMatchObject({ resolution: { rung: 'settlement', upholdsProposal: true } });
  });

  test('every rung has its own clock from the moment it is reached', () => {
    const s = start('within-ogb', {
      timeBoxDays: { principalAgent: 30, ogb: 45, bo: 90, settlement: 60 },
    });
    expect(escalationDefinition.deadlines.ogb?.due(s)).toBe('2023-02-23T09:00:00.000Z');
    expect(escalationDefinition.deadlines.bo?.due(s)).toBeNull();
  });

  test('time boxes count calendar days, working days or the Algemene termijnenwet', () => {
    // Friday 20 December 2024, 10:00: Christmas and the weekends lie ahead.
    const before = machineDriver(escalationDefinition, '2024-12-20T09:00:00.000Z', sbo);
    const due = (unit: string | undefined, ogb: number) =>
      escalationDefinition.deadlines.ogb?.due(
        before.start({
          disputeKey: 'geschil',
          subject: 'Uitleg',
          description: 'Wie betaalt?',
          origin: 'within-ogb',
          timeBoxDays: { ogb },
          ...(unit ? { timeBoxUnit: unit } : {}),
        }),
      );
    expect(due(undefined, 15)).toBe('2025-01-04T09:00:00.000Z'); // calendar days: a Saturday
    // 23, 24, (25, 26 Kerstdagen), 27, 30, 31 December.
    expect(due('working', 5)).toBe('2024-12-31T09:00:00.000Z');
    // Ends on Saturday 4 January: runs to the end of Monday 6 January.
    expect(due('termsAct', 15)).toBe('2025-01-06T23:00:00.000Z');
    expect(due('termsAct', 11)).toBe('2024-12-31T09:00:00.000Z');
  });
});
