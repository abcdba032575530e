/**
 * The one place that names the host's update and query and the shapes they carry. The workflow
 * host and the API both import it, so the two sides cannot drift apart.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, Party, Role } from '../machines/actors';
import type { RefusalRule } from '../machines/refusals';

export const TASK_QUEUE_DEFAULT = 'dso-lv';

/** What the API sends for one operator event; the actor comes from the credential. */
export interface EventRequest {
  event: { type: string } & Record<string, unknown>;
  actor: Actor;
}

/** A workflow's input: the kind's start input, who started it, and state carried over. */
export interface HostInput {
  input: unknown;
  startedBy: Actor;
  /** Continue-as-new once history holds this many events (Temporal also suggests it itself). */
  continueAsNewAfterEvents?: number;
  /** Set when a parent process started this run as a linked child: report to it. */
  parent?: ParentLink;
  /** State carried over by continue-as-new: a versioned HostState, or a CarriedState of before. */
  carried?: CarriedState | CarriedHostState;
}

/** A parent process a run reports to, and the key it knows the run by. */
export interface ParentLink {
  workflowId: string;
  key: string;
}

export interface CarriedState {
  /** The machine's persisted snapshot (JSON). */
  snapshot: unknown;
  deadlines: DeadlineRecord[];
  children: ChildRecord[];
  history: AuditEntry[];
  startedAt: string;
  /** Absent in state carried over by hosts older than this field. */
  appliedUpdateIds?: string[];
  /** Absent in state carried over by hosts older than linked children. */
  links?: ParentLink[];
  sentChildEvents?: string[];
  receivedParentEvents?: string[];
  /** The last report sent to each parent, by its workflow id. */
  lastReports?: Record<string, string>;
  /** The sequence of the last report applied from each linked child, by child key. */
  childReportSeqs?: Record<string, number>;
  generation: number;
}

/**
 * What continue-as-new carries since the second design of the host (workflows/host/host-state.ts):
 * `schemaVersion` versions this shape, `machineVersion` the kind's statechart, so a run carried
 * over under older code is migrated before its snapshot is resolved.
 */
export interface CarriedHostState {
  schemaVersion: number;
  machineVersion: number;
  snapshot: unknown;
  deadlines: DeadlineRecord[];
  children: ChildRecord[];
  history: AuditEntry[];
  startedAt: string;
  appliedUpdateIds: string[];
  links: ParentLink[];
  sentChildEvents: string[];
  receivedParentEvents: string[];
  lastReports: Record<string, string>;
  childReportSeqs: Record<string, number>;
  generation: number;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: Actor;
  event: { type: string } & Record<string, unknown>;
  from: string[];
  to: string[];
}

export interface ChildRecord {
  key: string;
  kind: string;
  id: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  endedAt?: string;
  /** Runs on its own, outlives this run and reports by signal (see ChildRequest.linked). */
  linked?: boolean;
  /** Was already running when this run asked for it, and was adopted rather than started. */
  adopted?: boolean;
  /** The child's own one-line summary, as it last reported. */
  summary?: string;
}

export type DeadlineStatus =
  | 'pending'
  | 'running'
  | 'met'
  | 'overdue'
  | 'metLate'
  | 'reached'
  /** Left unresolved: the matter went on elsewhere (e.g. up the escalation ladder). */
  | 'passedOn'
  /** Stopped by an operator: no reminders, cannot pass; resuming moves the due date on. */
  | 'suspended';

export interface ReminderRecord {
  daysBefore: number;
  scheduledFor: string;
  status: 'planned' | 'sending' | 'sent' | 'failed';
  sentAt?: string;
  channels?: DeliveryChannelResult[];
  error?: string;
}

export interface DeadlineRecord {
  id: string;
  label: string;
  /** Null while the deadline waits for something that fixes its date. */
  due: string | null;
  remindDaysBefore: number[];
  /** A moment waited for, not a deadline: passing it is "reached", never overdue. */
  moment: boolean;
  status: DeadlineStatus;
  startedAt?: string;
  endedAt?: string;
  reminders: ReminderRecord[];
  /** Since when the deadline is suspended (status `suspended`). */
  suspendedAt?: string;
  /** Operators' suspensions, resumptions and extensions, oldest first. */
  adjustments?: DeadlineAdjustment[];
}

