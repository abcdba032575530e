/**
 * Who may move which deadline, for every kind in the registry, and how far: the bound parties
 * of each deadline and the limits of deadline-rules.ts, checked as the host checks them.
 */
import type { AnyMachineSnapshot, AnyStateNode } from 'xstate';
import { parties, type Actor, type Role } from '../../machines/actors';
import { amsterdamMidnight, calendarDaysBefore } from '../../machines/dutch-time';
import { originNames, type Origin } from '../../machines/escalation/types';
import {
  DEFAULT_DEADLINE_ROLES,
  type DeadlineDefinition,
  type ProcessDefinition,
} from '../../machines/process-definition';
import { definitionOf, processKinds } from '../../machines/registry';
import type { DeadlineRecord } from '../../workflows/contract';
import { adjustDeadline, deadlineChangeSchema } from '../../workflows/deadline-adjustment';
import {
  createDeadlines,
  dueItems,
  nextWakeUp,
  syncDeadlines,
} from '../../workflows/deadline-book';
import {
  automaticResumption,
  boundParties,
  boundRefusal,
  deadlineLimit,
} from '../../workflows/deadline-rules';
import { machineDriver } from '../helpers/machine-driver';

const member = (role: 'ogb' | 'bo', party: (typeof parties)[number]): Actor => ({
  id: `${role}-${party}`,
  role,
  party,
});
/** One actor of every role, and every government's member of the two bodies. */
const probes: Actor[] = [
  { id: 'sbo', role: 'sbo', party: 'rijk' },
  { id: 'tbo', role: 'tbo' },
  { id: 'obo', role: 'obo' },
  { id: 'programma-dso', role: 'programme' },
  { id: 'ontwikkelpartij', role: 'developer' },
  { id: 'minister-bzk', role: 'minister', party: 'rijk' },
  ...parties.map((party) => member('ogb', party)),
  ...parties.map((party) => member('bo', party)),
];
const label = (actor: Actor) =>
  actor.party && ['ogb', 'bo'].includes(actor.role) ? `${actor.role}:${actor.party}` : actor.role;
const everyMember = (role: 'ogb' | 'bo') => parties.map((party) => `${role}:${party}`);

/** Who may change this deadline of this run, by the host's rules: role, then not bound. */
function mayChange(definition: ProcessDefinition, id: string, snapshot: AnyMachineSnapshot) {
  const deadline = definition.deadlines[id] as DeadlineDefinition;
  const roles: readonly string[] = definition.deadlineRoles ?? DEFAULT_DEADLINE_ROLES;
  return probes
    .filter((actor) => roles.includes(actor.role))
    .filter((actor) => boundRefusal(deadline, snapshot, actor) === undefined)
    .map(label)
    .sort();
}

const at = '2019-01-15T09:00:00.000Z';
const sboActor: Actor = { id: 'sbo', role: 'sbo', party: 'rijk' };
const starters: Record<string, Actor> = {
  acceptance: { id: 'programma-dso', role: 'programme' },
  'acceptance-programme': { id: 'programma-dso', role: 'programme' },
};
const sampleInputs: Record<string, unknown> = {
  acceptance: { provision: 'loket' },
  'acceptance-programme': {},
  decision: {
    decisionKey: 'begroting-2020',
    body: 'ogb',
    subject: 'Begroting 2020',
    proposal: 'Vaststellen',
    meetingDate: '2019-03-15',
  },
  'sbo-decision': {
    decisionKey: 'wijziging-obo',
    subject: 'Wijziging OBO',
    proposal: 'Voorstel',
    decisionType: 'other',
    category: 2,
    responseDue: '2019-03-01',
  },
  reselection: {},
  escalation: {
    disputeKey: 'geschil',
    subject: 'Kosten',
    description: 'Wie betaalt?',
    origin: 'sbo-tbo',
  },
  'pc-cycle': { year: 2021 },
  obligation: {
    obligationKey: 'beheerprotocol',
    title: 'Beheerprotocol',
    source: '§6.4',
    owner: { role: 'tbo' },
    recipient: { role: 'sbo' },
    due: '2019-06-01',
  },
};
const startOf = (kind: string, input: unknown = sampleInputs[kind]) =>
  machineDriver(definitionOf(kind), at, starters[kind] ?? sboActor).start(input);

