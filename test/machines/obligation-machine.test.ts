import type { AnyMachineSnapshot } from 'xstate';
import { initialTransition, transition } from 'xstate';
import type { Actor } from '../../machines/actors';
import { findDefinition } from '../../machines/registry';
import { obligationCatalogue, trackedElsewhere } from '../../machines/obligation/catalogue';
import {
  obligationDefinition,
  obligationDefinitionFor,
} from '../../machines/obligation/definition';
import {
  WAIVE_WHEN_LAPSED_RULE,
  type ObligationContext,
  type ObligationOutput,
} from '../../machines/obligation/types';
import { machineDriver } from '../helpers/machine-driver';

const at = '2019-02-01T09:00:00.000Z';
const sbo: Actor = { id: 'sbo', role: 'sbo', party: 'rijk' };
const tbo: Actor = { id: 'tbo', role: 'tbo' };
const ogbVng: Actor = { id: 'ogb-vng', role: 'ogb', party: 'vng' };
const system: Actor = { id: 'temporal', role: 'system' };
const driver = machineDriver(obligationDefinition, at, sbo);

const protocol = {
  obligationKey: 'beheerprotocol',
  title: 'Beheerprotocol',
  source: 'Beheerarrangement §6.4',
  owner: { role: 'tbo' },
  recipient: { role: 'sbo' },
  due: '2019-06-01',
};
const ctx = (snapshot: AnyMachineSnapshot) => snapshot.context as ObligationContext;
const passed = (snapshot: AnyMachineSnapshot, deadline: string) =>
  transition(obligationDefinition.machine, snapshot, {
    type: 'DEADLINE_PASSED',
    deadline,
    actor: system,
    at: '2019-05-31T22:00:00.000Z',
  })[0];
const refusal = (type: string, snapshot: AnyMachineSnapshot, actor: Actor) =>
  obligationDefinition.events[type]?.authorise?.(snapshot, actor, {});

