/**
 * decide(state, input, now) → { state, effects }: every change of a run, as a pure function. The
 * workflow (statechart-host.ts) feeds it what arrives and carries out the effects in their order,
 * which is the order in which the first host issued its commands, so old histories replay.
 */
import { transition } from 'xstate';
import { systemActor, type Actor } from '../../machines/actors';
import type { ProcessDefinition } from '../../machines/process-definition';
import type {
  ChildRecord,
  ChildReport,
  ParentEvent,
  ParentLink,
  ReminderNotice,
  ReminderRecord,
} from '../contract';
import { syncDeadlines, type DueItem } from '../deadline-book';
import { machineAccepts, stampedEvent, statePaths, waitedOnDeadlines } from '../snapshot-reading';
import {
  childEvents,
  childStarts,
  judgeReport,
  parentReports,
  recordReport,
  updateChild,
  type ChildEffect,
} from './children';
import {
  markPassed,
  markReminder,
  recordAdjustment,
  resumeByItself,
  startReminder,
} from './deadlines';
import type { AcceptedAdjustment, StampedEvent } from './gate';
import type { HostState } from './host-state';
import { ACTS_FOR_PATCH, STABLE_ATTRIBUTES_AT_START_PATCH, type Rules } from './patches';
import {
  searchAttributeChange,
  type AllowedReader,
  type SearchAttributeValues,
} from './visibility';

export interface HostContext {
  definition: ProcessDefinition;
  workflowId: string;
  businessKey: string;
  rules: Rules;
  allowed: AllowedReader;
  /** Whether DsoKind and DsoBusinessKey are set on this run already. */
  stableAttributesSet: () => boolean;
}

export type Effect =
  | ChildEffect
  | { type: 'upsertSearchAttributes'; values: SearchAttributeValues }
  | { type: 'deliverReminder'; deadlineId: string; index: number; notice: ReminderNotice };

export type Input =
  | { type: 'start' }
  | { type: 'event'; event: StampedEvent; updateId?: string }
  | { type: 'deadlineChange'; adjustment: AcceptedAdjustment; updateId?: string }
  | { type: 'childReport'; report: ChildReport }
  | { type: 'parentEvent'; request: ParentEvent }
  | { type: 'link'; link: ParentLink }
  | { type: 'due'; item: DueItem }
  | { type: 'childEnded'; key: string; status: ChildRecord['status']; output: unknown }
  | { type: 'childAdopted'; key: string }
  | { type: 'childEventUndelivered'; id: string }
  | { type: 'reminderOutcome'; deadlineId: string; index: number; change: Partial<ReminderRecord> };

export interface Decision {
  state: HostState;
  effects: Effect[];
  /** Whether the main loop should look again (what was due, what is due next). */
  wake: boolean;
  /** Why an input changed nothing, for the workflow's log. */
  note?: { message: string; data: Record<string, unknown> };
}

const MAX_REMEMBERED_UPDATES = 2000;
const unchanged = (state: HostState, note?: Decision['note']): Decision => ({
  state,
  effects: [],
  wake: false,
  ...(note ? { note } : {}),
});

/** The search attributes, upserted where they changed. */
function refreshed(ctx: HostContext, state: HostState, at: string): Decision {
  const change = searchAttributeChange(
    ctx.definition,
    state,
    ctx.businessKey,
    at,
    ctx.rules,
    ctx.allowed,
    ctx.stableAttributesSet,
  );
  if (!change) return { state, effects: [], wake: true };
  return {
    state: { ...state, lastSearchAttributes: change.serialised },
    effects: [{ type: 'upsertSearchAttributes', values: change.values }],
    wake: true,
  };
}

/**
 * After any change: deadlines follow the state, search attributes follow both, children the
 * state asks for are started, their events sent, parents told. The deadlines the state waits on
 * leave out those added after this run began (`since`: false only replaying older history).
 */
