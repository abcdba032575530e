import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { Actor, Party } from '../../machines/actors';
import { decisionDefinition } from '../../machines/decision/definition';
import { decisionMachine } from '../../machines/decision/machine';
import type {
  DecisionContext,
  DecisionEvent,
  DecisionMachineInput,
} from '../../machines/decision/types';
import { DECISION_RULES_2026_12 } from '../../machines/decision/rules';
import { ogbChair, ogbMember } from '../helpers/decision-actors';

const at = '2019-03-14T10:00:00.000Z';
const input = decisionDefinition.input.parse({
  decisionKey: 'begroting-2020',
  body: 'ogb',
  subject: 'Begroting 2020',
  proposal: 'Vaststellen begroting 2020',
  meetingDate: '2019-03-14',
});

/** A run on today's rules, or, with `olderRules`, one recorded before those revisions. */
function start(olderRules?: readonly string[]): AnyMachineSnapshot {
  return initialTransition(
    decisionMachine,
    decisionDefinition.machineInput(input, {
      actor: ogbChair,
      at,
      ...(olderRules ? { olderRules } : {}),
    }) as DecisionMachineInput,
  )[0];
}
const beforeIssue14 = [DECISION_RULES_2026_12];

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
    // Held on 14 March: the next meeting by the end of 14 April (CEST, after the switch).
    expect(ctx(s).secondMeetingDue).toBe('2019-04-14T22:00:00.000Z');
    s = send(s, { type: 'OPEN_SECOND_MEETING' }, ogbChair, '2019-04-11T10:00:00.000Z');
    expect(Object.keys(ctx(s).positions)).toEqual(['rijk', 'vng']);
    s = agree(s, 'ipo');
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
    expect((s.output as { positions: { party: string; position: string }[] }).positions).toEqual(
      expect.arrayContaining([expect.objectContaining({ party: 'ipo', position: 'object' })]),
    );
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

describe('issue 14: seed §6.2 as the new rules read it', () => {
  // "wordt de besluitvorming aangehouden tot het volgend OGB Beheer dat binnen één maand wordt
  // gehouden. In dit tweede OGB Beheer kunnen besluiten worden genomen door de dan aanwezige
  // partijen. Deze besluiten binden een niet aanwezige partij eveneens."
  const postponedWith = (s: AnyMachineSnapshot, when = '2019-03-14T12:00:00.000Z') =>
    send(s, { type: 'CLOSE_MEETING' }, ogbChair, when);
  const secondMeeting = (s: AnyMachineSnapshot) =>
    send(postponedWith(s), { type: 'OPEN_SECOND_MEETING' }, ogbChair, '2019-04-11T10:00:00.000Z');
  const secondLimit = (s: AnyMachineSnapshot) =>
    decisionDefinition.deadlines.secondMeeting?.latest?.(s);

  test('"binnen één maand": the next meeting is due, and limited, a calendar month after the day the first was held', () => {
    // Closed late in the evening of the meeting day: the month still runs from that day.
    const s = postponedWith(agree(start(), 'rijk'), '2019-03-14T21:30:00.000Z');
    expect(ctx(s).secondMeetingDue).toBe('2019-04-14T22:00:00.000Z');
    expect(secondLimit(s)).toEqual({
      at: '2019-04-14T22:00:00.000Z',
      nl: expect.stringMatching(/binnen één maand/),
      en: expect.stringMatching(/within one month/),
    });
    // 31 January: the month ends with February.
    const january = decisionDefinition.input.parse({ ...input, meetingDate: '2019-01-31' });
    const [jan] = initialTransition(
      decisionMachine,
      decisionDefinition.machineInput(january, { actor: ogbChair, at }) as DecisionMachineInput,
    );
    const closed = postponedWith(jan as AnyMachineSnapshot, '2019-01-31T15:00:00.000Z');
    expect(ctx(closed).secondMeetingDue).toBe('2019-02-28T23:00:00.000Z');
  });

  test('runs recorded before keep their due moment (a month after the close, same time) and no limit', () => {
    const s = postponedWith(agree(start(beforeIssue14), 'rijk'));
    expect(ctx(s).secondMeetingDue).toBe('2019-04-14T11:00:00.000Z');
    expect(secondLimit(s)).toBeNull();
  });

  test('"aangehouden" presumes the meeting was held: closing before its date is refused as a missing earlier step', () => {
    const s = agree(start(), 'rijk');
    const early = '2019-03-13T16:00:00.000Z';
    expect(decisionDefinition.events.CLOSE_MEETING?.authorise?.(s, ogbChair, {}, early)).toEqual({
      rule: 'missing-earlier-step',
      reason:
        'de vergadering van 2019-03-14 is nog niet gehouden; de voorzitter sluit haar op of na die dag / ' +
        'the meeting of 2019-03-14 has not been held yet; the chair closes it on or after that day',
    });
    expect(s.can({ type: 'CLOSE_MEETING', note: '', actor: ogbChair, at: early })).toBe(false);
    // From the meeting day on (00:00 Amsterdam time) it may close.
    const onTheDay = '2019-03-13T23:00:00.000Z';
    expect(
      decisionDefinition.events.CLOSE_MEETING?.authorise?.(s, ogbChair, {}, onTheDay),
    ).toBeUndefined();
    expect(postponedWith(s, onTheDay).value).toBe('postponed');
    // The older rules let it close at any time.
    expect(postponedWith(agree(start(beforeIssue14), 'rijk'), early).value).toBe('postponed');
  });

  test('"door de dan aanwezige partijen": the first meeting\'s positions stand, those present add to them, the absent are bound', () => {
    let s = send(
      agree(start(), 'rijk'),
      { type: 'WRITTEN_VOTE', party: 'vng', position: 'agree' },
      ogbChair,
    );
    s = secondMeeting(s);
    expect(s.value).toBe('secondMeeting');
    expect(ctx(s).positions.vng).toMatchObject({ how: 'written', round: 1 });
    expect(ctx(s).proxies).toEqual({});
    s = agree(s, 'ipo');
    s = send(s, { type: 'CLOSE_MEETING' }, ogbChair, '2019-04-11T12:00:00.000Z');
    expect(s.value).toBe('adopted');
    expect(s.output).toMatchObject({
      outcome: 'adopted',
      postponed: true,
      boundAbsent: ['uvw'],
      positions: [
        expect.objectContaining({ party: 'rijk', round: 1 }),
        expect.objectContaining({ party: 'vng', how: 'written', round: 1 }),
        expect.objectContaining({ party: 'ipo', round: 2 }),
      ],
    });
    expect(ctx(s).meetings[1]).toMatchObject({ round: 2, absent: ['rijk', 'vng', 'uvw'] });
  });

  test('a party may change its first position at the second meeting, once', () => {
    let s = secondMeeting(agree(agree(start(), 'rijk'), 'vng'));
    s = send(s, { type: 'POSITION', position: 'agree', note: 'Blijft akkoord' }, ogbMember('rijk'));
    expect(ctx(s).positions.rijk).toMatchObject({ round: 2, note: 'Blijft akkoord' });
    expect(
      s.can({ type: 'POSITION', position: 'object', note: '', actor: ogbMember('rijk'), at }),
    ).toBe(false);
    s = send(s, { type: 'POSITION', position: 'object' }, ogbMember('vng'));
    expect(s.value).toBe('rejected');
  });

  test('a second meeting where no party is present decides nothing: undecided, and nobody is bound', () => {
    let s = secondMeeting(agree(agree(start(), 'rijk'), 'vng'));
    s = send(s, { type: 'CLOSE_MEETING' }, ogbChair, '2019-04-11T12:00:00.000Z');
    expect(s.value).toBe('undecided');
    expect(s.hasTag('noConsensus')).toBe(true);
    expect(s.output).toMatchObject({ outcome: 'undecided', postponed: true, boundAbsent: [] });
    expect(decisionDefinition.summary(s)).toMatch(/niet besloten/);
  });

  test('runs recorded before: the second meeting starts from zero, and an empty one rejects binding all', () => {
    let s = agree(start(beforeIssue14), 'rijk');
    s = send(postponedWith(s), { type: 'OPEN_SECOND_MEETING' }, ogbChair);
    expect(ctx(s).positions).toEqual({});
    s = send(s, { type: 'CLOSE_MEETING' }, ogbChair);
    expect(s.output).toMatchObject({
      outcome: 'rejected',
      boundAbsent: ['rijk', 'vng', 'ipo', 'uvw'],
    });
  });
});

