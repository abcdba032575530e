import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { Actor, Party } from '../../machines/actors';
import { decisionDefinition } from '../../machines/decision/definition';
import { decisionMachine } from '../../machines/decision/machine';
import type {
  DecisionContext,
  DecisionEvent,
  DecisionMachineInput,
} from '../../machines/decision/types';
import { ogbChair, ogbMember } from '../helpers/decision-actors';

const at = '2019-03-14T10:00:00.000Z';
const input = decisionDefinition.input.parse({
  decisionKey: 'begroting-2020',
  body: 'ogb',
  subject: 'Begroting 2020',
  proposal: 'Vaststellen begroting 2020',
  meetingDate: '2019-03-14',
});

function start(): AnyMachineSnapshot {
  return initialTransition(
    decisionMachine,
    decisionDefinition.machineInput(input, { actor: ogbChair, at }) as DecisionMachineInput,
  )[0];
}

function send(
  snapshot: AnyMachineSnapshot,
  payload: { type: string } & Record<string, unknown>,
  actor: Actor,
  when = at,
) {
  const event = { note: '', ...payload, actor, at: when } as DecisionEvent;
  expect(snapshot.can(event)).toBe(true);
  return transition(decisionMachine, snapshot as never, event)[0] as AnyMachineSnapshot;
}
const agree = (snapshot: AnyMachineSnapshot, party: Party) =>
  send(snapshot, { type: 'POSITION', position: 'agree' }, ogbMember(party));
const ctx = (snapshot: AnyMachineSnapshot) => snapshot.context as DecisionContext;

describe('decision machine (consensus, seed §6.2)', () => {
  test('the OGB chair defaults to another government than the Rijk; the BO chair to the Minister', () => {
    expect(input.chair).toEqual({ role: 'ogb', party: 'vng' });
    const bo = decisionDefinition.input.parse({
      ...input,
      decisionKey: 'x',
      body: 'bo',
      chair: undefined,
    });
    expect(bo.chair).toEqual({ role: 'minister', party: 'rijk' });
  });

  test('all four agree → adopted, with every position in the output', () => {
    let s = start();
    for (const party of ['rijk', 'vng', 'ipo'] as const) s = agree(s, party);
    expect(s.value).toBe('firstMeeting');
    s = agree(s, 'uvw');
    expect(s.value).toBe('adopted');
    expect(s.status).toBe('done');
    expect(s.output).toMatchObject({ outcome: 'adopted', postponed: false, boundAbsent: [] });
    expect((s.output as { positions: unknown[] }).positions).toHaveLength(4);
  });

  test('one objection → no consensus at once', () => {
    const s = send(
      agree(start(), 'rijk'),
      { type: 'POSITION', position: 'object' },
      ogbMember('ipo'),
    );
    expect(s.value).toBe('rejected');
    expect(s.output).toMatchObject({ outcome: 'rejected' });
  });

  test('an absent party speaks through its proxy holder, or in writing to the chair', () => {
    let s = send(start(), { type: 'AUTHORISE_PROXY', holder: 'rijk' }, ogbMember('uvw'));
    expect(ctx(s).proxies.uvw?.holder).toBe('rijk');
    s = agree(s, 'rijk');
    s = send(s, { type: 'POSITION', position: 'agree', onBehalfOf: 'uvw' }, ogbMember('rijk'));
    expect(ctx(s).positions.uvw).toMatchObject({ how: 'proxy', by: 'ogb-rijk' });
    s = send(s, { type: 'WRITTEN_VOTE', party: 'ipo', position: 'agree' }, ogbChair);
    expect(ctx(s).positions.ipo).toMatchObject({ how: 'written', by: 'ogb-vng' });
    s = agree(s, 'vng');
    expect(s.value).toBe('adopted');
  });

  test('a party cannot take a position twice, nor authorise a proxy after it spoke', () => {
    const s = agree(start(), 'rijk');
    expect(
      s.can({ type: 'POSITION', position: 'object', note: '', actor: ogbMember('rijk'), at }),
    ).toBe(false);
    expect(s.can({ type: 'AUTHORISE_PROXY', holder: 'vng', actor: ogbMember('rijk'), at })).toBe(
      false,
    );
  });

  test('absent without proxy or written vote → postponed a month; the second meeting decides and binds the absent', () => {
    let s = agree(agree(start(), 'rijk'), 'vng');
    s = send(s, { type: 'CLOSE_MEETING' }, ogbChair, '2019-03-14T12:00:00.000Z');
    expect(s.value).toBe('postponed');
    expect(ctx(s).meetings[0]).toMatchObject({ round: 1, absent: ['ipo', 'uvw'] });
    // 13:00 CET on 14 March; a month later 13:00 CEST, after the switch to summer time.
    expect(ctx(s).secondMeetingDue).toBe('2019-04-14T11:00:00.000Z');
    s = send(s, { type: 'OPEN_SECOND_MEETING' }, ogbChair, '2019-04-11T10:00:00.000Z');
    expect(ctx(s).positions).toEqual({});
    s = agree(agree(agree(s, 'rijk'), 'vng'), 'ipo');
    expect(s.value).toBe('secondMeeting');
    s = send(s, { type: 'CLOSE_MEETING' }, ogbChair, '2019-04-11T12:00:00.000Z');
    expect(s.value).toBe('adopted');
    expect(s.output).toMatchObject({ outcome: 'adopted', postponed: true, boundAbsent: ['uvw'] });
  });

  test('an objection at the second meeting ends it, and the output keeps that objection', () => {
    let s = agree(agree(start(), 'rijk'), 'vng');
    s = send(s, { type: 'CLOSE_MEETING' }, ogbChair);
    s = send(s, { type: 'OPEN_SECOND_MEETING' }, ogbChair);
    s = send(s, { type: 'POSITION', position: 'object' }, ogbMember('ipo'));
    expect(s.value).toBe('rejected');
    expect((s.output as { positions: { party: string; position: string }[] }).positions).toEqual([
      expect.objectContaining({ party: 'ipo', position: 'object' }),
    ]);
  });

  test('a second meeting where no party is present decides nothing: no consensus', () => {
    let s = send(start(), { type: 'CLOSE_MEETING' }, ogbChair);
    s = send(s, { type: 'OPEN_SECOND_MEETING' }, ogbChair);
    s = send(s, { type: 'CLOSE_MEETING' }, ogbChair);
    expect(s.value).toBe('rejected');
    expect(s.output).toMatchObject({
      outcome: 'rejected',
      positions: [],
      boundAbsent: ['rijk', 'vng', 'ipo', 'uvw'],
    });
  });

  test('a party that gave a proxy cannot also vote in writing', () => {
    const s = send(start(), { type: 'AUTHORISE_PROXY', holder: 'rijk' }, ogbMember('uvw'));
    expect(
      s.can({
        type: 'WRITTEN_VOTE',
        party: 'uvw',
        position: 'agree',
        note: '',
        actor: ogbChair,
        at,
      }),
    ).toBe(false);
  });

  test('the chair is a member of the body: of another government than the Rijk in the OGB', () => {
    const base = { decisionKey: 'x', subject: 's', proposal: 'p', meetingDate: '2019-03-14' };
    expect(
      decisionDefinition.input.safeParse({
        ...base,
        body: 'ogb',
        chair: { role: 'ogb', party: 'rijk' },
      }).success,
    ).toBe(false);
    expect(
      decisionDefinition.input.safeParse({
        ...base,
        body: 'ogb',
        chair: { role: 'developer', party: 'vng' },
      }).success,
    ).toBe(false);
    expect(
      decisionDefinition.input.safeParse({
        ...base,
        body: 'bo',
        chair: { role: 'minister', party: 'rijk' },
      }).success,
    ).toBe(true);
    expect(
      decisionDefinition.input.safeParse({ ...base, body: 'ogb', chair: { role: 'ogb' } }).success,
    ).toBe(false);
  });

  test('the meeting cannot be closed while every party has spoken (it has decided already)', () => {
    let s = start();
    expect(s.can({ type: 'CLOSE_MEETING', note: '', actor: ogbChair, at })).toBe(true);
    s = agree(agree(agree(s, 'rijk'), 'vng'), 'ipo');
    s = agree(s, 'uvw');
    expect(s.can({ type: 'CLOSE_MEETING', note: '', actor: ogbChair, at })).toBe(false);
  });

  test('deadlines: the meeting day, then a month after the postponement', () => {
    const s = start();
    expect(decisionDefinition.deadlines.meeting?.due(s)).toBe('2019-03-14T23:00:00.000Z');
    expect(decisionDefinition.deadlines.secondMeeting?.due(s)).toBeNull();
  });
});