export type DeadlineAction = 'suspend' | 'resume' | 'extend';

/** One operator's change of a running deadline, as the run records it. */
export interface DeadlineAdjustment {
  action: DeadlineAction;
  at: string;
  by: Actor;
  reason: string;
  dueBefore: string;
  dueAfter: string;
  /** resume: how long the deadline was suspended, in milliseconds of workflow time. */
  suspendedMs?: number;
}

/** What the API sends to suspend, resume or extend a deadline; the actor comes from the credential. */
export interface DeadlineRequest {
  deadlineId: string;
  /** `{action, reason}`, for extend with `until` (a date or instant) or `days` (and `unit`). */
  change: { action: DeadlineAction; reason: string } & Record<string, unknown>;
  actor: Actor;
}

export interface DeliveryChannelResult {
  channel: 'webhook' | 'email' | 'log';
  /** skipped: no recipient configured for whoever must act; failed: refused for good. */
  status: 'delivered' | 'recorded' | 'skipped' | 'failed';
  target?: string;
  httpStatus?: number;
  /** E-mail: the addresses the SMTP server accepted, those it refused, and the Message-ID. */
  recipients?: string[];
  rejected?: string[];
  messageId?: string;
  error?: string;
}

/** What the reminder activity is told. */
export interface ReminderNotice {
  processId: string;
  kind: string;
  title: string;
  businessKey: string;
  summary: string;
  /** `moment`: a moment waited for (DeadlineRecord.moment), shown on its own day; absent otherwise. */
  deadline: { id: string; label: string; due: string; moment?: boolean };
  daysBefore: number;
  scheduledFor: string;
  /**
   * Who may act now; party is set where only that government's member may (AllowedEvent.party),
   * organisation where only that organisation's actor may (AllowedEvent.organisation).
   */
  waitingOn: { role: Role; party?: Party; organisation?: string; events: string[] }[];
}

export interface ReminderDelivery {
  channels: DeliveryChannelResult[];
}

export interface AllowedEvent {
  type: string;
  label: string;
  role: Role;
  /** Set where only the member of this government may send it (OGB Beheer, BO). */
  party?: Party;
  /** Set where only this organisation's actor may send it (an OBO for its own accounts). */
  organisation?: string;
  /** For events with choices: the payloads that the current state accepts now. */
  options?: Record<string, unknown>[];
}

export interface ProcessView {
  id: string;
  kind: string;
  title: string;
  businessKey: string;
  status: 'running' | 'completed';
  /** Active leaf states as dotted paths, e.g. "acceptance.phase1.assessment". */
  state: string[];
  stateLabels: string[];
  tags: string[];
  summary: string;
  context: Record<string, unknown>;
  allowedEvents: AllowedEvent[];
  deadlines: DeadlineRecord[];
  children: ChildRecord[];
  /** The final state's output, once the run has ended. */
  output: unknown;
  nextDeadline: string | null;
  overdue: boolean;
  /** The last VIEW_HISTORY_ENTRIES audit entries; the `history` query pages through all. */
  history: AuditEntry[];
  /** How many audit entries the run holds in all. */
  historyCount: number;
  startedAt: string;
  startedBy: Actor;
  updatedAt: string;
}

/** How many audit entries the view carries (the newest). */
export const VIEW_HISTORY_ENTRIES = 50;
/** The most entries one page of the `history` query answers, and how many when not told. */
export const HISTORY_PAGE_MAX = 500;
export const HISTORY_PAGE_DEFAULT = 100;

/** The `history` query's argument: entries after the one with seq `after`, at most `limit`. */
export interface HistoryRequest {
  after?: number;
  limit?: number;
}

export interface HistoryPage {
  entries: AuditEntry[];
  total: number;
}

/**
 * What an accepted event or deadline change answers: small, so the update's result in the
 * history stays the same size however long the run has lived. The full view is a query.
 */
export interface EventResult {
  /** The audit entry the change recorded. */
  seq: number;
  state: string[];
  status: ProcessView['status'];
  /** The events the caller may send now. */
  allowedEvents: AllowedEvent[];
  nextDeadline: string | null;
}