describe('a dated obligation', () => {
  test('"before 1 June" is due at 00:00 Amsterdam time on 1 June, reminded 30, 7 and 1 days before', () => {
    const s = driver.start(protocol);
    expect(s.value).toEqual({ open: 'inTime' });
    expect(ctx(s)).toMatchObject({ due: '2019-05-31T22:00:00.000Z', reminderDays: [30, 7, 1] });
    expect(obligationDefinition.deadlines.due?.due(s)).toBe('2019-05-31T22:00:00.000Z');
    expect(obligationDefinition.deadlines.moment?.due(s)).toBeNull();
    expect(obligationDefinition.summary(s)).toBe(
      'Beheerprotocol (Tactische beheerorganisatie): te leveren vóór 2019-06-01',
    );
  });

  test('delivered on time by its owner, then confirmed by the recipient', () => {
    let s = driver.start(protocol);
    expect(refusal('DELIVER', s, sbo)).toMatchObject({
      rule: 'wrong-role',
      reason: expect.stringMatching(/only the owner \(Tactische beheerorganisatie\)/),
    });
    expect(refusal('DELIVER', s, tbo)).toBeUndefined();
    expect(s.can(driver.event({ type: 'ACCEPT' }, sbo) as never)).toBe(false);
    s = driver.send(s, { type: 'DELIVER', reference: 'Beheerprotocol v1.0' }, tbo);
    expect(s.value).toBe('awaitingAcceptance');
    expect(ctx(s).delivery).toMatchObject({
      reference: 'Beheerprotocol v1.0',
      by: 'tbo',
      late: false,
    });
    expect(refusal('ACCEPT', s, tbo)).toMatchObject({
      rule: 'wrong-role',
      reason: expect.stringMatching(/only the recipient/),
    });
    // Delivered: it can no longer be waived, nor delivered twice.
    expect(s.can(driver.event({ type: 'WAIVE', reason: 'x' }, sbo) as never)).toBe(false);
    expect(s.can(driver.event({ type: 'DELIVER', reference: 'x' }, tbo) as never)).toBe(false);
    s = driver.send(s, { type: 'ACCEPT', note: 'Vastgesteld' }, sbo);
    expect(s.status).toBe('done');
    expect(s.output as ObligationOutput).toMatchObject({
      outcome: 'accepted',
      late: false,
      acceptance: { by: 'sbo', note: 'Vastgesteld' },
    });
    expect(obligationDefinition.deadlines.due?.metWhen?.(s)).toBe(true);
  });

  test('overdue when the date passes, still deliverable, and the delivery is recorded as late', () => {
    let s = passed(driver.start(protocol), 'due');
    expect(s.value).toEqual({ open: 'overdue' });
    expect(s.hasTag('overdue')).toBe(true);
    expect(obligationDefinition.summary(s)).toMatch(/termijn verstreken \(vóór 2019-06-01\)/);
    // Another deadline's name changes nothing.
    expect(passed(driver.start(protocol), 'moment').value).toEqual({ open: 'inTime' });
    s = driver.send(s, { type: 'DELIVER', reference: 'Beheerprotocol v1.0' }, tbo);
    expect(obligationDefinition.summary(s)).toMatch(/geleverd \(te laat\), wacht op bevestiging/);
    s = driver.send(s, { type: 'ACCEPT' }, sbo);
    expect(s.output as ObligationOutput).toMatchObject({ outcome: 'accepted', late: true });
  });

  test('the SBO waives an obligation that lapsed, with its reason; nobody else may', () => {
    let s = passed(driver.start(protocol), 'due');
    expect(obligationDefinition.events.WAIVE?.roles).toEqual(['sbo']);
    s = driver.send(s, { type: 'WAIVE', reason: 'De wet treedt later in werking' }, sbo);
    expect(s.value).toBe('waived');
    expect(s.output as ObligationOutput).toMatchObject({
      outcome: 'waived',
      waiver: { by: 'sbo', reason: 'De wet treedt later in werking' },
    });
    // Waived is not met: the host records the deadline as passed on.
    expect(obligationDefinition.deadlines.due?.metWhen?.(s)).toBe(false);
    expect(obligationDefinition.events.WAIVE?.payload.safeParse({ reason: ' ' }).success).toBe(
      false,
    );
  });

  test('"Waived" only when lapsed: an obligation still in time is the owner\'s to deliver, and the SBO\'s WAIVE is refused (missing-earlier-step)', () => {
    // "Voor 1 juni 2019 een beheerprotocol opstelt" (§6.4): until then it is the TBO's to deliver.
    const s = driver.start(protocol);
    expect(refusal('WAIVE', s, sbo)).toEqual({
      rule: 'missing-earlier-step',
      reason:
        'de verplichting is nog op tijd (te leveren vóór 2019-06-01): de SBO verklaart haar pas ' +
        'vervallen als de termijn verstreken is / the obligation is still in time (due before ' +
        '2019-06-01): the SBO waives it only once its due date has passed',
    });
    expect(s.can(driver.event({ type: 'WAIVE', reason: 'x' }, sbo) as never)).toBe(false);
    // Overdue, and a moment: the SBO may waive them.
    expect(refusal('WAIVE', passed(s, 'due'), sbo)).toBeUndefined();
    const moment = driver.start({
      ...protocol,
      obligationKey: 'einde',
      moment: true,
      recipient: undefined,
    });
    expect(refusal('WAIVE', moment, sbo)).toBeUndefined();
    expect(moment.can(driver.event({ type: 'WAIVE', reason: 'x' }, sbo) as never)).toBe(true);
    // A run started before the revision keeps the old rule.
    const input = obligationDefinition.input.parse(protocol);
    const [older] = initialTransition(
      obligationDefinition.machine,
      obligationDefinition.machineInput(input, {
        actor: sbo,
        at,
        olderRules: [WAIVE_WHEN_LAPSED_RULE],
      }),
    );
    expect(refusal('WAIVE', older, sbo)).toBeUndefined();
    expect(older.can(driver.event({ type: 'WAIVE', reason: 'x' }, sbo) as never)).toBe(true);
    expect(obligationDefinition.publicContext(older)).not.toHaveProperty('olderRules');
  });

  test('without a recipient the delivery ends it; a named party means only that member', () => {
    let s = driver.start({
      ...protocol,
      obligationKey: 'plan',
      owner: { role: 'ogb', party: 'vng' },
      recipient: undefined,
    });
    // The owner's body, but another government's member: the wrong party.
    expect(refusal('DELIVER', s, { id: 'ogb-ipo', role: 'ogb', party: 'ipo' })).toMatchObject({
      rule: 'wrong-party',
      reason: expect.stringMatching(/OGB Beheer \(vng\)/),
    });
    expect(refusal('ACCEPT', s, sbo)).toEqual({
      rule: 'wrong-role',
      reason: 'this obligation has no recipient',
    });
    s = driver.send(s, { type: 'DELIVER', reference: 'Besluit' }, ogbVng);
    expect(s.value).toBe('delivered');
    expect(s.output as ObligationOutput).toMatchObject({ outcome: 'delivered', late: false });
  });

  test('a moment is reached, never overdue, and nobody delivers it', () => {
    const input = {
      obligationKey: 'einde',
      title: 'Einde looptijd',
      source: '§8.1',
      owner: { role: 'bo' },
      due: '2029-01-01',
      moment: true,
      reminderDays: [365, 90, 30],
    };
    let s = driver.start(input);
    expect(s.value).toBe('awaitingMoment');
    expect(obligationDefinition.deadlines.due?.due(s)).toBeNull();
    expect(obligationDefinition.deadlines.moment?.due(s)).toBe('2028-12-31T23:00:00.000Z');
    expect(obligationDefinition.deadlines.moment?.moment).toBe(true);
    expect(
      s.can(
        driver.event(
          { type: 'DELIVER', reference: 'x' },
          { id: 'bo-rijk', role: 'bo', party: 'rijk' },
        ) as never,
      ),
    ).toBe(false);
    s = passed(s, 'moment');
    expect(s.value).toBe('reached');
    expect(s.output as ObligationOutput).toMatchObject({ outcome: 'reached' });
    // The run's own reminder days replace the default for this run only.
    const own = obligationDefinitionFor(input);
    expect(own.deadlines.moment?.remindDaysBefore).toEqual([365, 90, 30]);
    expect(obligationDefinition.deadlines.moment?.remindDaysBefore).toEqual([30, 7, 1]);
    expect(obligationDefinitionFor({ bad: true })).toBe(obligationDefinition);
  });

  test('bad start input is refused with the field named', () => {
    const parse = (input: Record<string, unknown>) =>
      obligationDefinition.input.safeParse({ ...protocol, ...input }).error?.issues[0]?.path;
    expect(parse({ due: '2019-02-30' })).toEqual(['due']);
    expect(parse({ obligationKey: 'Geen Slug' })).toEqual(['obligationKey']);
    expect(parse({ owner: { role: 'koning' } })).toEqual(['owner', 'role']);
    expect(parse({ reminderDays: [7, 7] })).toEqual(['reminderDays']);
    expect(parse({ moment: true })).toEqual(['recipient']);
    // Only the OGB Beheer and the BO act per government: a TBO "of the VNG" could never act.
    expect(parse({ owner: { role: 'tbo', party: 'vng' } })).toEqual(['owner', 'party']);
    expect(parse({ recipient: { role: 'ogb', party: 'vng' } })).toBeUndefined();
  });
});