export function settle(ctx: HostContext, state: HostState, now: number): Decision {
  const { definition, rules } = ctx;
  const at = new Date(now).toISOString();
  const { snapshot } = state;
  const armed = new Set(
    [...waitedOnDeadlines(snapshot)].filter((id) => {
      const since = definition.deadlines[id]?.since;
      return since === undefined || rules.patched(since);
    }),
  );
  const deadlines = syncDeadlines(
    state.deadlines,
    armed,
    now,
    (id) => definition.deadlines[id]?.due(snapshot) ?? null,
    (id) => definition.deadlines[id]?.metWhen?.(snapshot) ?? true,
  );
  const attributes = refreshed(ctx, { ...state, deadlines }, at);
  const starts = childStarts(definition, attributes.state, ctx.workflowId, at, rules, () =>
    rules.patched(STABLE_ATTRIBUTES_AT_START_PATCH),
  );
  const afterStarts = { ...attributes.state, children: starts.children };
  const sent = childEvents(definition, afterStarts, ctx.workflowId);
  const afterSent = { ...afterStarts, sentChildEvents: sent.sentChildEvents };
  const reports = parentReports(definition, afterSent, ctx.workflowId);
  return {
    state: { ...afterSent, lastReports: reports.lastReports },
    effects: [...attributes.effects, ...starts.effects, ...sent.effects, ...reports.effects],
    wake: true,
  };
}

/** Applies an event the machine accepts, records it in the audit trail, and settles. */
export function applyEvent(
  ctx: HostContext,
  state: HostState,
  event: StampedEvent,
  now: number,
  /** What the audit trail keeps of the event, when not all of it (e.g. a child's report). */
  auditAs?: { type: string } & Record<string, unknown>,
): Decision {
  const from = statePaths(state.snapshot);
  const [snapshot] = transition(
    ctx.definition.machine,
    state.snapshot,
    event as Parameters<typeof transition>[2],
  );
  const { actor, at, ...all } = event;
  const entry = {
    seq: state.history.length + 1,
    at,
    actor,
    event: auditAs ?? all,
    from,
    to: statePaths(snapshot),
  };
  return settle(
    ctx,
    { ...state, snapshot, history: [...state.history, entry], updatedAt: at },
    now,
  );
}

/** Applies a system event where the machine takes it; settles either way. */
function offer(
  ctx: HostContext,
  state: HostState,
  event: StampedEvent,
  now: number,
  auditAs?: { type: string } & Record<string, unknown>,
): Decision {
  return machineAccepts(state.snapshot, event)
    ? applyEvent(ctx, state, event, now, auditAs)
    : settle(ctx, state, now);
}

const remember = (state: HostState, updateId: string | undefined): HostState =>
  updateId === undefined
    ? state
    : {
        ...state,
        appliedUpdateIds: [...state.appliedUpdateIds, updateId].slice(-MAX_REMEMBERED_UPDATES),
      };

const then = (first: Decision, next: (state: HostState) => Decision): Decision => {
  const second = next(first.state);
  return {
    state: second.state,
    effects: [...first.effects, ...second.effects],
    wake: first.wake || second.wake,
  };
};

/** Records a child's end and feeds CHILD_DONE, once per child. */
function childEnded(
  ctx: HostContext,
  state: HostState,
  input: Extract<Input, { type: 'childEnded' }>,
  now: number,
): Decision {
  const record = state.children.find((child) => child.key === input.key);
  if (record?.status !== 'running') return unchanged(state);
  const at = new Date(now).toISOString();
  const ended = updateChild(state, input.key, { status: input.status, endedAt: at });
  const event = stampedEvent(
    'CHILD_DONE',
    {
      key: input.key,
      kind: record.kind,
      childId: record.id,
      status: input.status,
      output: input.output,
    },
    systemActor,
    at,
  );
  return offer(ctx, ended, event, now);
}

function childReport(
  ctx: HostContext,
  state: HostState,
  report: ChildReport,
  now: number,
): Decision {
  const verdict = judgeReport(state, report, ctx.rules);
  if (!verdict.take) {
    return unchanged(state, {
      message:
        verdict.why === 'older'
          ? 'ignored a child report older than one already applied'
          : 'a report from a process that is not a linked child',
      data: { key: report.key, childId: report.childId, seq: report.seq },
    });
  }
  const recorded = recordReport(state, verdict.record, report, verdict.seq);
  const at = new Date(now).toISOString();
  const { key, kind, childId, summary, tags } = report;
  const event = stampedEvent(
    'CHILD_PROGRESS',
    { key, kind, childId, summary, tags, report: report.report },
    systemActor,
    at,
  );
  // The report itself is in the context; the audit trail keeps who reported what, briefly.
  const progressed = machineAccepts(recorded.snapshot, event)
    ? applyEvent(ctx, recorded, event, now, { type: 'CHILD_PROGRESS', key, summary })
    : { state: recorded, effects: [], wake: true };
  if (report.status === 'running') return progressed;
  return then(progressed, (next) =>
    childEnded(
      ctx,
      next,
      {
        type: 'childEnded',
        key: verdict.record.key,
        status: report.status,
        output: report.output ?? null,
      },
      now,
    ),
  );
}