describe('issue 14: refusals that name their rule', () => {
  // "Een partij kan ingeval van verhindering een andere partij machtigen in het OGB Beheer namens
  // hem een standpunt in te brengen en een stem uit te brengen of dat schriftelijk doen bij de
  // voorzitter."
  const events = decisionDefinition.events;
  const uvwToRijk = send(start(), { type: 'AUTHORISE_PROXY', holder: 'rijk' }, ogbMember('uvw'));

  test('no written vote for a party that gave a proxy: its holder speaks for it', () => {
    expect(events.WRITTEN_VOTE?.authorise?.(uvwToRijk, ogbChair, { party: 'uvw' })).toEqual({
      rule: 'wrong-party',
      reason:
        'uvw heeft rijk gemachtigd; rijk brengt het standpunt van uvw in / ' +
        'uvw gave its proxy to rijk, who speaks for uvw',
    });
    expect(events.WRITTEN_VOTE?.authorise?.(uvwToRijk, ogbChair, { party: 'ipo' })).toBeUndefined();
  });

  test('no position from a party that gave a proxy, on its own behalf', () => {
    expect(events.POSITION?.authorise?.(uvwToRijk, ogbMember('uvw'), {})).toMatchObject({
      rule: 'wrong-party',
      reason: expect.stringMatching(/^uvw heeft rijk gemachtigd.* \/ uvw gave its proxy to rijk/),
    });
    expect(
      uvwToRijk.can({ type: 'POSITION', position: 'agree', note: '', actor: ogbMember('uvw'), at }),
    ).toBe(false);
  });

  test('no proxy to a party that is absent itself: it gave a proxy, or voted in writing', () => {
    expect(
      events.AUTHORISE_PROXY?.authorise?.(uvwToRijk, ogbMember('ipo'), { holder: 'uvw' }),
    ).toEqual({
      rule: 'wrong-party',
      reason:
        'uvw is zelf afwezig (heeft zelf rijk gemachtigd) en kan geen machtiging aannemen / ' +
        'uvw is absent itself (gave its own proxy to rijk) and cannot hold a proxy',
    });
    const wrote = send(
      start(),
      { type: 'WRITTEN_VOTE', party: 'ipo', position: 'agree' },
      ogbChair,
    );
    expect(
      events.AUTHORISE_PROXY?.authorise?.(wrote, ogbMember('vng'), { holder: 'ipo' }),
    ).toMatchObject({
      rule: 'wrong-party',
      reason: expect.stringMatching(/voted in writing/),
    });
    expect(wrote.can({ type: 'AUTHORISE_PROXY', holder: 'ipo', actor: ogbMember('vng'), at })).toBe(
      false,
    );
    expect(
      events.AUTHORISE_PROXY?.authorise?.(start(), ogbMember('ipo'), { holder: 'ipo' }),
    ).toMatchObject({
      rule: 'wrong-party',
    });
  });
});
