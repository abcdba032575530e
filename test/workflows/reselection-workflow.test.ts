/** The 2022 re-selection on the time-skipping test server, across 2022–2024 in workflow time. */
import type { WorkflowHandle } from '@temporalio/client';
import { viewQuery, type ProcessView } from '../../workflows/contract';
import { searchAttributes } from '../../workflows/search-attributes';
import { ogbChair, ogbMember, sbo } from '../helpers/decision-actors';
import { recordHistory } from '../helpers/history-fixtures';
import { oboOf } from '../helpers/organisation-actors';
import {
  allAgree,
  childOf,
  consentAll,
  decideInOgb,
  prepare,
  proposal,
  send,
} from '../helpers/reselection-script';
import {
  useTimeSkippingEnvironment,
  type WorkflowTestContext,
} from '../helpers/workflow-environment';

const everyone = ['rijk', 'vng', 'ipo', 'uvw'] as const;

function starter(t: WorkflowTestContext) {
  return (input: Record<string, unknown> = {}) =>
    t.env.client.workflow.start('reselection', {
      taskQueue: t.taskQueue,
      workflowId: 'reselection:2024-2028',
      args: [{ input, startedBy: sbo }],
    });
}
const child = (t: WorkflowTestContext, parent: WorkflowHandle, key: string) =>
  childOf(parent, key, (id) => t.env.client.workflow.getHandle(id));

describe('the plain path', () => {
  const t = useTimeSkippingEnvironment('2022-01-10T08:00:00Z', 'reselection-plain');

  test('evaluation, proposal, consent, OGB decision, BO ratification, and the handover on 1 January 2024', async () => {
    const handle = await starter(t)();
    let view = await handle.query(viewQuery);
    expect(view.deadlines.map((d) => [d.id, d.status, d.due])).toEqual([
      ['rules', 'running', '2022-06-30T22:00:00.000Z'],
      ['evaluation', 'running', '2022-06-30T22:00:00.000Z'],
      ['ogbDecision', 'running', '2022-09-30T22:00:00.000Z'],
      ['boRatification', 'running', '2022-10-31T23:00:00.000Z'],
      ['termStart', 'pending', '2023-12-31T23:00:00.000Z'],
    ]);
    await t.sleepUntil('2022-05-02T08:00:00Z');
    view = await prepare(handle, 'stays-out');
    expect(view.state).toEqual(['untilRatification.untilOgbDecision.selection.proposing']);
    // "De spelregels en criteria … vastgesteld worden door het OGB Beheer" (§6.4), whose
    // "besluitvorming … gebeurt … bij consensus" (§6.2): each by a decision child of its own.
    expect(view.children.map((c) => [c.key, c.id, c.status])).toEqual([
      ['approach', 'decision:reselection-2024-2028-approach', 'completed'],
      ['rules', 'decision:reselection-2024-2028-rules', 'completed'],
    ]);
    expect(view.context).toMatchObject({
      rules: { decisionId: 'decision:reselection-2024-2028-rules', by: 'ogb-ipo' },
    });
    view = await send(handle, proposal, sbo);
    // Each organisation is offered its own consent.
    expect(
      view.allowedEvents
        .filter((e) => e.type === 'CONSENT' && e.role === 'obo')
        .map((e) => [e.organisation, e.options?.length]),
    ).toEqual([
      ['kadaster', 1],
      ['geonovum', 1],
      ['koop', 1],
    ]);
    view = await consentAll(handle, ['Kadaster', 'Geonovum', 'KOOP']);
    expect(view.state).toEqual(['untilRatification.untilOgbDecision.ogbDecision']);

    const ogb = await child(t, handle, 'ogb');
    expect(ogb.workflowId).toBe('decision:reselection-2024-2028-ogb');
    await allAgree(ogb, 'ogb', [...everyone]);
    const bo = await child(t, handle, 'bo');
    expect(bo.workflowId).toBe('decision:reselection-2024-2028-bo');
    await allAgree(bo, 'bo', [...everyone]);
    await t.sleepUntil('2022-06-01T00:00:00Z');
    view = await handle.query(viewQuery);
    expect(view.state).toEqual(['awaitingTermStart']);
    expect(view.context).toMatchObject({
      ogbDecision: { outcome: 'adopted' },
      boRatification: { outcome: 'adopted', body: 'bo' },
    });

    await t.sleepUntil('2024-01-02T00:00:00Z');
    const result = (await handle.result()) as ProcessView;
    expect(result.state).toEqual(['handedOver']);
    expect(result.output).toMatchObject({
      term: { from: 2024, to: 2028 },
      tbo: 'Kadaster',
      obos: ['Kadaster', 'Geonovum', 'KOOP'],
      ratifiedBy: { kind: 'decision', id: 'decision:reselection-2024-2028-bo' },
    });
    expect(result.overdue).toBe(false);
    expect(Object.fromEntries(result.deadlines.map((d) => [d.id, d.status]))).toEqual({
      rules: 'met',
      evaluation: 'met',
      ogbDecision: 'met',
      boRatification: 'met',
      termStart: 'reached',
    });
    const termStart = result.deadlines.find((d) => d.id === 'termStart');
    expect(termStart?.reminders.map((r) => [r.daysBefore, r.scheduledFor, r.status])).toEqual([
      [30, '2023-12-01T23:00:00.000Z', 'sent'],
      [7, '2023-12-24T23:00:00.000Z', 'sent'],
      [1, '2023-12-30T23:00:00.000Z', 'sent'],
    ]);
    // Recorded under the consensus rules; reselection-plain keeps the run from before them.
    await recordHistory('reselection-consensus', handle);
  });
});

