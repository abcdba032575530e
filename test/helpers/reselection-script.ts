/** Drives a re-selection run through its steps, for the workflow and API tests. */
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor, Party } from '../../machines/actors';
import { eventUpdate, viewQuery, type ProcessView } from '../../workflows/contract';
import { boMember, ogbMember, sbo } from './decision-actors';
import { oboOf } from './organisation-actors';

export const send = (
  handle: WorkflowHandle,
  event: { type: string } & Record<string, unknown>,
  actor: Actor,
): Promise<ProcessView> =>
  // The update answers where the run stands; the tests read the whole view after it.
  handle
    .executeUpdate(eventUpdate, { args: [{ event, actor }] })
    .then(() => handle.query(viewQuery));

/** A later term's re-selection with its whole calendar, so no deadline passes during a test. */
export const laterTerm = {
  currentTerm: { from: 2029, to: 2033 },
  nextTerm: { from: 2034, to: 2038 },
  rulesDue: '2032-07-01',
  evaluationDue: '2032-07-01',
  ogbDecisionDue: '2032-10-01',
  boRatificationDue: '2032-11-01',
  ogbMeetingDate: '2032-09-16',
  boMeetingDate: '2032-10-21',
  termStart: '2034-01-01',
};

export const proposal = {
  type: 'PROPOSE',
  tbo: 'Kadaster',
  obos: ['Kadaster', 'Geonovum', 'KOOP'],
  changeOfTbo: false,
  motivation: 'Evaluatie positief; continuïteit.',
};

const everyone: Party[] = ['rijk', 'vng', 'ipo', 'uvw'];

/**
 * An OGB member puts the approach or the rules on the table and the OGB Beheer adopts them by
 * consensus in the `decision` child the run starts for it (§6.2, §6.4).
 */
export async function decideInOgb(
  handle: WorkflowHandle,
  draft: { type: 'APPROACH_PROPOSED' | 'RULES_PROPOSED' } & Record<string, unknown>,
  key: string,
): Promise<ProcessView> {
  await send(handle, draft, ogbMember('ipo'));
  const decision = await childOf(handle, key, (id) => handle.client.getHandle(id));
  await allAgree(decision, 'ogb', everyone);
  return waitFor(handle, (view) =>
    view.children.some((c) => c.key === key && c.status !== 'running'),
  );
}

/** The view once it satisfies `done` (a child's end reaches the parent by a signal). */
export async function waitFor(
  handle: WorkflowHandle,
  done: (view: ProcessView) => boolean,
): Promise<ProcessView> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const view = await handle.query(viewQuery);
    if (done(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the run did not get there');
}

/** Approach and rules (each by the OGB Beheer's consensus), the evaluations, the VNG's choice. */
export async function prepare(
  handle: WorkflowHandle,
  vng: 'joins' | 'stays-out',
): Promise<ProcessView> {
  const choice = vng === 'joins' ? 'VNG_JOINS_SELECTION' : 'VNG_STAYS_OUT';
  await send(handle, { type: choice }, ogbMember('vng'));
  await decideInOgb(handle, { type: 'APPROACH_PROPOSED', note: 'Extern bureau' }, 'approach');
  await decideInOgb(
    handle,
    { type: 'RULES_PROPOSED', rules: 'Spelregels', criteria: 'Criteria' },
    'rules',
  );
  await send(
    handle,
    { type: 'EVALUATION_COMPLETED', findings: 'Goed', taskDivision: 'Helder' },
    sbo,
  );
  return send(
    handle,
    { type: 'BUDGET_EVALUATION_COMPLETED', yearlyBudgetCents: 2_590_000_000, period: '2024-2027' },
    sbo,
  );
}

/** Each organisation consents itself, by its own actor (an OBO's, unless told otherwise). */
export async function consentAll(
  handle: WorkflowHandle,
  organisations: string[],
  actorOf: (organisation: string) => Actor = oboOf,
): Promise<ProcessView> {
  let view: ProcessView | undefined;
  for (const organisation of organisations) {
    view = await send(
      handle,
      { type: 'CONSENT', organisation, consents: true },
      actorOf(organisation),
    );
  }
  if (!view) throw new Error('no organisations');
  return view;
}

/** The child decision process the parent started under `key`, once it exists. */
export async function childOf(
  parent: WorkflowHandle,
  key: string,
  getHandle: (id: string) => WorkflowHandle,
): Promise<WorkflowHandle> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const child = (await parent.query(viewQuery)).children.find(
      (c) => c.key === key && c.status === 'running',
    );
    if (child) return getHandle(child.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no running child ${key}`);
}

export async function allAgree(decision: WorkflowHandle, body: 'ogb' | 'bo', parties: Party[]) {
  let view: ProcessView | undefined;
  for (const party of parties) {
    const member = body === 'ogb' ? ogbMember(party) : boMember(party);
    view = await send(decision, { type: 'POSITION', position: 'agree' }, member);
  }
  return view;
}
