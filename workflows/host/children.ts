/**
 * The linked-child protocol, as decisions: which children to start, which events to send them,
 * what to tell parents, and what a child's report or end changes. Pure; the effects it returns
 * are carried out by the workflow (statechart-host.ts).
 */
import { ApplicationFailure } from '@temporalio/common';
import { findDefinition } from '../../machines/registry';
import type { ProcessDefinition } from '../../machines/process-definition';
import type { ChildRecord, ChildReport, HostInput, LinkRequest, ParentEvent } from '../contract';
import { isOlderReport, reportSequence, CHILD_REPORT_SEQUENCE_PATCH } from '../child-report-order';
import type { HostState } from './host-state';
import { LINK_EVERY_CHILD_PATCH, type Rules } from './patches';

export type ChildEffect =
  | {
      type: 'startChild';
      record: ChildRecord;
      input: HostInput;
      /** The child's DsoKind and DsoBusinessKey, set at its start; absent for older runs. */
      attributes?: { kind: string; businessKey: string };
    }
  | { type: 'signalChild'; childId: string; event: ParentEvent }
  | { type: 'reportToParent'; workflowId: string; report: ChildReport }
  | { type: 'linkChild'; childId: string; link: LinkRequest };

/** The children the state asks for that this run has not started yet: their records and starts. */
export function childStarts(
  definition: ProcessDefinition,
  state: HostState,
  workflowId: string,
  at: string,
  rules: Rules,
  /** Asked only when a child starts (a `patched` question). */
  stableAttributesAtStart: () => boolean,
): { children: ChildRecord[]; effects: ChildEffect[] } {
  let children = state.children;
  const effects: ChildEffect[] = [];
  for (const request of definition.children?.(state.snapshot) ?? []) {
    if (children.some((child) => child.key === request.key)) continue;
    const childDefinition = findDefinition(request.kind);
    const parsed = childDefinition?.input.safeParse(request.input);
    if (!childDefinition || !parsed?.success) {
      throw ApplicationFailure.nonRetryable(
        `the machine asked for an invalid ${request.kind} child (${request.key})`,
        'InvalidChildRequest',
      );
    }
    const linked = request.linked === true || rules.patched(LINK_EVERY_CHILD_PATCH);
    const businessKey = childDefinition.businessKey(parsed.data);
    const record: ChildRecord = {
      key: request.key,
      kind: request.kind,
      id: `${request.kind}:${businessKey}`,
      status: 'running',
      startedAt: at,
      ...(linked ? { linked: true } : {}),
    };
    children = [...children, record];
    effects.push({
      type: 'startChild',
      record,
      input: {
        input: request.input,
        startedBy: { id: workflowId, role: 'system' },
        ...(linked ? { parent: { workflowId, key: record.key } } : {}),
      },
      ...(stableAttributesAtStart() ? { attributes: { kind: request.kind, businessKey } } : {}),
    });
  }
  return { children, effects };
}

/** The events the state asks to send into linked children, each once. */
export function childEvents(
  definition: ProcessDefinition,
  state: HostState,
  workflowId: string,
): { sentChildEvents: string[]; effects: ChildEffect[] } {
  let sent = state.sentChildEvents;
  const effects: ChildEffect[] = [];
  for (const request of definition.childEvents?.(state.snapshot) ?? []) {
    if (sent.includes(request.id)) continue;
    const child = state.children.find((c) => c.key === request.key && c.linked);
    if (child?.status !== 'running') continue;
    sent = [...sent, request.id];
    effects.push({
      type: 'signalChild',
      childId: child.id,
      event: { id: request.id, from: workflowId, type: request.type, payload: request.payload },
    });
  }
  return { sentChildEvents: sent, effects };
}

/** What to tell each linked parent, where it changed since the last report. */
export function parentReports(
  definition: ProcessDefinition,
  state: HostState,
  workflowId: string,
): { lastReports: Record<string, string>; effects: ChildEffect[] } {
  const { snapshot } = state;
  const status: ChildReport['status'] = snapshot.status === 'done' ? 'completed' : 'running';
  const lastReports = { ...state.lastReports };
  const effects: ChildEffect[] = [];
  for (const link of state.links) {
    const report: ChildReport = {
      key: link.key,
      childId: workflowId,
      kind: definition.kind,
      status,
      summary: definition.summary(snapshot),
      tags: [...snapshot.tags].sort(),
      report: definition.reportToParent?.(snapshot) ?? null,
      ...(status === 'completed' ? { output: snapshot.output ?? null } : {}),
    };
    const serialised = JSON.stringify(report);
    if (lastReports[link.workflowId] === serialised) continue;
    lastReports[link.workflowId] = serialised;
    // The sequence is outside the comparison: a report is resent only when what it says changed.
    effects.push({
      type: 'reportToParent',
      workflowId: link.workflowId,
      report: { ...report, seq: state.history.length },
    });
  }
  return { lastReports, effects };
}

export type ReportVerdict =
  | { take: false; why: 'not-linked' | 'older' }
  | { take: true; record: ChildRecord; seq: number | undefined };

/**
 * Whether a report is taken: only from a running linked child, and only when newer than the last
 * one applied (by the child's own sequence; reports may overtake each other on the way).
 */
export function judgeReport(state: HostState, report: ChildReport, rules: Rules): ReportVerdict {
  const record = state.children.find(
    (child) =>
      child.key === report.key &&
      child.id === report.childId &&
      child.linked &&
      child.status === 'running',
  );
  if (!record) return { take: false, why: 'not-linked' };
  const seq = reportSequence(report.seq);
  if (
    isOlderReport(seq, state.childReportSeqs[record.key]) &&
    rules.patched(CHILD_REPORT_SEQUENCE_PATCH)
  ) {
    return { take: false, why: 'older' };
  }
  return { take: true, record, seq };
}

/** The state with a taken report's sequence and summary recorded. */
export function recordReport(
  state: HostState,
  record: ChildRecord,
  report: ChildReport,
  seq: number | undefined,
): HostState {
  const childReportSeqs =
    seq === undefined
      ? state.childReportSeqs
      : {
          ...state.childReportSeqs,
          [record.key]: Math.max(seq, state.childReportSeqs[record.key] ?? 0),
        };
  return {
    ...state,
    childReportSeqs,
    children: state.children.map((child) =>
      child.key === record.key ? { ...child, summary: report.summary } : child,
    ),
  };
}

export const updateChild = (
  state: HostState,
  key: string,
  change: Partial<ChildRecord>,
): HostState => ({
  ...state,
  children: state.children.map((child) => (child.key === key ? { ...child, ...change } : child)),
});