describe('the VNG branch, a refused consent and no consensus in the BO', () => {
  const t = useTimeSkippingEnvironment('2022-01-10T08:00:00Z', 'reselection-vng');

  test('the VNG joins and is asked for the TBO role; a refusal sends the proposal back; the BO does not ratify', async () => {
    const handle = await starter(t)();
    await prepare(handle, 'joins');
    let view = await send(
      handle,
      { type: 'ASK_VNG_FOR_TBO_ROLE', note: 'Namens de Minister' },
      sbo,
    );
    expect(view.state).toEqual(['untilRatification.untilOgbDecision.selection.vngConsidering']);
    await expect(
      send(handle, { type: 'VNG_ANSWERS', accepts: true }, ogbMember('ipo')),
    ).rejects.toMatchObject({
      cause: { type: 'ForbiddenActor' },
    });
    view = await send(handle, { type: 'VNG_ANSWERS', accepts: true }, ogbMember('vng'));
    expect(view.context).toMatchObject({ vng: { joins: true, acceptsTboRole: true } });
    const vngProposal = { ...proposal, tbo: 'VNG Realisatie', changeOfTbo: true };
    await send(handle, vngProposal, sbo);
    // Consent is the organisation's own: not the SBO's to record, nor another organisation's.
    const koopRefuses = { type: 'CONSENT', organisation: 'KOOP', consents: false };
    await expect(send(handle, koopRefuses, sbo)).rejects.toMatchObject({
      cause: { type: 'ForbiddenRole', details: [{ rule: 'wrong-role' }] },
    });
    await expect(send(handle, koopRefuses, oboOf('Kadaster'))).rejects.toMatchObject({
      cause: {
        type: 'ForbiddenActor',
        details: [
          {
            rule: 'wrong-party',
            reason:
              'alleen KOOP zelf mag instemmen namens KOOP / only KOOP may consent on behalf of KOOP',
          },
        ],
      },
    });
    view = await send(handle, { ...koopRefuses, note: 'Geen capaciteit' }, oboOf('KOOP'));
    expect(view.state).toEqual(['untilRatification.untilOgbDecision.selection.proposing']);
    await send(handle, { ...vngProposal, obos: ['Kadaster', 'Geonovum', 'Logius'] }, sbo);
    // The TBO-to-be consents by a TBO token that names its organisation.
    await consentAll(handle, ['VNG Realisatie'], () => ({
      id: 'tbo-vng-realisatie',
      role: 'tbo',
      organisation: 'vng-realisatie',
    }));
    view = await consentAll(handle, ['Kadaster', 'Geonovum', 'Logius']);
    expect(view.context).toMatchObject({
      proposals: [{ round: 1 }, { round: 2, tbo: 'VNG Realisatie' }],
    });

    const ogb = await child(t, handle, 'ogb');
    expect((await ogb.query(viewQuery)).context).toMatchObject({
      subject: 'Keuze TBO en OBO’s 2024–2028 (wisseling TBO: consensus met de andere overheden)',
    });
    await allAgree(ogb, 'ogb', [...everyone]);
    const bo = await child(t, handle, 'bo');
    await send(
      bo,
      { type: 'POSITION', position: 'object', note: 'Eerst kostenraming' },
      { id: 'bo-uvw', role: 'bo', party: 'uvw' },
    );
    // No consensus in the BO: the escalation ladder starts by itself, at the BO rung.
    const escalation = await child(t, handle, 'escalation-bo');
    expect(escalation.workflowId).toBe('escalation:reselection-2024-2028-bo');
    view = await handle.query(viewQuery);
    expect(view.state).toEqual(['untilRatification.boEscalation']);
    expect(view.tags).toContain('escalated');
    expect(view.summary).toMatch(/geen consensus in het Bestuurlijk Overleg/);
    // Its first consultation round in the BO reaches consensus; the re-selection goes on.
    const round = await child(t, escalation, 'bo-1');
    expect(round.workflowId).toBe('decision:reselection-2024-2028-bo-bo-1');
    await allAgree(round, 'bo', [...everyone]);
    const escalated = (await escalation.result()) as ProcessView;
    expect(escalated.output).toMatchObject({ resolution: { rung: 'bo' } });
    await t.env.sleep('1 minute');
    view = await handle.query(viewQuery);
    expect(view.state).toEqual(['awaitingTermStart']);
    expect(view.context).toMatchObject({
      escalation: {
        escalationId: 'escalation:reselection-2024-2028-bo',
        outcome: expect.stringMatching(/Consensus/),
      },
    });
  });
});