describe('who may speak for whom', () => {
  const events = decisionDefinition.events;
  const s = send(start(), { type: 'AUTHORISE_PROXY', holder: 'rijk' }, ogbMember('uvw'));

  test('a member speaks for itself and for the party whose proxy it holds, not for another', () => {
    expect(events.POSITION?.authorise?.(s, ogbMember('ipo'), {})).toBeUndefined();
    expect(
      events.POSITION?.authorise?.(s, ogbMember('rijk'), { onBehalfOf: 'uvw' }),
    ).toBeUndefined();
    expect(events.POSITION?.authorise?.(s, ogbMember('ipo'), { onBehalfOf: 'uvw' })).toEqual({
      rule: 'wrong-party',
      reason: 'ipo holds no proxy of uvw',
    });
  });

  test('a BO member has no position in the OGB Beheer; only the chair registers written votes and closes', () => {
    expect(
      events.POSITION?.authorise?.(s, { id: 'bo-ipo', role: 'bo', party: 'ipo' }, {}),
    ).toMatchObject({ rule: 'wrong-role', reason: expect.stringMatching(/only members/) });
    // Another member than the chair is the wrong party; the minister in the OGB the wrong role.
    expect(events.WRITTEN_VOTE?.authorise?.(s, ogbMember('ipo'), {})).toMatchObject({
      rule: 'wrong-party',
      reason: expect.stringMatching(/chair/),
    });
    expect(
      events.WRITTEN_VOTE?.authorise?.(
        s,
        { id: 'minister-bzk', role: 'minister', party: 'rijk' },
        {},
      ),
    ).toMatchObject({ rule: 'wrong-role' });
    expect(events.CLOSE_MEETING?.authorise?.(s, ogbChair, {})).toBeUndefined();
  });
});
