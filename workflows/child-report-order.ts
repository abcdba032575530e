/**
 * Two reports a child sends close together can reach its parent in either order; the parent keeps
 * the newest by the child's own sequence, never by arrival (docs/DECISIONS.md).
 */

/** Patch id of ignoring older child reports: histories recorded before it replay applying them. */
export const CHILD_REPORT_SEQUENCE_PATCH = 'child-report-sequence';

/** The report's sequence, when it carries a usable one (children on older code send none). */
export const reportSequence = (seq: unknown): number | undefined =>
  typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;

/** True when a report is not newer than the last one applied from the same child. */
export const isOlderReport = (seq: number | undefined, lastApplied: number | undefined): boolean =>
  seq !== undefined && lastApplied !== undefined && seq <= lastApplied;
