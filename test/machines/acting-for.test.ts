/**
 * Every event whose payload names an organisation or a party: its own actor sends it, or whoever
 * the arrangement gives the act to; anyone else is refused with the rule and a reason naming it.
 * Checked the way the host checks (role, then organisation, then the definition's rule) and the
 * way the view offers events (one probe per organisation).
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../../machines/actors';
import { acceptanceDefinition } from '../../machines/acceptance/definition';
import { decisionDefinition } from '../../machines/decision/definition';
import { obligationDefinition } from '../../machines/obligation/definition';
import {
  operationalManagers,
  organisationIdOf,
  organisationLabel,
} from '../../machines/organisations';
import { pcCycleDefinition } from '../../machines/pc-cycle/definition';
import type { ProcessDefinition } from '../../machines/process-definition';
import { actorRefusal, type Refusal } from '../../machines/refusals';
import { reselectionDefinition } from '../../machines/reselection/definition';
import { sboDecisionDefinition } from '../../machines/sbo-decision/definition';
import { allowedEvents, waitingOn } from '../../workflows/snapshot-reading';
import { ogbChair, ogbMember, sbo } from '../helpers/decision-actors';
import { machineDriver } from '../helpers/machine-driver';
import { oboOf, tbo } from '../helpers/organisation-actors';
import { proposal } from '../helpers/reselection-script';

const at = '2021-02-01T09:00:00.000Z';
const kadaster = oboOf('Kadaster');

/** What the host answers an actor for this event and payload now: undefined when it may send it. */
function refusal(
  definition: ProcessDefinition,
  type: string,
  snapshot: AnyMachineSnapshot,
  actor: Actor,
  payload: Record<string, unknown>,
): Refusal | undefined {
  const event = definition.events[type];
  if (!event) throw new Error(`no event ${type}`);
  if (!(event.roles as readonly string[]).includes(actor.role)) {
    return { rule: 'wrong-role', reason: `${actor.role} may not send ${type}` };
  }
  return actorRefusal(event, snapshot, actor, event.payload.parse(payload));
}

describe('the known operational managers', () => {
  test('each has a stable id and the Dutch name as label; a payload may name it either way', () => {
    expect(operationalManagers.map((o) => [o.id, o.label])).toEqual([
      ['kadaster', 'Kadaster'],
      ['geonovum', 'Geonovum'],
      ['koop', 'KOOP'],
    ]);
    expect(organisationIdOf('Kadaster')).toBe('kadaster');
    expect(organisationIdOf(' koop ')).toBe('koop');
    expect(organisationIdOf('Kennis- en Exploitatiecentrum Officiële Overheidspublicaties')).toBe(
      'koop',
    );
    expect(organisationLabel('geonovum')).toBe('Geonovum');
  });

  test('another organisation is known by its name in lower-case words, and labelled by that id', () => {
    expect(organisationIdOf('Rijkswaterstaat')).toBe('rijkswaterstaat');
    expect(organisationIdOf('VNG Realisatie')).toBe('vng-realisatie');
    expect(organisationIdOf('Dienst Ontwikkeling Één')).toBe('dienst-ontwikkeling-een');
    expect(organisationLabel('rijkswaterstaat')).toBe('rijkswaterstaat');
  });
});