/** One run as the listing (`GET /api/processes`) shows it, from its search attributes. */
export interface ProcessSummary {
  id: string;
  kind: string | undefined;
  businessKey: string | undefined;
  state: string[];
  nextDeadline: string | null;
  overdue: boolean;
  /** Who may act now: "tbo", "ogb:vng", "obo:kadaster", … (DsoWaitingOn); empty for runs from before it. */
  waitingOn: string[];
  status: string;
  startedAt: string;
}

export interface ProcessPage {
  processes: ProcessSummary[];
  /** Pass as pageToken for the next page; null on the last one. */
  nextPageToken: string | null;
}

/** Failure types of a rejected event; the API maps them to 400, 403 and 409. */
export const EventRejection = {
  invalidEvent: 'InvalidEvent',
  forbiddenRole: 'ForbiddenRole',
  forbiddenActor: 'ForbiddenActor',
  notAllowedInState: 'NotAllowedInState',
  unknownDeadline: 'UnknownDeadline',
  /** The arguments were not sealed by this product's payload codec (see below). */
  unverifiedPayload: 'UnverifiedPayload',
} as const;
export type EventRejectionType = (typeof EventRejection)[keyof typeof EventRejection];

export interface EventRejectionDetails {
  /**
   * The rule that refused it, as the API's problem type slug: of a 403, the role may not send it
   * (wrong-role), or not for that party or organisation (wrong-party).
   */
  rule?: RefusalRule;
  field?: string;
  reason?: string;
  issues?: { path: string; message: string }[];
  allowedRoles?: Role[];
  state?: string[];
}

export const INVALID_INPUT = 'InvalidInput';

/**
 * What the workers' payload codec (server/payload-codec.ts) hands a workflow instead of a payload
 * it could not verify: not sealed with a configured key, sealed with an unknown key, altered, or
 * sealed for another run. Whoever reaches Temporal without the key gets no further than this.
 */
export const UNVERIFIED_PAYLOAD = 'dso-lv:unverified-payload';
export type UnverifiedReason = 'notEncrypted' | 'unknownKey' | 'tampered' | 'otherRun';
export interface UnverifiedPayload {
  [UNVERIFIED_PAYLOAD]: UnverifiedReason;
}

export function isUnverifiedPayload(value: unknown): value is UnverifiedPayload {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, UNVERIFIED_PAYLOAD);
}

export const eventUpdate = defineUpdate<EventResult, [EventRequest]>('event');
export const viewQuery = defineQuery<ProcessView>('view');
export const historyQuery = defineQuery<HistoryPage, [HistoryRequest]>('history');
/** Suspends, resumes or extends one deadline of a run (operators, audited). */
export const deadlineUpdate = defineUpdate<EventResult, [DeadlineRequest]>('deadline');

/** What a linked child tells its parents whenever its report changes, and once when it ends. */
export interface ChildReport {
  key: string;
  childId: string;
  kind: string;
  status: ChildRecord['status'];
  summary: string;
  tags: string[];
  report: unknown;
  output?: unknown;
  /**
   * The child's audit-history length when it reported: it grows with every change of state, so a
   * parent can tell an older report that arrived late (signals may overtake each other). Absent in
   * reports from hosts older than this field.
   */
  seq?: number;
}

/** An event a parent process sends into one of its linked children, delivered once by id. */
export interface ParentEvent {
  id: string;
  from: string;
  type: string;
  payload: Record<string, unknown>;
}

export const childReportSignal = defineSignal<[ChildReport]>('childReport');
/**
 * Asks a running process to report to a parent: one more (adoption), or the same one again after
 * that parent continued as new (a report may have been lost on the way; see host/relink.ts).
 */
export interface LinkRequest extends ParentLink {
  /**
   * The sequence of the last report the parent applied from this run: only a newer report is
   * sent again. Absent in an adoption, and from parents older than this field: then it is sent.
   */
  knownSeq?: number;
}

export const linkSignal = defineSignal<[LinkRequest]>('link');
export const parentEventSignal = defineSignal<[ParentEvent]>('parentEvent');