function parentEvent(
  ctx: HostContext,
  state: HostState,
  request: ParentEvent,
  now: number,
): Decision {
  const receipt = `${request.from}#${request.id}`;
  if (state.receivedParentEvents.includes(receipt)) return unchanged(state);
  const about = { from: request.from, type: request.type };
  if (!state.links.some((link) => link.workflowId === request.from)) {
    return unchanged(state, {
      message: 'an event from a process this run does not report to',
      data: about,
    });
  }
  const schemas = ctx.definition.parentEvents ?? {};
  const parsed = Object.hasOwn(schemas, request.type)
    ? schemas[request.type]?.safeParse(request.payload)
    : undefined;
  if (!parsed?.success) {
    return unchanged(state, { message: 'a parent event this process does not take', data: about });
  }
  const sender: Actor = { id: request.from, role: 'system' };
  const event = stampedEvent(request.type, parsed.data, sender, new Date(now).toISOString());
  if (!machineAccepts(state.snapshot, event)) {
    return {
      state,
      effects: [],
      wake: true,
      note: {
        message: 'the parent process sent an event this state does not accept',
        data: { ...about, state: statePaths(state.snapshot) },
      },
    };
  }
  const received = { ...state, receivedParentEvents: [...state.receivedParentEvents, receipt] };
  return applyEvent(ctx, received, event, now);
}

function due(ctx: HostContext, state: HostState, item: DueItem, now: number): Decision {
  const at = new Date(now).toISOString();
  const { definition, rules } = ctx;
  if (item.kind === 'reminder' && item.reminderIndex !== undefined) {
    const index = item.reminderIndex;
    const started = startReminder(
      definition,
      state,
      { deadlineId: item.deadlineId, index },
      ctx,
      () => ctx.allowed(state.snapshot, at, rules.patched(ACTS_FOR_PATCH)),
    );
    if (!started) return unchanged(state);
    return {
      state: started.state,
      effects: [
        { type: 'deliverReminder', deadlineId: item.deadlineId, index, notice: started.notice },
      ],
      wake: true,
    };
  }
  if (item.kind === 'deadline') {
    const passed = markPassed(state, item.deadlineId);
    if (!passed) return unchanged(state);
    const event = stampedEvent('DEADLINE_PASSED', { deadline: item.deadlineId }, systemActor, at);
    return offer(ctx, passed, event, now);
  }
  const resumed = resumeByItself(definition, state, item.deadlineId, now, rules);
  return resumed ? refreshed(ctx, resumed, at) : unchanged(state);
}

export function decide(ctx: HostContext, state: HostState, input: Input, now: number): Decision {
  switch (input.type) {
    case 'start':
      return settle(ctx, state, now);
    case 'event':
      return applyEvent(ctx, remember(state, input.updateId), input.event, now);
    case 'deadlineChange':
      return refreshed(
        ctx,
        remember(recordAdjustment(state, input.adjustment), input.updateId),
        new Date(now).toISOString(),
      );
    case 'childReport':
      return childReport(ctx, state, input.report, now);
    case 'parentEvent':
      return parentEvent(ctx, state, input.request, now);
    case 'link': {
      // Told everything afresh: a parent that links again may have missed earlier reports.
      const lastReports = Object.fromEntries(
        Object.entries(state.lastReports).filter(([parent]) => parent !== input.link.workflowId),
      );
      const linked = {
        ...state,
        links: [...state.links.filter((l) => l.workflowId !== input.link.workflowId), input.link],
        lastReports,
      };
      const reports = parentReports(ctx.definition, linked, ctx.workflowId);
      return {
        state: { ...linked, lastReports: reports.lastReports },
        effects: reports.effects,
        wake: true,
      };
    }
    case 'due':
      return due(ctx, state, input.item, now);
    case 'childEnded':
      return childEnded(ctx, state, input, now);
    case 'childAdopted':
      return { state: updateChild(state, input.key, { adopted: true }), effects: [], wake: true };
    case 'childEventUndelivered':
      // Forgotten, so the next change of state tries again.
      return unchanged({
        ...state,
        sentChildEvents: state.sentChildEvents.filter((id) => id !== input.id),
      });
    case 'reminderOutcome':
      return {
        state: markReminder(state, input.deadlineId, input.index, input.change),
        effects: [],
        wake: true,
      };
  }
}