describe('a postponed OGB decision', () => {
  const t = useTimeSkippingEnvironment('2022-08-01T08:00:00Z', 'reselection-postponed');

  test('absent parties postpone the OGB decision; a month later the parties present decide and the run goes on', async () => {
    const handle = await starter(t)({ ogbMeetingDate: '2022-08-18' });
    await prepare(handle, 'stays-out');
    await send(handle, proposal, sbo);
    await consentAll(handle, ['Kadaster', 'Geonovum', 'KOOP']);
    const ogb = await child(t, handle, 'ogb');
    await allAgree(ogb, 'ogb', ['rijk', 'vng']);
    await t.sleepUntil('2022-08-18T12:00:00Z');
    await send(ogb, { type: 'CLOSE_MEETING', note: 'IPO en UvW afwezig' }, ogbChair);
    await t.sleepUntil('2022-09-15T08:00:00Z');
    await send(ogb, { type: 'OPEN_SECOND_MEETING' }, ogbChair);
    await allAgree(ogb, 'ogb', ['rijk', 'vng', 'ipo']);
    const decided = await send(ogb, { type: 'CLOSE_MEETING' }, ogbChair);
    expect(decided.output).toMatchObject({
      outcome: 'adopted',
      postponed: true,
      boundAbsent: ['uvw'],
    });
    await child(t, handle, 'bo');
    const view = await handle.query(viewQuery);
    expect(view.state).toEqual(['untilRatification.boRatification']);
    expect(view.context).toMatchObject({ ogbDecision: { postponed: true, boundAbsent: ['uvw'] } });
    expect(view.deadlines.find((d) => d.id === 'ogbDecision')?.status).toBe('met');
  });
});

describe('a missed deadline', () => {
  const t = useTimeSkippingEnvironment('2022-03-01T08:00:00Z', 'reselection-missed');

  test('without rules and evaluation by 1 July 2022 the run is overdue, visibly and filterably', async () => {
    const handle = await starter(t)();
    await decideInOgb(handle, { type: 'APPROACH_PROPOSED', note: 'Extern bureau' }, 'approach');
    await t.sleepUntil('2022-07-02T08:00:00Z');
    const view = await handle.query(viewQuery);
    expect(view.overdue).toBe(true);
    expect(view.deadlines.filter((d) => d.status === 'overdue').map((d) => d.id)).toEqual([
      'rules',
      'evaluation',
    ]);
    expect(view.summary).toMatch(/over de termijn: rules, evaluation/);
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.overdue)).toBe(
      true,
    );
    // Put to the OGB Beheer late; the deadline runs on until it has decided.
    const tabled = await send(
      handle,
      { type: 'RULES_PROPOSED', rules: 'r', criteria: 'c' },
      ogbMember('ipo'),
    );
    expect(tabled.deadlines.find((d) => d.id === 'rules')?.status).toBe('overdue');
    const decision = await child(t, handle, 'rules');
    await allAgree(decision, 'ogb', [...everyone]);
    await t.env.sleep('1 minute');
    const late = await handle.query(viewQuery);
    expect(late.deadlines.find((d) => d.id === 'rules')?.status).toBe('metLate');
  });
});

describe('later terms', () => {
  const t = useTimeSkippingEnvironment('2027-01-10T08:00:00Z', 'reselection-later');

  test('the same process serves the term 2029–2033 by its parameters', async () => {
    const handle = await t.env.client.workflow.start('reselection', {
      taskQueue: t.taskQueue,
      workflowId: 'reselection:2029-2033',
      args: [
        {
          input: {
            currentTerm: { from: 2024, to: 2028 },
            nextTerm: { from: 2029, to: 2033 },
            rulesDue: '2027-07-01',
            evaluationDue: '2027-07-01',
            ogbDecisionDue: '2027-10-01',
            boRatificationDue: '2027-11-01',
            ogbMeetingDate: '2027-09-16',
            boMeetingDate: '2027-10-21',
            termStart: '2029-01-01',
          },
          startedBy: sbo,
        },
      ],
    });
    const view = await handle.query(viewQuery);
    expect(view.businessKey).toBe('2029-2033');
    expect(view.summary).toMatch(/^Herselectie 2029–2033/);
    expect(view.deadlines.find((d) => d.id === 'ogbDecision')?.due).toBe(
      '2027-09-30T22:00:00.000Z',
    );
  });
});
