/** The host's decisions, without a server: pure functions of state, input and moment. */
import { acceptanceDefinition } from '../../machines/acceptance/definition';
import type { ChildReport, HostInput } from '../../workflows/contract';
import { mayContinueAsNew, shouldContinueAsNew } from '../../workflows/host/continue-as-new';
import { decide, type Decision, type HostContext } from '../../workflows/host/decide';
import { checkEvent } from '../../workflows/host/gate';
import { initialState, type HostState } from '../../workflows/host/host-state';
import { currentRules } from '../../workflows/host/patches';
import {
  allowedMemo,
  eventResult,
  historyPage,
  processView,
} from '../../workflows/host/visibility';
import { actors } from '../helpers/actors';

const START = Date.parse('2024-03-04T09:00:00Z');
const hostInput: HostInput = { input: { provision: 'loket' }, startedBy: actors.programme };

function context(stableAttributesSet = true): HostContext {
  return {
    definition: acceptanceDefinition,
    workflowId: 'acceptance:loket',
    businessKey: 'loket',
    rules: currentRules,
    allowed: allowedMemo(acceptanceDefinition),
    stableAttributesSet: () => stableAttributesSet,
  };
}

function started(ctx = context(), input: HostInput = hostInput): Decision {
  const state = initialState(
    acceptanceDefinition,
    input,
    acceptanceDefinition.input.parse(input.input),
    new Date(START).toISOString(),
    [],
  );
  return decide(ctx, state, { type: 'start' }, START);
}

const advice = { type: 'CRITERIA_ADVICE', advice: 'Toets ook de koppelvlakken' };

function send(ctx: HostContext, state: HostState, now: number): Decision {
  const event = checkEvent(
    acceptanceDefinition,
    state,
    { event: advice, actor: actors.tbo },
    new Date(now).toISOString(),
    true,
  );
  return decide(ctx, state, { type: 'event', event, updateId: 'u-1' }, now);
}

describe('search attributes', () => {
  test('the first settle upserts state and deadlines, not the attributes set at the start', () => {
    const { effects } = started();
    const upserts = effects.filter((effect) => effect.type === 'upsertSearchAttributes');
    expect(upserts).toHaveLength(1);
    expect(upserts[0]?.type === 'upsertSearchAttributes' && upserts[0].values.stable).toBe(
      undefined,
    );
  });

  test('a run started without DsoKind sets it once, with its first upsert', () => {
    const { effects } = started(context(false));
    const upsert = effects.find((effect) => effect.type === 'upsertSearchAttributes');
    expect(upsert?.type === 'upsertSearchAttributes' && upsert.values.stable).toEqual({
      kind: 'acceptance',
      businessKey: 'loket',
    });
  });

  test('an unchanged state is not upserted again', () => {
    const ctx = context();
    const first = started(ctx);
    const again = decide(ctx, first.state, { type: 'start' }, START);
    expect(again.effects.filter((e) => e.type === 'upsertSearchAttributes')).toEqual([]);
  });
});