describe('the catalogue of dated obligations', () => {
  test('every entry is a valid start input with a unique key', () => {
    const catalogue = obligationCatalogue();
    expect(catalogue.map((entry) => entry.obligationKey)).toEqual([
      'transitieplan-2019-2021',
      'beheerprotocol',
      'tactisch-beheerplan-en-meerjarenbegroting',
      'aansluitvoorwaarden-en-informatieprotocol',
      'plan-uitbouw',
      'evaluatie-beheerarrangement-2026',
      'evaluatie-informatiepunt',
      'einde-looptijd-beheerovereenkomst',
    ]);
    for (const entry of catalogue) {
      expect(obligationDefinition.input.safeParse(entry).error).toBeUndefined();
    }
  });

  test('the Informatiepunt evaluation follows the date the Act takes effect', () => {
    const due = (actTakesEffect?: string) =>
      obligationCatalogue({ actTakesEffect }).find(
        (entry) => entry.obligationKey === 'evaluatie-informatiepunt',
      )?.due;
    expect(due()).toBe('2024-01-01');
    expect(due('2024-01-01')).toBe('2027-01-01');
    expect(() => obligationCatalogue({ actTakesEffect: '2024-13-01' })).toThrow();
  });

  test('what another process already carries points at a deadline that exists there', () => {
    for (const entry of trackedElsewhere) {
      expect(findDefinition(entry.kind)?.deadlines[entry.deadline]).toBeDefined();
    }
  });
});