describe('P&C cycle: an OBO submits its own accounts and plan; the TBO handles every OBO’s', () => {
  const driver = machineDriver(pcCycleDefinition, at, sbo);
  const s = driver.start({ year: 2021 });
  const accounts = (organisation: string) => ({ organisation });
  const plan = (organisation: string) => ({ organisation, summary: 'Werkplan', budgetCents: 1 });

  test.each([
    [
      'OBO_ACCOUNTS_SUBMITTED',
      accounts,
      "de jaarrekening van Geonovum indienen / only Geonovum may submit Geonovum's accounts",
    ],
    [
      'OBO_PLAN_SUBMITTED',
      plan,
      'het werkplan en de begroting van Geonovum indienen / ' +
        "only Geonovum may submit Geonovum's work plan and budget",
    ],
  ])('%s: for its own organisation only', (type, payload, rule) => {
    expect(refusal(pcCycleDefinition, type, s, kadaster, payload('Kadaster'))).toBeUndefined();
    expect(refusal(pcCycleDefinition, type, s, kadaster, payload('kadaster'))).toBeUndefined();
    expect(refusal(pcCycleDefinition, type, s, kadaster, payload('Geonovum'))).toEqual({
      rule: 'wrong-party',
      reason: `alleen Geonovum zelf mag ${rule}`,
    });
    // An OBO token without an organisation acts for none.
    expect(
      refusal(pcCycleDefinition, type, s, { id: 'obo', role: 'obo' }, payload('Kadaster')),
    ).toMatchObject({ rule: 'wrong-party' });
    expect(refusal(pcCycleDefinition, type, s, tbo, payload('Kadaster'))).toMatchObject({
      rule: 'wrong-role',
    });
  });

  test('the refusal names the rule in Dutch and English', () => {
    expect(
      refusal(
        pcCycleDefinition,
        'OBO_ACCOUNTS_SUBMITTED',
        s,
        oboOf('Geonovum'),
        accounts('Kadaster'),
      )?.reason,
    ).toBe(
      "alleen Kadaster zelf mag de jaarrekening van Kadaster indienen / only Kadaster may submit Kadaster's accounts",
    );
  });

  test.each([
    ['OBO_ACCOUNTS_DISCUSSED', accounts('Geonovum')],
    ['OBO_BUDGET_FIXED', { organisation: 'Geonovum', budgetCents: 1 }],
  ])('%s: the TBO, as every OBO’s principal, for any of them; no OBO', (type, payload) => {
    // Not for its role or party: only the OBO's own earlier step is still missing.
    expect(refusal(pcCycleDefinition, type, s, tbo, payload)).toMatchObject({
      rule: 'missing-earlier-step',
    });
    expect(refusal(pcCycleDefinition, type, s, oboOf('Geonovum'), payload)).toMatchObject({
      rule: 'wrong-role',
    });
  });

  test('each OBO is offered only its own organisation’s options, and waited on as role:organisation', () => {
    const submitted = allowedEvents(pcCycleDefinition, s, at).filter(
      (e) => e.type === 'OBO_ACCOUNTS_SUBMITTED',
    );
    expect(submitted.map((e) => [e.role, e.organisation, e.options])).toEqual([
      ['obo', 'kadaster', [{ organisation: 'Kadaster', note: '' }]],
      ['obo', 'geonovum', [{ organisation: 'Geonovum', note: '' }]],
      ['obo', 'koop', [{ organisation: 'KOOP', note: '' }]],
    ]);
    const discussed = allowedEvents(pcCycleDefinition, s, at).filter(
      (e) => e.type === 'OBO_BUDGET_FIXED' || e.type === 'OBO_PLAN_SUBMITTED',
    );
    expect(discussed.map((e) => e.organisation ?? e.role)).toEqual([
      'kadaster',
      'geonovum',
      'koop',
    ]);
    expect(waitingOn(allowedEvents(pcCycleDefinition, s, at))).toEqual(
      expect.arrayContaining(['obo:geonovum', 'obo:kadaster', 'obo:koop', 'sbo', 'tbo']),
    );
    expect(waitingOn(allowedEvents(pcCycleDefinition, s, at))).not.toContain('obo');
  });

  test('once Kadaster has submitted, only the others are still offered the accounts', () => {
    const after = driver.send(
      s,
      { type: 'OBO_ACCOUNTS_SUBMITTED', organisation: 'Kadaster' },
      kadaster,
    );
    expect(
      allowedEvents(pcCycleDefinition, after, at)
        .filter((e) => e.type === 'OBO_ACCOUNTS_SUBMITTED')
        .map((e) => e.organisation),
    ).toEqual(['geonovum', 'koop']);
  });

  test('replaying history from before: one role-wide "obo" entry, as it was', () => {
    const legacy = allowedEvents(pcCycleDefinition, s, at, { actsFor: false }).filter(
      (e) => e.type === 'OBO_ACCOUNTS_SUBMITTED',
    );
    expect(legacy).toEqual([
      expect.objectContaining({ role: 'obo', options: expect.any(Array) as unknown }),
    ]);
    expect(legacy[0]?.organisation).toBeUndefined();
    expect(legacy[0]?.options).toHaveLength(3);
  });
});

