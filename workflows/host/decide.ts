/**
 * decide(state, input, now) → { state, effects }: every change of a run, as a pure function. The
 * workflow (statechart-host.ts) feeds it what arrives and carries out the effects in their order,
 * which is the order in which the first host issued its commands, so old histories replay.
 */
import { systemActor, type Actor } from '../../machines/actors';
import type { ChildReport, ParentEvent } from '../contract';
import type { DueItem } from '../deadline-book';
import { machineAccepts, stampedEvent, statePaths } from '../snapshot-reading';
import { judgeReport, parentReports, recordReport, updateChild } from './children';
import {
  markPassed,
  markReminder,
  recordAdjustment,
  resumeByItself,
  startReminder,
} from './deadlines';
import type { HostState } from './host-state';
import { ACTS_FOR_PATCH } from './patches';
import { newerThanKnown, relinkChildren } from './relink';
import {
  applyEvent,
  offer,
  refreshed,
  remember,
  settle,
  then,
  unchanged,
  type Decision,
  type HostContext,
  type Input,
} from './settle';

export type { Decision, Effect, HostContext, Input } from './settle';

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
      const { knownSeq, ...link } = input.link;
      const links = [...state.links.filter((l) => l.workflowId !== link.workflowId), link];
      // A parent that continued as new and has the newest report already: nothing to resend.
      if (!newerThanKnown(state, knownSeq)) return unchanged({ ...state, links });
      // Told everything afresh: a parent that links again may have missed earlier reports.
      const lastReports = Object.fromEntries(
        Object.entries(state.lastReports).filter(([parent]) => parent !== link.workflowId),
      );
      const linked = { ...state, links, lastReports };
      const reports = parentReports(ctx.definition, linked, ctx.workflowId);
      return {
        state: { ...linked, lastReports: reports.lastReports },
        effects: reports.effects,
        wake: true,
      };
    }
    case 'continued':
      return relinkChildren(state, ctx.workflowId);
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
