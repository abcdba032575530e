import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { Actor, Party, Role } from './actors';
import type { ActsFor, Refusal } from './refusals';

/**
 * Everything the generic workflow host needs to run one kind of process. A definition is pure
 * data plus pure functions; the statechart decides, the host only hosts.
 */
export interface ProcessDefinition<TInput = unknown> {
  /** The workflow type and the `{kind}` in the API's paths. */
  readonly kind: string;
  /** The Dutch name operators know the process by. */
  readonly title: string;
  readonly machine: AnyStateMachine;
  /** Parses a start request (without the actor, which comes from the credential). */
  readonly input: z.ZodType<TInput>;
  /** Roles that may start a run. */
  readonly startRoles: readonly Role[];
  /** The key that makes a run unique among the runs of this kind (e.g. the provision). */
  businessKey(input: TInput): string;
  /**
   * The machine's input, made from the parsed start input, who started it and when, and the rule
   * revisions it started before (see `ruleRevisions`).
   */
  machineInput(input: TInput, started: StartedBy): unknown;
  /**
   * Revisions of this kind's rules, oldest first, each a Temporal patch id. A run follows the
   * revisions that were in force when it started: the host passes the others as
   * `started.olderRules`, so the machine (pure, no Temporal) keeps an older run on the rules it
   * was recorded under, and its history replays.
   */
  readonly ruleRevisions?: readonly string[];
  /** Operator events, by event type. */
  readonly events: Readonly<Record<string, EventDefinition>>;
  /** Deadlines, by id; states name the one they wait on in `meta.deadline`. */
  readonly deadlines: Readonly<Record<string, DeadlineDefinition>>;
  /**
   * Roles that may suspend, resume and extend this process's deadlines (DEFAULT_DEADLINE_ROLES),
   * each deadline's `boundBy` excepted.
   */
  readonly deadlineRoles?: readonly Role[];
  /** Child processes the current state needs; the host starts each once and reports its end. */
  children?(snapshot: AnyMachineSnapshot): ChildRequest[];
  /** Events for linked children the current state sends, each delivered once by its id. */
  childEvents?(snapshot: AnyMachineSnapshot): ChildEventRequest[];
  /** Events a parent process may send this run (by type, with their payload schemas). */
  readonly parentEvents?: Readonly<Record<string, z.ZodType<Record<string, unknown>>>>;
  /** What this run tells a parent it is linked to (JSON); sent whenever it changes. */
  reportToParent?(snapshot: AnyMachineSnapshot): unknown;
  /** One line on where the run stands, for lists and reminders. */
  summary(snapshot: AnyMachineSnapshot): string;
  /** The part of the context operators may read (allow-listed, JSON only). */
  publicContext(snapshot: AnyMachineSnapshot): Record<string, unknown>;
}

export interface StartedBy {
  actor: Actor;
  at: string;
  /** Rule revisions (ProcessDefinition.ruleRevisions) the run started before; none when absent. */
  olderRules?: readonly string[];
}

/** Whether a run started with these older rules follows the revision `id`. */
export const followsRule = (olderRules: readonly string[] | undefined, id: string): boolean =>
  !(olderRules ?? []).includes(id);

export interface EventDefinition {
  readonly label: string;
  readonly roles: readonly Role[];
  /** The event's fields besides `type`; `actor` and `at` are added by the host. */
  readonly payload: z.ZodType<Record<string, unknown>>;
  /**
   * Who sent this event before actors were bound to their organisation, where that changed (the
   * host's patch "actors-act-for-their-organisation"): only replaying history from before it.
   */
  readonly legacyRoles?: readonly Role[];
  /** The organisation the payload names, for which only its own actor may send the event. */
  readonly actsFor?: ActsFor;
  /**
   * Whether this actor may send this event now, beyond its role and organisation (e.g. only for
   * its own party). Returns the refusal with the rule it names, or undefined. `at` is the moment
   * the event would carry (ISO), for rules that depend on the date (not before the meeting).
   */
  authorise?(
    snapshot: AnyMachineSnapshot,
    actor: Actor,
    payload: Record<string, unknown>,
    at?: string,
  ): Refusal | undefined;
  /**
   * Why the chart refuses this event now, where a rule says why (e.g. a step still missing,
   * machines/earlier-steps.ts). Asked only after the chart has refused, so it changes what the
   * caller is told (the rule's problem type instead of "not allowed now"), never what a run does
   * or which events are offered.
   */
  refusedBecause?(
    snapshot: AnyMachineSnapshot,
    payload: Record<string, unknown>,
  ): Refusal | undefined;
  /**
   * Payloads to try against the current state, so the view can say which concrete options are
   * open (e.g. which assessments still wait on a verdict). Without it one empty payload is tried.
   */
  options?(snapshot: AnyMachineSnapshot, actor: Actor): Record<string, unknown>[];
}