describe('operator events', () => {
  test('an accepted event is recorded, remembered and answered briefly', () => {
    const ctx = context();
    const { state } = started(ctx);
    const next = send(ctx, state, START + 60_000);
    expect(next.state.history.map((entry) => entry.event.type)).toEqual([
      'START',
      'CRITERIA_ADVICE',
    ]);
    expect(next.state.appliedUpdateIds).toEqual(['u-1']);
    const at = new Date(START + 60_000).toISOString();
    const result = eventResult(next.state, ctx.allowed(next.state.snapshot, at, true), actors.ogb);
    expect(result.seq).toBe(2);
    expect(result.allowedEvents.map((event) => event.type)).toContain('FIX_CRITERIA');
    expect(result.allowedEvents.every((event) => event.role === 'ogb')).toBe(true);
    // The answer stays small: it carries no audit trail.
    expect(JSON.stringify(result).length).toBeLessThan(
      JSON.stringify(
        processView(
          acceptanceDefinition,
          next.state,
          { workflowId: ctx.workflowId, businessKey: 'loket', startedBy: actors.programme },
          [],
        ),
      ).length,
    );
  });

  test('the history pages by seq; the view keeps the newest 50 and the count', () => {
    const ctx = context();
    let { state } = started(ctx);
    const entries = Array.from({ length: 120 }, (_, i) => ({
      seq: i + 2,
      at: new Date(START + i).toISOString(),
      actor: actors.tbo,
      event: { type: 'NOTE' },
      from: [],
      to: [],
    }));
    state = { ...state, history: [...state.history, ...entries] };
    const page = historyPage(state, { after: 100, limit: 10 });
    expect(page.entries.map((entry) => entry.seq)).toEqual([
      101, 102, 103, 104, 105, 106, 107, 108, 109, 110,
    ]);
    expect(page.total).toBe(121);
    expect(() => historyPage(state, { limit: 501 })).toThrow();
    const view = processView(
      acceptanceDefinition,
      state,
      { workflowId: ctx.workflowId, businessKey: 'loket', startedBy: actors.programme },
      [],
    );
    expect(view.history).toHaveLength(50);
    expect(view.history[49]?.seq).toBe(121);
    expect(view.historyCount).toBe(121);
  });
});

describe('due items', () => {
  test('a deadline past due passes: overdue, and DEADLINE_PASSED in the audit trail', () => {
    const ctx = context();
    const { state } = started(ctx);
    const phase1 = state.deadlines.find((record) => record.id === 'phase1');
    expect(phase1?.status).toBe('running');
    const late = Date.parse(phase1?.due ?? '') + 86_400_000;
    let current = state;
    for (const record of current.deadlines) {
      if (record.status !== 'running' || record.due === null || Date.parse(record.due) > late)
        continue;
      current = decide(
        ctx,
        current,
        { type: 'due', item: { kind: 'deadline', deadlineId: record.id } },
        late,
      ).state;
    }
    expect(current.deadlines.find((record) => record.id === 'phase1')?.status).toBe('overdue');
    expect(current.history.map((entry) => entry.event.type)).toContain('DEADLINE_PASSED');
  });
});

