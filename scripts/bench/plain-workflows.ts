/**
 * The baselines of the benchmark, written as plain Temporal workflows without the statechart
 * host: the acceptance steps up to the transfer (criteria, the four assessments by the OGB Beheer
 * and the TBO, provisional acceptance by both, transfer) with the same update, its validator and
 * the same view query; and a trivial workflow that only counts updates (the server's ceiling).
 */
import {
  condition,
  defineQuery,
  defineUpdate,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';

interface Request {
  event: { type: string } & Record<string, unknown>;
  actor: { id: string; role: string };
}
interface PlainView {
  state: string;
  verdicts: Record<string, string>;
  history: { at: string; actor: string; type: string }[];
}

const eventUpdate = defineUpdate<PlainView, [Request]>('event');
const viewQuery = defineQuery<PlainView>('view');
const assessments = ['technicalFunctional', 'readyForUse', 'transferProcess', 'operatorReady'];

const allowed: Record<string, Record<string, string[]>> = {
  criteria: { CRITERIA_ADVICE: ['tbo'], FIX_CRITERIA: ['ogb'] },
  assessment: { VERDICT: ['ogb', 'tbo'] },
  provisionalAcceptance: { PROVISIONALLY_ACCEPT: ['ogb', 'tbo'] },
  transfer: { TRANSFER_COMPLETED: ['tbo'] },
};

export async function plainAcceptance(): Promise<PlainView> {
  const view: PlainView = { state: 'criteria', verdicts: {}, history: [] };
  const accepted = new Set<string>();
  setHandler(viewQuery, () => view);
  setHandler(
    eventUpdate,
    ({ event, actor }) => {
      const roles = allowed[view.state]?.[event.type];
      if (!roles) throw new Error(`${event.type} is not allowed in ${view.state}`);
      if (!roles.includes(actor.role)) throw new Error(`${actor.role} may not send ${event.type}`);
      if (event.type === 'VERDICT' && !assessments.includes(String(event.assessment))) {
        throw new Error('unknown assessment');
      }
      view.history.push({ at: new Date().toISOString(), actor: actor.id, type: event.type });
      switch (event.type) {
        case 'FIX_CRITERIA':
          view.state = 'assessment';
          break;
        case 'VERDICT':
          view.verdicts[`${String(event.assessment)}/${actor.role}`] = String(event.outcome);
          if (Object.keys(view.verdicts).length === 2 * assessments.length) {
            view.state = 'provisionalAcceptance';
          }
          break;
        case 'PROVISIONALLY_ACCEPT':
          accepted.add(actor.role);
          if (accepted.size === 2) view.state = 'transfer';
          break;
        case 'TRANSFER_COMPLETED':
          view.state = 'provisionalOperation';
          break;
      }
      return view;
    },
    {
      validator: ({ event }: Request) => {
        if (!allowed[view.state]?.[event.type]) {
          throw new Error(`${event.type} is not allowed in ${view.state}`);
        }
      },
    },
  );
  await condition(() => view.state === 'provisionalOperation');
  return view;
}

/** As little as a workflow with updates can do: the ceiling of the server and the SDK. */
export async function trivial(expected: number): Promise<number> {
  let count = 0;
  setHandler(eventUpdate, () => {
    count += 1;
    return { state: workflowInfo().workflowId, verdicts: {}, history: [] };
  });
  await condition(() => count >= expected);
  return count;
}
