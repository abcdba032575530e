/** The `dsoView` memo the host upserts with its search attributes (issue 17): pure, no server. */
import { acceptanceDefinition } from '../../machines/acceptance/definition';
import type { HostInput } from '../../workflows/contract';
import { decide, type HostContext } from '../../workflows/host/decide';
import { initialState } from '../../workflows/host/host-state';
import { currentRules, VIEW_MEMO_PATCH } from '../../workflows/host/patches';
import { VIEW_MEMO_MAX_CHARS, viewMemo } from '../../workflows/host/view-memo';
import { allowedMemo, processView } from '../../workflows/host/visibility';
import { actors } from '../helpers/actors';

const START = Date.parse('2024-03-04T09:00:00Z');
const hostInput: HostInput = { input: { provision: 'loket' }, startedBy: actors.programme };

function startWith(rules: HostContext['rules']) {
  const ctx: HostContext = {
    definition: acceptanceDefinition,
    workflowId: 'acceptance:loket',
    businessKey: 'loket',
    rules,
    allowed: allowedMemo(acceptanceDefinition),
    stableAttributesSet: () => true,
  };
  const state = initialState(
    acceptanceDefinition,
    hostInput,
    acceptanceDefinition.input.parse(hostInput.input),
    new Date(START).toISOString(),
    [],
  );
  const decision = decide(ctx, state, { type: 'start' }, START);
  const upsert = decision.effects.find((effect) => effect.type === 'upsertSearchAttributes');
  return {
    ctx,
    decision,
    values: upsert?.type === 'upsertSearchAttributes' ? upsert.values : undefined,
  };
}

test('the start upserts a memo that says what the view says', () => {
  const { ctx, decision, values } = startWith(currentRules);
  const view = processView(
    acceptanceDefinition,
    decision.state,
    { workflowId: 'acceptance:loket', businessKey: 'loket', startedBy: actors.programme },
    ctx.allowed(decision.state.snapshot, new Date(START).toISOString(), true),
  );
  expect(values?.memo).toEqual({
    v: 1,
    title: view.title,
    summary: view.summary,
    stateLabels: view.stateLabels,
    allowedEvents: view.allowedEvents,
    deadlines: view.deadlines
      .filter((deadline) => deadline.due !== null)
      .map((deadline) => ({
        id: deadline.id,
        label: deadline.label,
        due: deadline.due,
        moment: deadline.moment,
        status: deadline.status,
        revision: 0,
        reminders: deadline.reminders.map(({ daysBefore, scheduledFor }) => ({
          daysBefore,
          scheduledFor,
        })),
      })),
    updatedAt: view.updatedAt,
  });
  expect(values?.memo?.allowedEvents.length).toBeGreaterThan(0);
});

test('a run recorded before the memo upserts none, and asks for the patch', () => {
  const asked: string[] = [];
  const { values } = startWith({
    patched: (id) => {
      asked.push(id);
      return id !== VIEW_MEMO_PATCH;
    },
  });
  expect(asked).toContain(VIEW_MEMO_PATCH);
  expect(values).toBeDefined();
  expect(values?.memo).toBeUndefined();
});

test('only what is shown decides an upsert: a later updatedAt alone changes nothing compared', () => {
  const source = {
    title: 'Acceptatie',
    summary: 'Criteria in voorbereiding',
    stateLabels: ['Criteria'],
    allowedEvents: [],
    deadlines: [],
    updatedAt: '2024-03-04T09:00:00.000Z',
  };
  const later = viewMemo({ ...source, updatedAt: '2024-03-05T09:00:00.000Z' });
  expect(later.compared).toBe(viewMemo(source).compared);
  expect(later.memo.updatedAt).toBe('2024-03-05T09:00:00.000Z');
});

test('a memo that would pass its bound is written partial, for readers to ask the view', () => {
  const { memo } = viewMemo({
    title: 'Acceptatie',
    summary: 'x'.repeat(VIEW_MEMO_MAX_CHARS + 1),
    stateLabels: [],
    allowedEvents: [],
    deadlines: [],
    updatedAt: '2024-03-04T09:00:00.000Z',
  });
  expect(memo.partial).toBe(true);
  expect(JSON.stringify(memo).length).toBeLessThan(VIEW_MEMO_MAX_CHARS);
});
