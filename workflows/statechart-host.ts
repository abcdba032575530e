/**
 * The generic host: runs any process definition's statechart durably. Written once; each process
 * binds it in a file of a few lines. The machine decides; the host keeps the snapshot, validates
 * and applies operator events (the `event` update), keeps the audit history, arms deadline timers
 * and reminders, feeds DEADLINE_PASSED, answers the `view` query and keeps search attributes current.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  ChildWorkflowCancellationType,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { ZodError } from 'zod';
import { systemActor, type Actor } from '../machines/actors';
import {
  DEFAULT_DEADLINE_ROLES,
  type ChildRequest,
  type ProcessDefinition,
} from '../machines/process-definition';
import { actorRefusal } from '../machines/refusals';
import { findDefinition } from '../machines/registry';
import type { ReminderActivities } from '../activities/reminder-activities';
import { CHILD_REPORT_SEQUENCE_PATCH, isOlderReport, reportSequence } from './child-report-order';
import {
  childReportSignal,
  deadlineUpdate,
  EventRejection,
  eventUpdate,
  INVALID_INPUT,
  isUnverifiedPayload,
  linkSignal,
  UNVERIFIED_PAYLOAD,
  parentEventSignal,
  viewQuery,
  type ChildReport,
  type AllowedEvent,
  type AuditEntry,
  type CarriedState,
  type ChildRecord,
  type DeadlineRecord,
  type DeadlineRequest,
  type EventRejectionDetails,
  type EventRequest,
  type HostInput,
  type ParentLink,
  type ProcessView,
  type ReminderNotice,
} from './contract';
import {
  createDeadlines,
  dueItems,
  isOverdue,
  nextDeadline,
  nextWakeUp,
  syncDeadlines,
  updateDeadline,
} from './deadline-book';
import {
  adjustDeadline,
  adjustmentEventTypes,
  deadlineChangeSchema,
  type AdjustmentResult,
} from './deadline-adjustment';
import {
  automaticResumption,
  automaticResumptionReason,
  boundRefusal,
  deadlineLimit,
} from './deadline-rules';
import { searchAttributes } from './search-attributes';
import {
  activeLabels,
  allowedEvents,
  machineAccepts,
  stampedEvent,
  statePaths,
  waitedOnDeadlines,
  waitingOn,
} from './snapshot-reading';

const { deliverReminder } = proxyActivities<ReminderActivities>({
  // Longer than a channel's own timeouts together (webhook 10 s, SMTP up to 50 s), so an attempt
  // is never abandoned while a channel may still deliver.
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 6 },
});

function issuesOf(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

function reject(type: string, message: string, details: EventRejectionDetails): never {
  throw ApplicationFailure.create({ type, message, details: [details], nonRetryable: true });
}

const nowIso = (): string => new Date(Date.now()).toISOString();
const MAX_REMEMBERED_UPDATES = 2000;
/** Patch id of the DsoWaitingOn search attribute (see refreshSearchAttributes). */
const WAITING_ON_PATCH = 'search-attribute-waiting-on';
/**
 * Patch id of the bounds on deadline changes (deadline-rules.ts): who a deadline binds, how far
 * it may move, and suspensions that end by themselves. Runs recorded before them replay without.
 */
const DEADLINE_RULES_PATCH = 'deadline-change-rules';
/**
 * Patch id of actors bound to their organisation: an event that names an organisation is its own
 * actor's (EventDefinition.actsFor), and some events changed hands (legacyRoles). Live, it always
 * holds; history recorded before it replays with the rules it was recorded under.
 */
const ACTS_FOR_PATCH = 'actors-act-for-their-organisation';
/**
 * Patch id of resumptions that move a whole-day term by whole days (deadline-adjustment.ts).
 * Asked only when a whole-day term resumes, so histories without such a resumption never see it.
 */
const WHOLE_DAY_RESUME_PATCH = 'resume-whole-days';
const wholeDaysOnResume = () => patched(WHOLE_DAY_RESUME_PATCH);

