/**
 * After continue-as-new, a parent links its running children again, telling each the sequence of
 * the last report it applied; a child that has changed since sends its report once more.
 *
 * Why: a report signalled to the parent while the parent's last task of a run was under way can
 * be lost. Temporal Server fails such a task (UNHANDLED_COMMAND) and runs it again with the signal,
 * but the Java time-skipping test server loses it when a query waited on that same task: the new
 * run starts, the old run records neither its end nor the buffered signal, and the child has its
 * signal acknowledged. In CI (2026-12-02) that left a programme in phase 2 with both provisions'
 * phase-2 reports missing. One link per child per run is cheap, and no report can stay lost.
 */
import { reportSequence } from '../child-report-order';
import type { HostState } from './host-state';
import type { ChildEffect } from './children';
import type { Decision } from './settle';

/** One link to each running linked child, with what this run knows of it. */
export function relinkChildren(state: HostState, workflowId: string): Decision {
  const effects: ChildEffect[] = state.children
    .filter((child) => child.linked && child.status === 'running')
    .map((child) => {
      const knownSeq = state.childReportSeqs[child.key];
      return {
        type: 'linkChild',
        childId: child.id,
        link: { workflowId, key: child.key, ...(knownSeq === undefined ? {} : { knownSeq }) },
      };
    });
  return { state, effects, wake: false };
}

/** Whether a child's current report is news to a parent that knows `knownSeq` (if usable). */
export function newerThanKnown(state: HostState, knownSeq: unknown): boolean {
  const known = reportSequence(knownSeq);
  return known === undefined || state.history.length > known;
}