describe('acceptance: the TBO names the operational manager, as its principal', () => {
  const driver = machineDriver(acceptanceDefinition, at, {
    id: 'programma-dso',
    role: 'programme',
  });
  const s = driver.start({ provision: 'loket' });

  test.each([
    ['TRANSFER_COMPLETED', { operationalManager: 'Kadaster' }],
    ['AGREEMENT_PREPARED', { operationalManager: 'Geonovum', summary: 'Afspraken' }],
  ])('%s: the TBO for any OBO; no OBO itself', (type, payload) => {
    expect(refusal(acceptanceDefinition, type, s, tbo, payload)).toBeUndefined();
    expect(refusal(acceptanceDefinition, type, s, kadaster, payload)).toMatchObject({
      rule: 'wrong-role',
    });
  });
});

describe('re-selection: each organisation proposed consents itself', () => {
  const driver = machineDriver(reselectionDefinition, at, sbo);
  let s = driver.start({});
  s = driver.send(s, { type: 'VNG_STAYS_OUT' }, ogbMember('vng'));
  // Approach and rules: each an OGB Beheer consensus decision, adopted.
  for (const [type, key] of [
    ['APPROACH_PROPOSED', 'approach'],
    ['RULES_PROPOSED', 'rules'],
  ] as const) {
    s = driver.send(s, { type, note: 'n', rules: 'r', criteria: 'c' }, ogbMember('ipo'));
    const done = { type: 'CHILD_DONE', key, kind: 'decision', childId: `decision:${key}` };
    const output = { outcome: 'adopted', decidedAt: at };
    s = driver.send(
      s,
      { ...done, status: 'completed', output },
      { id: 'temporal', role: 'system' },
    );
  }
  s = driver.send(s, { type: 'EVALUATION_COMPLETED', findings: 'f', taskDivision: 't' }, sbo);
  s = driver.send(
    s,
    { type: 'BUDGET_EVALUATION_COMPLETED', yearlyBudgetCents: 1, period: '2024-2027' },
    sbo,
  );
  const prepared = s;
  s = driver.send(prepared, { ...proposal, obos: [...proposal.obos, 'Logius'] }, sbo);
  const consent = (organisation: string) => ({ organisation, consents: true });

  test('its own OBO, or the TBO whose token names it; the SBO no longer records it', () => {
    expect(refusal(reselectionDefinition, 'CONSENT', s, kadaster, consent('Kadaster'))).toBe(
      undefined,
    );
    expect(
      refusal(
        reselectionDefinition,
        'CONSENT',
        s,
        { ...tbo, organisation: 'logius' },
        consent('Logius'),
      ),
    ).toBeUndefined();
    expect(refusal(reselectionDefinition, 'CONSENT', s, kadaster, consent('KOOP'))).toEqual({
      rule: 'wrong-party',
      reason:
        'alleen KOOP zelf mag instemmen namens KOOP / only KOOP may consent on behalf of KOOP',
    });
    expect(refusal(reselectionDefinition, 'CONSENT', s, tbo, consent('Kadaster'))).toMatchObject({
      rule: 'wrong-party',
    });
    expect(refusal(reselectionDefinition, 'CONSENT', s, sbo, consent('Kadaster'))).toMatchObject({
      rule: 'wrong-role',
    });
  });

  test('each organisation is offered its own consent; before the change the SBO was', () => {
    const offered = allowedEvents(reselectionDefinition, s, at).filter((e) => e.type === 'CONSENT');
    expect(offered.filter((e) => e.role === 'obo').map((e) => e.organisation)).toEqual([
      'kadaster',
      'geonovum',
      'koop',
      'logius',
    ]);
    expect(offered.every((e) => e.options?.length === 1)).toBe(true);
    const legacy = allowedEvents(reselectionDefinition, s, at, { actsFor: false }).filter(
      (e) => e.type === 'CONSENT',
    );
    expect(legacy.map((e) => [e.role, e.options?.length])).toEqual([['sbo', 4]]);
  });

  test('an organisation named like a government ("VNG") is offered to nobody', () => {
    const vng = driver.send(prepared, { ...proposal, tbo: 'VNG', obos: ['Kadaster'] }, sbo);
    const offered = allowedEvents(reselectionDefinition, vng, at).filter(
      (e) => e.type === 'CONSENT',
    );
    expect([...new Set(offered.map((e) => e.organisation))]).toEqual(['kadaster']);
  });

  test.each(['VNG_JOINS_SELECTION', 'VNG_STAYS_OUT'])(
    '%s: only the VNG speaks for the municipalities',
    (type) => {
      const fresh = driver.start({});
      expect(refusal(reselectionDefinition, type, fresh, ogbMember('vng'), {})).toBeUndefined();
      expect(refusal(reselectionDefinition, type, fresh, ogbMember('ipo'), {})).toEqual({
        rule: 'wrong-party',
        reason: 'only the VNG speaks for the municipalities',
      });
    },
  );

  test('VNG_ANSWERS: only the VNG answers', () => {
    expect(
      refusal(reselectionDefinition, 'VNG_ANSWERS', s, ogbMember('rijk'), { accepts: true }),
    ).toMatchObject({ rule: 'wrong-party' });
  });
});