describe('the linked-child protocol', () => {
  const linkedInput: HostInput = {
    ...hostInput,
    parent: { workflowId: 'acceptance-programme:dso-lv', key: 'loket' },
  };

  test('a child reports to its parent with its own sequence, and only when the report changed', () => {
    const ctx = context();
    const first = started(ctx, linkedInput);
    const reports = first.effects.filter((effect) => effect.type === 'reportToParent');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.type === 'reportToParent' && reports[0].report.seq).toBe(1);
    const again = decide(ctx, first.state, { type: 'start' }, START);
    expect(again.effects.filter((effect) => effect.type === 'reportToParent')).toEqual([]);
    // A parent that links again is told afresh.
    const link = { workflowId: 'acceptance-programme:dso-lv', key: 'loket' };
    const relinked = decide(ctx, again.state, { type: 'link', link }, START);
    expect(relinked.effects.map((effect) => effect.type)).toEqual(['reportToParent']);
  });

  const parentWithChild = (): HostState => ({
    ...started().state,
    children: [
      {
        key: 'loket',
        kind: 'acceptance',
        id: 'acceptance:loket',
        status: 'running',
        startedAt: new Date(START).toISOString(),
        linked: true,
      },
    ],
  });
  const report = (seq: number, status: ChildReport['status'] = 'running'): ChildReport => ({
    key: 'loket',
    childId: 'acceptance:loket',
    kind: 'acceptance',
    status,
    summary: `report ${seq}`,
    tags: [],
    report: null,
    seq,
    ...(status === 'completed' ? { output: { accepted: true } } : {}),
  });

  test('a parent keeps the newest report by the child’s sequence, whatever the arrival order', () => {
    const ctx = context();
    const newer = decide(ctx, parentWithChild(), { type: 'childReport', report: report(5) }, START);
    expect(newer.state.children[0]?.summary).toBe('report 5');
    const older = decide(ctx, newer.state, { type: 'childReport', report: report(4) }, START);
    expect(older.state.children[0]?.summary).toBe('report 5');
    expect(older.note?.message).toMatch(/older/);
    expect(older.state.childReportSeqs).toEqual({ loket: 5 });
  });

  test('a completed report ends the child record once', () => {
    const ctx = context();
    const done = decide(
      ctx,
      parentWithChild(),
      { type: 'childReport', report: report(9, 'completed') },
      START,
    );
    expect(done.state.children[0]?.status).toBe('completed');
    const after = decide(
      ctx,
      done.state,
      { type: 'childEnded', key: 'loket', status: 'failed', output: null },
      START,
    );
    expect(after.state.children[0]?.status).toBe('completed');
    expect(after.wake).toBe(false);
  });

  test('a child linked again after its parent continued as new resends only what is news', () => {
    const ctx = context();
    const first = started(ctx, linkedInput);
    const seq = first.state.history.length;
    const link = { workflowId: 'acceptance-programme:dso-lv', key: 'loket' };
    const known = decide(
      ctx,
      first.state,
      { type: 'link', link: { ...link, knownSeq: seq } },
      START,
    );
    expect(known.effects).toEqual([]);
    // The sequence is what the parent knows; it is not kept as part of the link.
    expect(known.state.links).toEqual([link]);
    const behind = decide(
      ctx,
      first.state,
      { type: 'link', link: { ...link, knownSeq: seq - 1 } },
      START,
    );
    expect(behind.effects.map((effect) => effect.type)).toEqual(['reportToParent']);
  });

  test('a parent carried over links each running linked child, with the sequence it applied', () => {
    const ctx = context();
    const applied = decide(
      ctx,
      parentWithChild(),
      { type: 'childReport', report: report(5) },
      START,
    );
    const loket = parentWithChild().children[0];
    if (!loket) throw new Error('no child');
    const state: HostState = {
      ...applied.state,
      children: [
        ...applied.state.children,
        { ...loket, key: 'api-store', id: 'acceptance:api-store' },
        { ...loket, key: 'done', id: 'acceptance:done', status: 'completed' },
        { ...loket, key: 'plain', id: 'decision:plain', linked: undefined },
      ],
    };
    const { effects } = decide(ctx, state, { type: 'continued' }, START);
    expect(effects).toEqual([
      {
        type: 'linkChild',
        childId: 'acceptance:loket',
        link: { workflowId: 'acceptance:loket', key: 'loket', knownSeq: 5 },
      },
      {
        type: 'linkChild',
        childId: 'acceptance:api-store',
        link: { workflowId: 'acceptance:loket', key: 'api-store' },
      },
    ]);
  });

  test('a report from a process that is not a running linked child changes nothing', () => {
    const ctx = context();
    const state = { ...parentWithChild(), children: [] };
    const decision = decide(ctx, state, { type: 'childReport', report: report(1) }, START);
    expect(decision.state).toBe(state);
    expect(decision.effects).toEqual([]);
  });
});

describe('continue-as-new', () => {
  const child = (linked: boolean) => ({
    key: 'k',
    kind: 'decision',
    id: 'decision:k',
    status: 'running' as const,
    startedAt: new Date(START).toISOString(),
    ...(linked ? { linked: true } : {}),
  });

  test('a running plain child holds it back; a linked child does not', () => {
    const { state } = started();
    expect(mayContinueAsNew({ ...state, children: [child(false)] })).toBe(false);
    expect(mayContinueAsNew({ ...state, children: [child(true)] })).toBe(true);
  });

  test('when Temporal suggests it, or the history reached the bound', () => {
    expect(shouldContinueAsNew({ continueAsNewSuggested: true, historyLength: 3 }, {})).toBe(true);
    expect(
      shouldContinueAsNew(
        { continueAsNewSuggested: false, historyLength: 30 },
        { continueAsNewAfterEvents: 25 },
      ),
    ).toBe(true);
    expect(shouldContinueAsNew({ continueAsNewSuggested: false, historyLength: 30 }, {})).toBe(
      false,
    );
  });
});