/** The decision of this project, per kind and deadline: who may move it (DECISIONS.md). */
const expected: Record<string, Record<string, string[]>> = {
  acceptance: { phase1: ['sbo'], phase2: ['sbo'], agreement: ['sbo'] },
  'acceptance-programme': { phase1: ['sbo'], phase2: ['sbo'], extensionProtocol: ['sbo'] },
  decision: { meeting: ['sbo', 'tbo'], secondMeeting: ['sbo', 'tbo'] },
  'sbo-decision': { consultation: ['sbo', 'tbo'] },
  reselection: {
    rules: [...everyMember('bo'), 'sbo'],
    evaluation: everyMember('bo'),
    ogbDecision: ['bo:ipo', 'bo:rijk', 'bo:uvw'],
    boRatification: [],
    termStart: [...everyMember('bo'), 'sbo'],
  },
  // An SBO↔TBO dispute: both are parties to it, and no one else may move its time boxes.
  escalation: { principalAgent: [], ogb: [], bo: [], settlement: [] },
  'pc-cycle': {
    spring: everyMember('bo'),
    autumn: everyMember('bo'),
    boAccountability: ['sbo'],
    progress1: [...everyMember('bo'), 'sbo'],
    progress2: [...everyMember('bo'), 'sbo'],
  },
  // Owned by the TBO.
  obligation: { due: [...everyMember('bo'), 'sbo'], moment: [...everyMember('bo'), 'sbo'] },
};

describe('who a deadline binds may not move it', () => {
  test.each(processKinds)('%s: every deadline as decided', (kind) => {
    const definition = definitionOf(kind);
    const snapshot = startOf(kind);
    const actual = Object.fromEntries(
      Object.keys(definition.deadlines).map((id) => [id, mayChange(definition, id, snapshot)]),
    );
    expect(actual).toEqual(
      Object.fromEntries(
        Object.entries(expected[kind] ?? {}).map(([id, who]) => [id, [...who].sort()]),
      ),
    );
  });

  const escalationTable: Record<Origin, Record<string, string[]>> = {
    'sbo-tbo': { principalAgent: [], ogb: [], bo: [], settlement: [] },
    'tbo-obo': { principalAgent: ['sbo'], ogb: ['sbo'], bo: ['sbo'], settlement: [] },
    'sbo-ogb': { principalAgent: ['tbo'], ogb: ['tbo'], bo: ['tbo'], settlement: ['tbo'] },
    'within-ogb': {
      principalAgent: ['sbo', 'tbo'],
      ogb: ['sbo', 'tbo'],
      bo: ['sbo', 'tbo'],
      settlement: ['tbo'],
    },
    'ogb-consensus': {
      principalAgent: ['sbo', 'tbo'],
      ogb: ['sbo', 'tbo'],
      bo: ['sbo', 'tbo'],
      settlement: ['tbo'],
    },
    'bo-consensus': {
      principalAgent: ['sbo', 'tbo'],
      ogb: ['sbo', 'tbo'],
      bo: ['sbo', 'tbo'],
      settlement: ['tbo'],
    },
  };
  test.each(originNames)('escalation %s: the parties to the dispute and each rung', (origin) => {
    const definition = definitionOf('escalation');
    const snapshot = startOf('escalation', { ...(sampleInputs.escalation as object), origin });
    const actual = Object.fromEntries(
      Object.keys(definition.deadlines).map((id) => [id, mayChange(definition, id, snapshot)]),
    );
    expect(actual).toEqual(escalationTable[origin]);
  });

  test('the refusal names the rule, in Dutch and English', () => {
    const escalation = definitionOf('escalation');
    const timeBox = escalation.deadlines.principalAgent as DeadlineDefinition;
    const snapshot = startOf('escalation');
    expect(boundRefusal(timeBox, snapshot, { id: 'tbo', role: 'tbo' })).toBe(
      'de TBO is partij in dit geschil en mag deze termijn niet wijzigen / ' +
        'the TBO is a party to this dispute and may not change its deadline',
    );
    const acceptance = definitionOf('acceptance');
    expect(
      boundRefusal(acceptance.deadlines.phase1 as DeadlineDefinition, startOf('acceptance'), {
        id: 'tbo',
        role: 'tbo',
      }),
    ).toBe(
      'de TBO moet vóór deze termijn handelen en mag deze termijn niet wijzigen / ' +
        'the TBO must act before this deadline and may not change it',
    );
    const reselection = definitionOf('reselection');
    expect(
      boundRefusal(
        reselection.deadlines.ogbDecision as DeadlineDefinition,
        startOf('reselection'),
        member('bo', 'vng'),
      ),
    ).toBe(
      'het lid van de VNG in het BO moet vóór deze termijn handelen en mag deze termijn niet wijzigen / ' +
        "the VNG's member of the BO must act before this deadline and may not change it",
    );
  });

  test('an obligation binds its owner, and only its government where one is named', () => {
    const definition = definitionOf('obligation');
    const owned = (owner: Record<string, string>) =>
      mayChange(
        definition,
        'due',
        startOf('obligation', { ...(sampleInputs.obligation as object), owner }),
      );
    expect(owned({ role: 'sbo' })).toEqual([...everyMember('bo')].sort());
    expect(owned({ role: 'bo', party: 'vng' })).toEqual(['bo:ipo', 'bo:rijk', 'bo:uvw', 'sbo']);
  });

  /**
   * Events that do not act on what a deadline asks: restarting a technically failed child and
   * waiving an obligation; and events whose `authorise` narrows them to the parties `boundBy`
   * lists per run (checked per origin and owner above).
   */
  const notActing = new Set([
    'RETRY_DECISION',
    'RETRY_ESCALATION',
    'RETRY_CHILD',
    'WAIVE',
    'RESOLVE',
    'DELIVER',
  ]);
  test.each(processKinds)(
    "%s: a role that may move deadlines and acts in a deadline's states is bound by it",
    (kind) => {
      const definition = definitionOf(kind);
      const snapshot = startOf(kind);
      const movers: readonly Role[] = definition.deadlineRoles ?? DEFAULT_DEADLINE_ROLES;
      const unbound: string[] = [];
      const walk = (node: AnyStateNode, inherited: readonly string[]) => {
        const own = (node.meta as { deadline?: string } | undefined)?.deadline;
        const ids = own ? [...inherited, own] : inherited;
        for (const type of Object.keys(node.on)) {
          const event = definition.events[type];
          if (!event || notActing.has(type)) continue;
          for (const id of ids) {
            const bound = boundParties(definition.deadlines[id] as DeadlineDefinition, snapshot);
            for (const role of event.roles.filter((r) => movers.includes(r))) {
              if (!bound.some((party) => party.role === role))
                unbound.push(`${id}: ${role} (${type})`);
            }
          }
        }
        for (const child of Object.values(node.states)) walk(child, ids);
      };
      walk(definition.machine.root, []);
      expect(unbound).toEqual([]);
    },
  );
});