describe('consensus decisions: a member speaks for its own government', () => {
  const driver = machineDriver(decisionDefinition, at, ogbChair);
  const s = driver.start({
    decisionKey: 'begroting',
    body: 'ogb',
    subject: 'Begroting',
    proposal: 'Vaststellen',
    meetingDate: '2021-03-01',
  });

  test('AUTHORISE_PROXY: a member gives its own government’s proxy (to the holder it names)', () => {
    expect(
      refusal(decisionDefinition, 'AUTHORISE_PROXY', s, ogbMember('uvw'), { holder: 'rijk' }),
    ).toBeUndefined();
    expect(
      refusal(
        decisionDefinition,
        'AUTHORISE_PROXY',
        s,
        { id: 'bo-uvw', role: 'bo', party: 'uvw' },
        {
          holder: 'rijk',
        },
      ),
    ).toMatchObject({ rule: 'wrong-role', reason: 'only members authorise a proxy' });
  });

  test('POSITION on behalf of another government: only with its proxy', () => {
    const proxied = driver.send(s, { type: 'AUTHORISE_PROXY', holder: 'rijk' }, ogbMember('uvw'));
    const onBehalf = { position: 'agree', onBehalfOf: 'uvw' };
    expect(
      refusal(decisionDefinition, 'POSITION', proxied, ogbMember('rijk'), onBehalf),
    ).toBeUndefined();
    expect(refusal(decisionDefinition, 'POSITION', proxied, ogbMember('ipo'), onBehalf)).toEqual({
      rule: 'wrong-party',
      reason: 'ipo holds no proxy of uvw',
    });
  });

  test('WRITTEN_VOTE for a party: the chair registers it, another member may not', () => {
    const vote = { party: 'ipo', position: 'agree' };
    expect(refusal(decisionDefinition, 'WRITTEN_VOTE', s, ogbChair, vote)).toBeUndefined();
    expect(refusal(decisionDefinition, 'WRITTEN_VOTE', s, ogbMember('ipo'), vote)).toEqual({
      rule: 'wrong-party',
      reason: 'only the chair of the meeting',
    });
  });
});

describe('the SBO’s consultation: the other governments respond, each for itself', () => {
  const driver = machineDriver(sboDecisionDefinition, at, sbo);
  const s = driver.start({
    decisionKey: 'besluit',
    subject: 'Onderwerp',
    proposal: 'Voorstel',
    decisionType: 'obo-change',
    category: 2,
    responseDue: '2030-05-20',
  });

  test('RESPOND: the Rijk’s member is the wrong party', () => {
    expect(
      refusal(sboDecisionDefinition, 'RESPOND', s, ogbMember('vng'), { position: 'support' }),
    ).toBeUndefined();
    expect(
      refusal(sboDecisionDefinition, 'RESPOND', s, ogbMember('rijk'), { position: 'support' }),
    ).toMatchObject({ rule: 'wrong-party' });
  });
});

describe('obligations: an owner named with its government is that member’s', () => {
  const driver = machineDriver(obligationDefinition, at, sbo);
  const s = driver.start({
    obligationKey: 'plan',
    title: 'Plan',
    source: '§3.9',
    owner: { role: 'ogb', party: 'vng' },
    due: '2030-01-01',
  });

  test('DELIVER: another member of the body is the wrong party, another role the wrong role', () => {
    const delivery = { reference: 'Besluit' };
    expect(refusal(obligationDefinition, 'DELIVER', s, ogbMember('vng'), delivery)).toBeUndefined();
    expect(refusal(obligationDefinition, 'DELIVER', s, ogbMember('ipo'), delivery)).toMatchObject({
      rule: 'wrong-party',
    });
    expect(refusal(obligationDefinition, 'DELIVER', s, tbo, delivery)).toMatchObject({
      rule: 'wrong-role',
    });
  });
});