export interface DeadlineDefinition {
  readonly label: string;
  /**
   * The instant the deadline falls due (ISO-8601), read from the machine's context when the
   * deadline starts; null while the context cannot tell yet (e.g. "a month after the meeting").
   */
  due(snapshot: AnyMachineSnapshot): string | null;
  /** Days before the due instant at which reminders go out. */
  readonly remindDaysBefore: readonly number[];
  /**
   * A moment the process waits for (e.g. the start of a term) rather than a deadline someone can
   * miss: when it comes it is "reached", never overdue.
   */
  readonly moment?: boolean;
  /**
   * Whether leaving the deadline's states means it was met (the default), or that the matter was
   * passed on unresolved (e.g. an escalation rung that hands the dispute to the next one).
   */
  metWhen?(snapshot: AnyMachineSnapshot): boolean;
  /**
   * A patch id, for a deadline added after runs already existed: the host arms it only where
   * Temporal's `patched(since)` holds, so recorded histories of older runs keep replaying.
   */
  readonly since?: string;
  /**
   * Whom the deadline binds: who must act before it, or is a party to what it times. None of them
   * may suspend, resume or extend it. Required, so that every deadline says who it binds.
   */
  readonly boundBy:
    readonly BoundParty[] | ((snapshot: AnyMachineSnapshot) => readonly BoundParty[]);
  /**
   * How many calendar days past its original due moment a suspension or extension may carry the
   * deadline (DEFAULT_MAX_EXTENSION_DAYS).
   */
  readonly maxExtensionDays?: number;
  /**
   * The latest due moment the process allows, read from the run (e.g. before the new term
   * starts), with its rule; null where the run sets none.
   */
  latest?(snapshot: AnyMachineSnapshot): DeadlineLimit | null;
}

/** Someone a deadline binds. */
export interface BoundParty {
  readonly role: Role;
  /** Only this government's member of the body; every member when absent. */
  readonly party?: Party;
  /**
   * Why: `actor`, they must act before it; `disputant`, a party to the dispute it times;
   * `assessed`, the process judges them (the organisations a re-selection evaluates).
   */
  readonly as: 'actor' | 'disputant' | 'assessed';
}

/** A latest permitted due moment and the rule that sets it, in Dutch and in English. */
export interface DeadlineLimit {
  /** ISO instant. */
  readonly at: string;
  /** e.g. "vóór de start van de nieuwe termijn". */
  readonly nl: string;
  /** e.g. "before the new term starts". */
  readonly en: string;
}

/** The state-node meta the host reads. */
export interface StateMeta {
  readonly label?: string;
  readonly deadline?: string;
}

export const DEFAULT_REMINDER_DAYS = [30, 7, 1] as const;

/**
 * Who may suspend, resume and extend deadlines unless a definition says otherwise: the strategic
 * manager (the principal, BZK) and the tactical manager that runs the arrangement day to day.
 */
export const DEFAULT_DEADLINE_ROLES: readonly Role[] = ['sbo', 'tbo'];

/**
 * How far past its original due moment a deadline may be moved unless its definition says
 * otherwise: half a year, the length of the arrangement's own phases and P&C seasons.
 */
export const DEFAULT_MAX_EXTENSION_DAYS = 180;

/** Bound parties for a list of roles that must act before a deadline. */
export const mustAct = (...roles: readonly Role[]): BoundParty[] =>
  roles.map((role) => ({ role, as: 'actor' }));

/** A child process a state needs, identified by a key unique within the parent. */
export interface ChildRequest {
  key: string;
  kind: string;
  /** The child kind's start input; its business key makes the child's workflow id. */
  input: Record<string, unknown>;
  /**
   * A linked child runs on its own: it outlives its parent (and the parent's continue-as-new),
   * reports its progress by signal (CHILD_PROGRESS) and can be sent events; if a run with its id
   * already exists, the parent adopts it instead of starting one.
   */
  linked?: boolean;
}

/** An event for a linked child; `id` makes it delivered once, whatever happens to the parent. */
export interface ChildEventRequest {
  key: string;
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/** The system event the host feeds into a machine when a linked child reports progress. */
export interface ChildProgressEvent {
  type: 'CHILD_PROGRESS';
  key: string;
  kind: string;
  childId: string;
  summary: string;
  tags: string[];
  report: unknown;
  actor: Actor;
  at: string;
}

/** The system event the host feeds into a machine when a child process has ended. */
export interface ChildDoneEvent {
  type: 'CHILD_DONE';
  key: string;
  kind: string;
  childId: string;
  status: 'completed' | 'failed';
  output: unknown;
  actor: Actor;
  at: string;
}

/** The system event the host feeds into a machine when a deadline it waits on falls due. */
export interface DeadlinePassedEvent {
  type: 'DEADLINE_PASSED';
  deadline: string;
  actor: Actor;
  at: string;
}