describe('how far a deadline may move', () => {
  const sbo = sboActor;
  const change = (raw: Record<string, unknown>) =>
    deadlineChangeSchema.parse({ reason: 'r', ...raw });
  function running(kind: string, id: string, input?: unknown) {
    const definition = definitionOf(kind);
    const snapshot = startOf(kind, input);
    const deadline = definition.deadlines[id] as DeadlineDefinition;
    const [record] = syncDeadlines(
      createDeadlines(definition).filter((d) => d.id === id),
      new Set([id]),
      Date.parse(at),
      () => deadline.due(snapshot),
    );
    if (record?.status !== 'running') throw new Error(`${id} does not run`);
    return { record, snapshot, deadline, limit: deadlineLimit(deadline, record, snapshot) };
  }
  const refusal = (result: ReturnType<typeof adjustDeadline>) =>
    result.ok ? 'accepted' : result.reason;

  test('an extension goes at most 180 days past the original due moment, however often', () => {
    const { record, limit } = running('acceptance', 'phase1');
    expect(limit).toEqual({
      at: calendarDaysBefore(amsterdamMidnight('2019-07-01'), -180),
      nl: 'ten hoogste 180 dagen na de oorspronkelijke termijn (vóór 2019-07-01)',
      en: 'at most 180 days after the original due moment (before 2019-07-01)',
    });
    const now = Date.parse('2019-06-01T09:00:00Z');
    const once = adjustDeadline(record, change({ action: 'extend', days: 100 }), sbo, now, limit);
    if (!once.ok) throw new Error(once.reason);
    // The allowance counts from the original date, not from the date already extended.
    expect(
      refusal(adjustDeadline(once.record, change({ action: 'extend', days: 81 }), sbo, now, limit)),
    ).toBe(
      'de nieuwe termijn (vóór 2019-12-29) ligt na de uiterste termijn vóór 2019-12-28: ' +
        'ten hoogste 180 dagen na de oorspronkelijke termijn (vóór 2019-07-01) / ' +
        'the new due moment (before 2019-12-29) lies past the latest permitted, before 2019-12-28: ' +
        'at most 180 days after the original due moment (before 2019-07-01)',
    );
    expect(
      adjustDeadline(once.record, change({ action: 'extend', days: 80 }), sbo, now, limit).ok,
    ).toBe(true);
    expect(
      adjustDeadline(once.record, change({ action: 'extend', days: 81 }), sbo, now, limit),
    ).toMatchObject({ ok: false, rule: 'limit-of-the-arrangement' });
  });

  test("never past the end of the arrangement's term, for a deadline within it", () => {
    const { record, limit } = running('obligation', 'due', {
      ...(sampleInputs.obligation as object),
      due: '2028-10-01',
    });
    expect(limit?.at).toBe(amsterdamMidnight('2029-01-01'));
    const result = adjustDeadline(
      record,
      change({ action: 'extend', until: '2029-03-01' }),
      sbo,
      Date.parse(at),
      limit,
    );
    expect(refusal(result)).toMatch(
      /einde van de looptijd van het beheerarrangement \(31-12-2028\).*end of the arrangement's term \(31 December 2028\)$/,
    );
    // A deadline of a later term is a later arrangement's: only the allowance applies.
    const later = running('pc-cycle', 'spring', { year: 2030 });
    expect(later.limit?.nl).toMatch(/^ten hoogste 180 dagen/);
  });

  test('a run may set its own limit: the re-selection before the new term, the P&C autumn before the budget year', () => {
    const { record, limit } = running('reselection', 'boRatification', {
      boRatificationDue: '2023-11-01',
    });
    expect(limit).toEqual({
      at: amsterdamMidnight('2024-01-01'),
      nl: 'vóór de start van de nieuwe termijn op 2024-01-01',
      en: 'before the new term starts on 2024-01-01',
    });
    expect(
      refusal(
        adjustDeadline(
          record,
          change({ action: 'extend', until: '2024-01-02' }),
          sbo,
          Date.parse(at),
          limit,
        ),
      ),
    ).toMatch(/ligt na de uiterste termijn vóór 2024-01-01/);
    const autumn = running('pc-cycle', 'autumn');
    expect(autumn.limit).toMatchObject({
      at: amsterdamMidnight('2022-01-01'),
      en: 'before the budget year 2022 begins',
    });
  });

  test('a per-deadline allowance is one field (e.g. "binnen één maand")', () => {
    const { record, snapshot, deadline } = running('acceptance', 'phase1');
    const limit = deadlineLimit({ ...deadline, maxExtensionDays: 31 }, record, snapshot);
    expect(limit?.nl).toBe('ten hoogste 31 dagen na de oorspronkelijke termijn (vóór 2019-07-01)');
    expect(
      adjustDeadline(
        record,
        change({ action: 'extend', until: '2019-08-02' }),
        sbo,
        Date.parse(at),
        limit,
      ).ok,
    ).toBe(false);
  });

  test('a suspension ends by itself once it has used the allowance; it cannot outlast it', () => {
    const { record, limit } = running('acceptance', 'phase1');
    if (!limit) throw new Error('no limit');
    const suspendedAt = Date.parse('2019-06-01T09:00:00Z');
    const suspended = adjustDeadline(
      record,
      change({ action: 'suspend' }),
      sbo,
      suspendedAt,
      limit,
    );
    if (!suspended.ok) throw new Error(suspended.reason);
    const resumesAt = automaticResumption(suspended.record, limit);
    expect(resumesAt).toBe(suspendedAt + Date.parse(limit.at) - Date.parse(record.due ?? ''));
    const reader = (r: DeadlineRecord) => automaticResumption(r, limit);
    expect(nextWakeUp([suspended.record], reader)).toBe(resumesAt);
    expect(dueItems([suspended.record], (resumesAt ?? 0) - 1, reader)).toEqual([]);
    expect(dueItems([suspended.record], resumesAt ?? 0, reader)).toEqual([
      { kind: 'resumption', deadlineId: 'phase1' },
    ]);
    // Resumed late by hand, it still ends where the suspension reached the limit.
    const resumed = adjustDeadline(
      suspended.record,
      change({ action: 'resume' }),
      sbo,
      (resumesAt ?? 0) + 86_400_000,
      limit,
    );
    if (!resumed.ok) throw new Error(resumed.reason);
    expect(resumed.record).toMatchObject({ status: 'running', due: limit.at });
    // At its limit a deadline cannot be suspended again.
    expect(
      refusal(
        adjustDeadline(
          resumed.record,
          change({ action: 'suspend' }),
          sbo,
          (resumesAt ?? 0) + 86_400_000,
          limit,
        ),
      ),
    ).toMatch(
      /^de termijn staat al op de uiterste termijn vóór 2019-12-28 .* a suspension would move it further$/,
    );
  });
});
