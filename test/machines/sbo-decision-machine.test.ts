import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../../machines/actors';
import { sboDecisionDefinition } from '../../machines/sbo-decision/definition';
import { sboDecisionMachine } from '../../machines/sbo-decision/machine';
import type {
  SboDecisionContext,
  SboDecisionEvent,
  SboDecisionMachineInput,
} from '../../machines/sbo-decision/types';
import { ogbMember, sbo } from '../helpers/decision-actors';

const at = '2019-05-01T09:00:00.000Z';
const base = { decisionKey: 'besluit', subject: 'Onderwerp', proposal: 'Voorstel' };

function start(input: Record<string, unknown>): AnyMachineSnapshot {
  const parsed = sboDecisionDefinition.input.parse({ ...base, ...input });
  return initialTransition(
    sboDecisionMachine,
    sboDecisionDefinition.machineInput(parsed, { actor: sbo, at }) as SboDecisionMachineInput,
  )[0];
}
function send(
  snapshot: AnyMachineSnapshot,
  payload: { type: string } & Record<string, unknown>,
  actor: Actor,
) {
  const event = { note: '', ...payload, actor, at } as SboDecisionEvent;
  expect(snapshot.can(event)).toBe(true);
  return transition(sboDecisionMachine, snapshot as never, event)[0] as AnyMachineSnapshot;
}
const ctx = (snapshot: AnyMachineSnapshot) => snapshot.context as SboDecisionContext;
const system: Actor = { id: 'temporal', role: 'system' };

describe('SBO decision categories (seed §6.3)', () => {
  test('the category is checked against the kind of decision where the seed names it', () => {
    const wrong = sboDecisionDefinition.input.safeParse({
      ...base,
      decisionType: 'tbo-change',
      category: 3,
    });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({
      path: ['category'],
      message: expect.stringMatching(/category 1/),
    });
    expect(
      sboDecisionDefinition.input.safeParse({ ...base, decisionType: 'other', category: 4 })
        .success,
    ).toBe(true);
    const noMeeting = sboDecisionDefinition.input.safeParse({
      ...base,
      decisionType: 'service-levels',
      category: 1,
    });
    expect(noMeeting.error?.issues[0]?.path).toEqual(['meetingDate']);
  });

  test('category 1 asks for a consensus decision of the OGB Beheer and follows its outcome', () => {
    const s = start({ decisionType: 'tbo-change', category: 1, meetingDate: '2019-05-16' });
    expect(s.value).toBe('consensus');
    expect(sboDecisionDefinition.children?.(s)).toEqual([
      {
        key: 'ogb',
        kind: 'decision',
        input: expect.objectContaining({
          decisionKey: 'besluit-ogb',
          body: 'ogb',
          meetingDate: '2019-05-15T22:00:00.000Z',
        }),
      },
    ]);
    const done = (outcome: string) => ({
      type: 'CHILD_DONE',
      key: 'ogb',
      kind: 'decision',
      childId: 'decision:besluit-ogb',
      status: 'completed',
      output: {
        outcome,
        body: 'ogb',
        subject: 'Onderwerp',
        postponed: false,
        positions: [],
        boundAbsent: [],
        decidedAt: at,
      },
    });
    const adopted = send(s, done('adopted'), system);
    expect(adopted.value).toBe('decided');
    expect(ctx(adopted).decision).toMatchObject({ decision: 'adopt', by: 'decision:besluit-ogb' });
    const rejected = send(s, done('rejected'), system);
    expect(rejected.value).toBe('noConsensus');
    expect(rejected.hasTag('escalationNeeded')).toBe(true);
  });

  test('category 2: the other governments respond (objections recorded), then the SBO decides', () => {
    let s = start({ decisionType: 'obo-change', category: 2, responseDue: '2019-05-20' });
    expect(s.value).toBe('consultation');
    expect(s.can({ type: 'DECIDE', decision: 'adopt', note: '', actor: sbo, at })).toBe(false);
    s = send(s, { type: 'RESPOND', position: 'support' }, ogbMember('vng'));
    s = send(s, { type: 'RESPOND', position: 'object', note: 'Te duur' }, ogbMember('ipo'));
    s = send(s, { type: 'RESPOND', position: 'support' }, ogbMember('uvw'));
    expect(s.value).toBe('deciding');
    s = send(s, { type: 'DECIDE', decision: 'adopt' }, sbo);
    expect(s.output).toMatchObject({
      decision: { decision: 'adopt' },
      responses: expect.arrayContaining([
        expect.objectContaining({ party: 'ipo', position: 'object' }),
      ]),
    });
  });

  test('category 2: when the response deadline passes, the SBO decides without the missing answers', () => {
    let s = start({
      decisionType: 'calamity-with-consequences',
      category: 2,
      responseDue: '2019-05-20',
    });
    s = send(s, { type: 'RESPOND', position: 'support' }, ogbMember('vng'));
    s = send(s, { type: 'DEADLINE_PASSED', deadline: 'consultation' }, system);
    expect(s.value).toBe('deciding');
    expect(Object.keys(ctx(s).responses)).toEqual(['vng']);
  });

  test('categories 3 and 4: the SBO decides; category 3 names whom to notify', () => {
    const three = send(
      start({ decisionType: 'calamity-without-consequences', category: 3 }),
      { type: 'DECIDE', decision: 'adopt' },
      sbo,
    );
    expect(three.output).toMatchObject({ notify: ['vng', 'ipo', 'uvw'] });
    const four = send(
      start({ decisionType: 'management-decision', category: 4 }),
      { type: 'DECIDE', decision: 'reject' },
      sbo,
    );
    expect(four.output).toMatchObject({ notify: [], decision: { decision: 'reject' } });
  });
});