export async function hostProcess(
  definition: ProcessDefinition,
  hostInput: HostInput,
): Promise<ProcessView> {
  // Started by someone without the payload key (e.g. `temporal workflow start`): no run, and the
  // id stays free for the real start (ALLOW_DUPLICATE_FAILED_ONLY).
  if (isUnverifiedPayload(hostInput)) {
    throw ApplicationFailure.create({
      type: EventRejection.unverifiedPayload,
      message: `the start of ${definition.kind} was not sealed with a payload key of this product`,
      details: [hostInput],
      nonRetryable: true,
    });
  }
  const parsedInput = definition.input.safeParse(hostInput.input);
  if (!parsedInput.success) {
    throw ApplicationFailure.create({
      type: INVALID_INPUT,
      message: `invalid input for ${definition.kind}`,
      details: [issuesOf(parsedInput.error)],
      nonRetryable: true,
    });
  }
  const input = parsedInput.data;
  const info = workflowInfo();
  const businessKey = definition.businessKey(input);
  const carried = hostInput.carried;

  let snapshot: AnyMachineSnapshot;
  let history: AuditEntry[];
  let deadlines: DeadlineRecord[];
  let children: ChildRecord[];
  let startedAt: string;
  /** Update ids already applied, kept across continue-as-new so a retried request stays applied once. */
  let appliedUpdateIds: string[];
  let links: ParentLink[];
  /** Ids of events sent to linked children, and received from parents: each goes once. */
  let sentChildEvents: string[];
  let receivedParentEvents: string[];
  if (carried) {
    snapshot = definition.machine.resolveState(
      carried.snapshot as Parameters<typeof definition.machine.resolveState>[0],
    );
    history = carried.history;
    deadlines = carried.deadlines;
    children = carried.children;
    startedAt = carried.startedAt;
    // Runs carried over by an older version of the host have no record of applied ids.
    appliedUpdateIds = carried.appliedUpdateIds ?? [];
    links = carried.links ?? [];
    sentChildEvents = carried.sentChildEvents ?? [];
    receivedParentEvents = carried.receivedParentEvents ?? [];
  } else {
    startedAt = nowIso();
    [snapshot] = initialTransition(
      definition.machine,
      definition.machineInput(input, {
        actor: hostInput.startedBy,
        at: startedAt,
        // At the start, in order: a run recorded before a revision replays without its marker.
        olderRules: (definition.ruleRevisions ?? []).filter((revision) => !patched(revision)),
      }),
    );
    history = [
      {
        seq: 1,
        at: startedAt,
        actor: hostInput.startedBy,
        event: { type: 'START', ...(hostInput.input as Record<string, unknown>) },
        from: [],
        to: statePaths(snapshot),
      },
    ];
    deadlines = createDeadlines(definition);
    children = [];
    appliedUpdateIds = [];
    links = hostInput.parent ? [hostInput.parent] : [];
    sentChildEvents = [];
    receivedParentEvents = [];
  }
  let updatedAt = history[history.length - 1]?.at ?? startedAt;
  let version = 0;
  let lastSearchAttributes = '';
  /** Reminder deliveries under way; a run ends or continues as new only after them. */
  const deliveries = new Set<Promise<void>>();
  const track = (delivery: Promise<void>): void => {
    deliveries.add(delivery);
    void delivery.finally(() => deliveries.delete(delivery));
  };
  /** The last report sent to each parent (by workflow id), so unchanged reports are not resent. */
  const lastReports = new Map<string, string>(Object.entries(carried?.lastReports ?? {}));
  /** The sequence of the last report applied from each linked child (by key): older ones wait out. */
  const childReportSeqs = new Map<string, number>(Object.entries(carried?.childReportSeqs ?? {}));

  /**
   * The events open now, worked out once per state and moment: the view, the search attributes
   * and reminders all need them, and probing every event for every role is the costly part.
   */
  let allowedCache:
    | { snapshot: AnyMachineSnapshot; at: string; actsFor: boolean; events: AllowedEvent[] }
    | undefined;
  /**
   * `actsFor` as in ACTS_FOR_PATCH. Queries run live and pass true; what leaves a trace in history
   * (search attributes, reminders) asks `patched` first.
   */
  const allowedNow = (actsFor = true): AllowedEvent[] => {
    const at = nowIso();
    if (
      allowedCache?.snapshot !== snapshot ||
      allowedCache.at !== at ||
      allowedCache.actsFor !== actsFor
    ) {
      allowedCache = {
        snapshot,
        at,
        actsFor,
        events: allowedEvents(definition, snapshot, at, { actsFor }),
      };
    }
    return allowedCache.events;
  };

  const view = (): ProcessView => ({
    id: info.workflowId,
    kind: definition.kind,
    title: definition.title,
    businessKey,
    status: snapshot.status === 'done' ? 'completed' : 'running',
    state: statePaths(snapshot),
    stateLabels: activeLabels(snapshot),
    tags: [...snapshot.tags].sort(),
    summary: definition.summary(snapshot),
    context: definition.publicContext(snapshot),
    allowedEvents: allowedNow(),
    deadlines,
    children,
    output: snapshot.status === 'done' ? (snapshot.output ?? null) : null,
    nextDeadline: nextDeadline(deadlines),
    overdue: isOverdue(deadlines),
    history,
    startedAt,
    startedBy: history[0]?.actor ?? hostInput.startedBy,
    updatedAt,
  });

  const refreshSearchAttributes = (): void => {
    const next = nextDeadline(deadlines);
    // Runs recorded before DsoWaitingOn upserted less often (the allowed events can change while
    // state and deadlines stay put): they keep doing so when replayed.
    // Runs recorded before actors were bound to their organisation waited on "obo", not on
    // "obo:kadaster", and changed hands less often: they keep doing so when replayed.
    const waiting = patched(WAITING_ON_PATCH)
      ? waitingOn(allowedNow(patched(ACTS_FOR_PATCH)))
      : undefined;
    const values = {
      state: statePaths(snapshot),
      next,
      overdue: isOverdue(deadlines),
      ...(waiting === undefined ? {} : { waiting }),
    };
    const serialised = JSON.stringify(values);
    if (serialised === lastSearchAttributes) return;
    lastSearchAttributes = serialised;
    upsertSearchAttributes([
      { key: searchAttributes.kind, value: definition.kind },
      { key: searchAttributes.businessKey, value: businessKey },
      { key: searchAttributes.state, value: values.state },
      { key: searchAttributes.nextDeadline, value: next === null ? null : new Date(next) },
      { key: searchAttributes.overdue, value: values.overdue },
      ...(waiting === undefined ? [] : [{ key: searchAttributes.waitingOn, value: waiting }]),
    ]);
  };

  /** Applies an event the machine accepts, records it, and brings deadlines up to date. */
  const apply = (
    event: { type: string; actor: Actor; at: string } & Record<string, unknown>,
    /** What the audit history keeps of the event, when not all of it (e.g. a child's report). */
    auditAs?: { type: string } & Record<string, unknown>,
  ): void => {
    const from = statePaths(snapshot);
    [snapshot] = transition(
      definition.machine,
      snapshot,
      event as Parameters<typeof transition>[2],
    );
    const { actor, at, ...all } = event;
    const recorded = auditAs ?? all;
    history = [
      ...history,
      { seq: history.length + 1, at, actor, event: recorded, from, to: statePaths(snapshot) },
    ];
    updatedAt = at;
    settle();
  };

  /**
   * The deadlines the state waits on, less those added to the definition after this run began
   * (`since`): `patched` is false only while replaying a history from before the addition.
   */
  const armedDeadlines = (): Set<string> =>
    new Set(
      [...waitedOnDeadlines(snapshot)].filter((id) => {
        const since = definition.deadlines[id]?.since;
        return since === undefined || patched(since);
      }),
    );

  const settle = (): void => {
    deadlines = syncDeadlines(
      deadlines,
      armedDeadlines(),
      Date.now(),
      (id) => definition.deadlines[id]?.due(snapshot) ?? null,
      (id) => definition.deadlines[id]?.metWhen?.(snapshot) ?? true,
    );
    refreshSearchAttributes();
    version += 1;
    for (const request of definition.children?.(snapshot) ?? []) {
      if (!children.some((child) => child.key === request.key)) startChildProcess(request);
    }
    sendChildEvents();
    reportToParents();
  };

  /** Tells every linked parent where this run stands, when that changed since the last report. */
  const reportToParents = (): void => {
    const status: ChildReport['status'] = snapshot.status === 'done' ? 'completed' : 'running';
    for (const link of links) {
      const report: ChildReport = {
        key: link.key,
        childId: info.workflowId,
        kind: definition.kind,
        status,
        summary: definition.summary(snapshot),
        tags: [...snapshot.tags].sort(),
        report: definition.reportToParent?.(snapshot) ?? null,
        ...(status === 'completed' ? { output: snapshot.output ?? null } : {}),
      };
      const serialised = JSON.stringify(report);
      if (lastReports.get(link.workflowId) === serialised) continue;
      lastReports.set(link.workflowId, serialised);
      // Outside the comparison: a report is resent only when what it says changed.
      const sequenced: ChildReport = { ...report, seq: history.length };
      track(
        getExternalWorkflowHandle(link.workflowId)
          .signal(childReportSignal, sequenced)
          .catch((error: unknown) => {
            // A parent that has ended no longer needs to know.
            log.warn('could not report to the parent process', {
              parent: link.workflowId,
              message: String(error),
            });
          }),
      );
    }
  };

  /** Sends the events the state asks for into linked children, each once. */
  const sendChildEvents = (): void => {
    for (const request of definition.childEvents?.(snapshot) ?? []) {
      if (sentChildEvents.includes(request.id)) continue;
      const child = children.find((c) => c.key === request.key && c.linked);
      if (child?.status !== 'running') continue;
      sentChildEvents = [...sentChildEvents, request.id];
      track(
        getExternalWorkflowHandle(child.id)
          .signal(parentEventSignal, {
            id: request.id,
            from: info.workflowId,
            type: request.type,
            payload: request.payload,
          })
          .catch((error: unknown) => {
            // Not delivered: forget it was sent, so the next change of state tries again.
            sentChildEvents = sentChildEvents.filter((id) => id !== request.id);
            log.warn('could not send an event to a child process', {
              child: child.id,
              event: request.type,
              message: String(error),
            });
          }),
      );
    }
  };

  /** Records a child's end and feeds CHILD_DONE, once per child. */
  const finishChild = (key: string, status: ChildRecord['status'], output: unknown): void => {
    const record = children.find((child) => child.key === key);
    if (record?.status !== 'running') return;
    children = children.map((child) =>
      child.key === key ? { ...child, status, endedAt: nowIso() } : child,
    );
    const event = stampedEvent(
      'CHILD_DONE',
      { key, kind: record.kind, childId: record.id, status, output },
      systemActor,
      nowIso(),
    );
    if (machineAccepts(snapshot, event)) apply(event);
    else settle();
  };

  /** Starts a child process the machine asked for and feeds CHILD_DONE into it when it ends. */
  const startChildProcess = (request: ChildRequest): void => {
    const childDefinition = findDefinition(request.kind);
    const parsed = childDefinition?.input.safeParse(request.input);
    if (!childDefinition || !parsed?.success) {
      throw ApplicationFailure.nonRetryable(
        `the machine asked for an invalid ${request.kind} child (${request.key})`,
        'InvalidChildRequest',
      );
    }
    const record: ChildRecord = {
      key: request.key,
      kind: request.kind,
      id: `${request.kind}:${childDefinition.businessKey(parsed.data)}`,
      status: 'running',
      startedAt: nowIso(),
      ...(request.linked ? { linked: true } : {}),
    };
    children = [...children, record];
    const finish = (status: ChildRecord['status'], output: unknown): void => {
      finishChild(record.key, status, output);
    };
    const childInput: HostInput = {
      input: request.input,
      startedBy: { id: info.workflowId, role: 'system' },
      ...(request.linked ? { parent: { workflowId: info.workflowId, key: record.key } } : {}),
    };
    if (request.linked) {
      // Started, or adopted when it runs already; from then on it reports by signal, so it can
      // outlive this run and this run's continue-as-new.
      // Tracked: this run neither ends nor continues as new before the child has started or
      // been adopted, or the start (and the link) would be lost with it.
      track(
        startChild(request.kind, {
          workflowId: record.id,
          args: [childInput],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          cancellationType: ChildWorkflowCancellationType.ABANDON,
          // As the API: a run that failed may start again; a completed one is not restarted.
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        }).then(
          (handle) => {
            // While this run lives it learns of a failure directly; the child reports the rest.
            void handle.result().then(
              () => undefined,
              (error: unknown) => finish('failed', { message: String(error) }),
            );
          },
          async (error: unknown) => {
            if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
              finish('failed', { message: String(error) });
              return;
            }
            children = children.map((child) =>
              child.key === record.key ? { ...child, adopted: true } : child,
            );
            version += 1;
            try {
              await getExternalWorkflowHandle(record.id).signal(linkSignal, {
                workflowId: info.workflowId,
                key: record.key,
              });
            } catch (linkError) {
              finish('failed', { message: `could not adopt: ${String(linkError)}` });
            }
          },
        ),
      );
      return;
    }
    // Not awaited by the loop: the child's end arrives as CHILD_DONE, whenever that is.
    void startChild(request.kind, { workflowId: record.id, args: [childInput] })
      .then((handle) => handle.result() as Promise<ProcessView>)
      .then(
        (view) => finish('completed', view.output),
        (error: unknown) => finish('failed', { message: String(error) }),
      );
  };

  /** Refuses arguments the payload codec could not verify, before anything reads them. */
  const refuseUnverified = (request: object) => {
    if (isUnverifiedPayload(request)) {
      reject(
        EventRejection.unverifiedPayload,
        'the request was not sealed with a payload key of this product; send it through the API',
        { reason: request[UNVERIFIED_PAYLOAD] },
      );
    }
  };

  /**
   * Checks an operator event without changing anything; throws a typed failure when refused.
   * `actsFor` as in ACTS_FOR_PATCH: false only while replaying history recorded before it.
   */
  const check = (request: EventRequest, actsFor: boolean) => {
    refuseUnverified(request);
    const { type, ...payload } = request.event;
    const eventDefinition = Object.hasOwn(definition.events, type)
      ? definition.events[type]
      : undefined;
    if (!eventDefinition) {
      reject(EventRejection.invalidEvent, `${definition.kind} has no event ${type}`, {
        field: 'type',
        issues: [
          { path: 'type', message: `expected one of ${Object.keys(definition.events).join(', ')}` },
        ],
      });
    }
    // The role first: who may not send an event learns nothing about its fields.
    const roles = actsFor
      ? eventDefinition.roles
      : (eventDefinition.legacyRoles ?? eventDefinition.roles);
    if (!(roles as readonly string[]).includes(request.actor.role)) {
      reject(EventRejection.forbiddenRole, `${request.actor.role} may not send ${type}`, {
        rule: 'wrong-role',
        allowedRoles: [...roles],
      });
    }
    const parsed = eventDefinition.payload.safeParse(payload);
    if (!parsed.success) {
      reject(EventRejection.invalidEvent, `invalid ${type} payload`, {
        issues: issuesOf(parsed.error),
      });
    }
    const at = nowIso();
    const refusal = actorRefusal(eventDefinition, snapshot, request.actor, parsed.data, {
      actsFor,
      at,
    });
    if (refusal !== undefined) {
      reject(
        EventRejection.forbiddenActor,
        `${request.actor.id} may not send ${type}: ${refusal.reason}`,
        {
          reason: refusal.reason,
          rule: refusal.rule,
          // A refused field is what the caller sent: the API lists it as an invalid field.
          ...(refusal.field === undefined
            ? {}
            : { field: refusal.field, issues: [{ path: refusal.field, message: refusal.reason }] }),
        },
      );
    }
    const event = stampedEvent(type, parsed.data, request.actor, at);
    if (!machineAccepts(snapshot, event)) {
      const because = eventDefinition.refusedBecause?.(snapshot, parsed.data);
      reject(
        EventRejection.notAllowedInState,
        because === undefined
          ? `${type} is not allowed now (${definition.summary(snapshot)})`
          : `${type} is not allowed now: ${because.reason}`,
        {
          state: statePaths(snapshot),
          ...(because === undefined ? {} : { rule: because.rule, reason: because.reason }),
        },
      );
    }
    return event;
  };

  /** A retry of an update applied in an earlier run of this workflow (before continue-as-new). */
  const alreadyApplied = (): boolean => {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && appliedUpdateIds.includes(id);
  };

  const rememberUpdate = (): void => {
    const id = currentUpdateInfo()?.id;
    if (id !== undefined)
      appliedUpdateIds = [...appliedUpdateIds, id].slice(-MAX_REMEMBERED_UPDATES);
  };

  const deadlineRoles = definition.deadlineRoles ?? DEFAULT_DEADLINE_ROLES;
  /** The latest due moment a change may give this deadline now (deadline-rules.ts). */
  const limitOf = (record: DeadlineRecord) => {
    const deadline = definition.deadlines[record.id];
    return deadline ? deadlineLimit(deadline, record, snapshot) : null;
  };
  /**
   * Checks an operator's deadline change without changing anything; throws when refused.
   * `bounded`: whether the bounds of deadline-rules.ts apply (not when replaying older runs);
   * `wholeDays`: whether a whole-day term resumes by whole days (asked only then).
   */
  const checkDeadlineChange = (
    request: DeadlineRequest,
    bounded: boolean,
    wholeDays: () => boolean,
  ) => {
    refuseUnverified(request);
    // Typed, but it comes from outside: the validator sees it before any schema has.
    const requested: unknown = request.change.action;
    const action = typeof requested === 'string' ? requested : 'change';
    if (!(deadlineRoles as readonly string[]).includes(request.actor.role)) {
      reject(
        EventRejection.forbiddenRole,
        `${request.actor.role} may not ${action} deadlines of ${definition.kind}`,
        { allowedRoles: [...deadlineRoles] },
      );
    }
    const record = deadlines.find((deadline) => deadline.id === request.deadlineId);
    if (!record) {
      reject(
        EventRejection.unknownDeadline,
        `${definition.kind} has no deadline "${request.deadlineId}"`,
        { field: 'deadlineId', reason: `expected one of ${deadlines.map((d) => d.id).join(', ')}` },
      );
    }
    // Like the role, the bound parties come first: who may not change it learns nothing more.
    const deadline = definition.deadlines[record.id];
    const refusal =
      bounded && deadline ? boundRefusal(deadline, snapshot, request.actor) : undefined;
    if (refusal !== undefined) {
      reject(
        EventRejection.forbiddenActor,
        `${request.actor.id} may not ${action} the deadline "${record.label}": ${refusal}`,
        { reason: refusal, rule: 'bound-by-deadline' },
      );
    }
    const parsed = deadlineChangeSchema.safeParse(request.change);
    if (!parsed.success) {
      reject(EventRejection.invalidEvent, `invalid ${action} request`, {
        issues: issuesOf(parsed.error),
      });
    }
    const limit = bounded ? limitOf(record) : null;
    const result = adjustDeadline(record, parsed.data, request.actor, Date.now(), limit, wholeDays);
    if (!result.ok) {
      reject(
        EventRejection.notAllowedInState,
        `cannot ${action} the deadline "${record.label}": ${result.reason}`,
        {
          reason: result.reason,
          state: statePaths(snapshot),
          ...(result.rule ? { rule: result.rule } : {}),
        },
      );
    }
    return result;
  };

  /** Records a deadline change in the deadlines and the audit history. */
  const recordAdjustment = ({ record, adjustment }: Extract<AdjustmentResult, { ok: true }>) => {
    deadlines = updateDeadline(deadlines, record.id, () => record);
    const { action, at, by, ...recorded } = adjustment;
    const state = statePaths(snapshot);
    history = [
      ...history,
      {
        seq: history.length + 1,
        at,
        actor: by,
        event: { type: adjustmentEventTypes[action], deadline: record.id, ...recorded },
        from: state,
        to: state,
      },
    ];
    updatedAt = at;
    refreshSearchAttributes();
    version += 1;
  };

  /**
   * When suspended deadlines resume by themselves, once any is suspended; runs recorded before
   * the bounds had none (and never asked `patched` while nothing was suspended).
   */
  const resumptions = () =>
    deadlines.some((record) => record.status === 'suspended') && patched(DEADLINE_RULES_PATCH)
      ? (record: DeadlineRecord) => automaticResumption(record, limitOf(record))
      : undefined;

  /** Ends a suspension that has reached the deadline's limit: it runs again, due at the limit. */
  const resumeByItself = (deadlineId: string): void => {
    const record = deadlines.find((d) => d.id === deadlineId);
    if (record?.status !== 'suspended') return;
    const limit = limitOf(record);
    const reason = automaticResumptionReason(limit);
    const result = adjustDeadline(
      record,
      { action: 'resume', reason },
      systemActor,
      Date.now(),
      limit,
      wholeDaysOnResume,
    );
    if (result.ok) recordAdjustment(result);
  };

  setHandler(viewQuery, view);
  /** Signals have no validator: one the codec could not verify is dropped and logged. */
  const unverifiedSignal = (signal: string, payload: unknown): boolean => {
    if (!isUnverifiedPayload(payload)) return false;
    log.warn('dropped a signal whose payload could not be verified', {
      signal,
      reason: payload[UNVERIFIED_PAYLOAD],
    });
    return true;
  };
  setHandler(childReportSignal, (report) => {
    if (unverifiedSignal('childReport', report)) return;
    const record = children.find(
      (child) =>
        child.key === report.key &&
        child.id === report.childId &&
        child.linked &&
        child.status === 'running',
    );
    if (!record) {
      log.warn('a report from a process that is not a linked child', { ...report });
      return;
    }
    const seq = reportSequence(report.seq);
    if (
      isOlderReport(seq, childReportSeqs.get(record.key)) &&
      patched(CHILD_REPORT_SEQUENCE_PATCH)
    ) {
      log.info('ignored a child report older than one already applied', {
        key: record.key,
        seq,
        applied: childReportSeqs.get(record.key),
      });
      return;
    }
    if (seq !== undefined) {
      childReportSeqs.set(record.key, Math.max(seq, childReportSeqs.get(record.key) ?? 0));
    }
    children = children.map((child) =>
      child.key === record.key ? { ...child, summary: report.summary } : child,
    );
    const event = stampedEvent(
      'CHILD_PROGRESS',
      {
        key: report.key,
        kind: report.kind,
        childId: report.childId,
        summary: report.summary,
        tags: report.tags,
        report: report.report,
      },
      systemActor,
      nowIso(),
    );
    // The report itself is in the context; the audit history keeps who reported what, briefly.
    const audit = { type: 'CHILD_PROGRESS', key: report.key, summary: report.summary };
    if (machineAccepts(snapshot, event)) apply(event, audit);
    else version += 1;
    if (report.status !== 'running') finishChild(record.key, report.status, report.output ?? null);
  });
  setHandler(linkSignal, (link) => {
    if (unverifiedSignal('link', link)) return;
    links = [...links.filter((l) => l.workflowId !== link.workflowId), link];
    lastReports.delete(link.workflowId);
    reportToParents();
    version += 1;
  });
  setHandler(parentEventSignal, (request) => {
    if (unverifiedSignal('parentEvent', request)) return;
    const receipt = `${request.from}#${request.id}`;
    if (receivedParentEvents.includes(receipt)) return;
    if (!links.some((link) => link.workflowId === request.from)) {
      log.warn('an event from a process this run does not report to', {
        from: request.from,
        type: request.type,
      });
      return;
    }
    const payloadSchema = Object.hasOwn(definition.parentEvents ?? {}, request.type)
      ? definition.parentEvents?.[request.type]
      : undefined;
    const parsed = payloadSchema?.safeParse(request.payload);
    if (!parsed?.success) {
      log.warn('a parent event this process does not take', {
        from: request.from,
        type: request.type,
      });
      return;
    }
    const event = stampedEvent(
      request.type,
      parsed.data,
      { id: request.from, role: 'system' },
      nowIso(),
    );
    if (machineAccepts(snapshot, event)) {
      receivedParentEvents = [...receivedParentEvents, receipt];
      apply(event);
    } else {
      log.warn('the parent process sent an event this state does not accept', {
        from: request.from,
        type: request.type,
        state: statePaths(snapshot),
      });
      version += 1;
    }
  });
  setHandler(
    eventUpdate,
    (request) => {
      if (alreadyApplied()) return Promise.resolve(view());
      // Several updates can be validated against the same state before any handler runs,
      // so the handler checks again against the state it actually changes.
      apply(check(request, patched(ACTS_FOR_PATCH)));
      rememberUpdate();
      return Promise.resolve(view());
    },
    {
      // Validators run live only, where the patch always holds (and may not record it).
      validator: (request: EventRequest) => {
        if (!alreadyApplied()) check(request, true);
      },
    },
  );

  setHandler(
    deadlineUpdate,
    (request) => {
      if (alreadyApplied()) return Promise.resolve(view());
      // Validators do not run on replay; the handler does, and keeps older runs' changes as made.
      recordAdjustment(
        checkDeadlineChange(request, patched(DEADLINE_RULES_PATCH), wholeDaysOnResume),
      );
      rememberUpdate();
      return Promise.resolve(view());
    },
    {
      validator: (request: DeadlineRequest) => {
        if (!alreadyApplied()) checkDeadlineChange(request, true, () => true);
      },
    },
  );

  const sendReminder = (deadlineId: string, index: number): void => {
    const record = deadlines.find((d) => d.id === deadlineId);
    const reminder = record?.reminders[index];
    // The list of due items may be stale: an earlier item can have ended this deadline.
    if (record?.status !== 'running' || reminder?.status !== 'planned' || record.due === null)
      return;
    const due = record.due;
    const markReminder = (change: Partial<typeof reminder>) => {
      deadlines = updateDeadline(deadlines, deadlineId, (d) => ({
        ...d,
        reminders: d.reminders.map((r, i) => (i === index ? { ...r, ...change } : r)),
      }));
      version += 1;
    };
    markReminder({ status: 'sending' });
    // Per role, and per party or organisation where only its own may act: the mail recipients.
    const waitingOn = new Map<string, ReminderNotice['waitingOn'][number]>();
    for (const allowed of allowedNow(patched(ACTS_FOR_PATCH))) {
      const narrowedTo = allowed.party ?? allowed.organisation;
      const key = narrowedTo ? `${allowed.role}:${narrowedTo}` : allowed.role;
      const entry = waitingOn.get(key);
      waitingOn.set(key, {
        role: allowed.role,
        ...(allowed.party ? { party: allowed.party } : {}),
        ...(allowed.organisation ? { organisation: allowed.organisation } : {}),
        events: [...new Set([...(entry?.events ?? []), allowed.type])],
      });
    }
    const delivery = deliverReminder({
      processId: info.workflowId,
      kind: definition.kind,
      title: definition.title,
      businessKey,
      summary: definition.summary(snapshot),
      // Only a moment says so: a deadline's notice stays as it was for the runs on record.
      deadline: {
        id: record.id,
        label: record.label,
        due,
        ...(record.moment ? { moment: true } : {}),
      },
      daysBefore: reminder.daysBefore,
      scheduledFor: reminder.scheduledFor,
      waitingOn: [...waitingOn.values()],
    }).then(
      (result) =>
        // Only someone completing the activity by hand without the payload key gets here.
        isUnverifiedPayload(result)
          ? markReminder({ status: 'failed', sentAt: nowIso(), error: 'unverified result' })
          : markReminder({ status: 'sent', sentAt: nowIso(), channels: result.channels }),
      (error: unknown) => {
        const message =
          error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
        log.warn('reminder could not be delivered', { deadlineId, index, message });
        markReminder({ status: 'failed', sentAt: nowIso(), error: message });
      },
    );
    track(delivery);
  };

  const passDeadline = (deadlineId: string): void => {
    if (deadlines.find((d) => d.id === deadlineId)?.status !== 'running') return;
    deadlines = updateDeadline(deadlines, deadlineId, (d) => ({
      ...d,
      status: d.moment ? 'reached' : 'overdue',
    }));
    const event = stampedEvent('DEADLINE_PASSED', { deadline: deadlineId }, systemActor, nowIso());
    if (machineAccepts(snapshot, event)) {
      apply(event);
    } else {
      settle();
    }
  };

  settle();
  for (;;) {
    for (const item of dueItems(deadlines, Date.now(), resumptions())) {
      if (item.kind === 'reminder' && item.reminderIndex !== undefined) {
        sendReminder(item.deadlineId, item.reminderIndex);
      } else if (item.kind === 'deadline') {
        passDeadline(item.deadlineId);
      } else if (item.kind === 'resumption') {
        resumeByItself(item.deadlineId);
      }
    }
    if (snapshot.status !== 'active') break;
    // A child would not survive its parent's continue-as-new; wait until none runs.
    const childrenRunning = children.some((child) => child.status === 'running' && !child.linked);
    if (
      !childrenRunning &&
      (workflowInfo().continueAsNewSuggested ||
        (hostInput.continueAsNewAfterEvents !== undefined &&
          workflowInfo().historyLength >= hostInput.continueAsNewAfterEvents))
    ) {
      // Only short waits here: the loop must stay free to serve deadlines. An update handled
      // meanwhile may have started a child; then the loop goes on and tries again later.
      await condition(() => deliveries.size === 0 && allHandlersFinished());
      if (children.some((child) => child.status === 'running' && !child.linked)) continue;
      const next: CarriedState = {
        snapshot: definition.machine.getPersistedSnapshot(snapshot),
        deadlines,
        children,
        history,
        startedAt,
        appliedUpdateIds,
        links,
        sentChildEvents,
        receivedParentEvents,
        lastReports: Object.fromEntries(lastReports),
        childReportSeqs: Object.fromEntries(childReportSeqs),
        generation: (carried?.generation ?? 0) + 1,
      };
      return continueAsNew<(input: HostInput) => Promise<ProcessView>>({
        ...hostInput,
        carried: next,
      });
    }
    const seen = version;
    const wake = nextWakeUp(deadlines, resumptions());
    if (wake === undefined) {
      await condition(() => version !== seen);
    } else {
      await condition(() => version !== seen, Math.max(wake - Date.now(), 1));
    }
  }
  await condition(() => deliveries.size === 0 && allHandlersFinished());
  return view();
}
