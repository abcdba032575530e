/**
 * The generic host: runs any process definition's statechart durably. Written once; each process
 * binds it in a file of a few lines. The decisions are pure (host/decide.ts); this file is their
 * interpreter: it feeds them what arrives (updates, signals, due timers), carries out the effects
 * they return, answers the queries and continues as new when the history grows long.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  patched,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Actor } from '../machines/actors';
import type { ProcessDefinition } from '../machines/process-definition';
import {
  childReportSignal,
  deadlineUpdate,
  EventRejection,
  eventUpdate,
  historyQuery,
  INVALID_INPUT,
  isUnverifiedPayload,
  linkSignal,
  parentEventSignal,
  UNVERIFIED_PAYLOAD,
  viewQuery,
  type DeadlineRequest,
  type EventRequest,
  type EventResult,
  type HostInput,
  type ProcessView,
} from './contract';
import { dueItems, nextWakeUp } from './deadline-book';
import { searchAttributes } from './search-attributes';
import { mayContinueAsNew, shouldContinueAsNew, DELIVERIES_WAIT_MS } from './host/continue-as-new';
import { decide, type Decision, type HostContext, type Input } from './host/decide';
import { dueNow, resumptions } from './host/deadlines';
import { carryOut, type Tracker } from './host/effects';
import { checkDeadlineChange, checkEvent, issuesOf, type StampedEvent } from './host/gate';
import { carryState, initialState, resumeState, type HostState } from './host/host-state';
import {
  ACTS_FOR_PATCH,
  BOUNDED_DELIVERIES_WAIT_PATCH,
  currentRules,
  DEADLINE_RULES_PATCH,
  DUE_ITEMS_FIRST_PATCH,
  RELINK_AFTER_CONTINUE_AS_NEW_PATCH,
  WHOLE_DAY_RESUME_PATCH,
  type Rules,
} from './host/patches';
import {
  deliveriesWaitSummary,
  detailsKeeper,
  summaryBudget,
  wakeSummary,
} from './host/temporal-details';
import { allowedMemo, eventResult, historyPage, processView } from './host/visibility';

const nowIso = (): string => new Date(Date.now()).toISOString();
const workflowRules: Rules = { patched };

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
  const { workflowId } = workflowInfo();
  const businessKey = definition.businessKey(input);
  const ctx: HostContext = {
    definition,
    workflowId,
    businessKey,
    rules: workflowRules,
    allowed: allowedMemo(definition),
    stableAttributesSet: () =>
      workflowInfo().typedSearchAttributes.get(searchAttributes.kind) !== undefined &&
      workflowInfo().typedSearchAttributes.get(searchAttributes.businessKey) !== undefined,
  };
  /** The same decisions without `patched`: validators run live only, where every patch holds. */
  const liveCtx: HostContext = { ...ctx, rules: currentRules };

  let state: HostState = hostInput.carried
    ? resumeState(definition, hostInput.carried)
    : initialState(
        definition,
        hostInput,
        input,
        nowIso(),
        // At the start, in order: a run recorded before a revision replays without its marker.
        (definition.ruleRevisions ?? []).filter((revision) => !patched(revision)),
      );
  let version = 0;
  const deliveries = new Set<Promise<unknown>>();
  const track: Tracker = (delivery) => {
    deliveries.add(delivery);
    void delivery.finally(() => deliveries.delete(delivery));
  };

  const changedDetails = detailsKeeper(definition, ctx.allowed);
  const budget = summaryBudget({ namespace: workflowInfo().namespace, workflowId });
  /** Takes a decision: its state, its effects in order, a wake-up of the main loop. */
  const run = (decision: Decision): void => {
    state = decision.state;
    const details = changedDetails(state, nowIso());
    if (details !== undefined) setCurrentDetails(details);
    if (decision.note) log.info(decision.note.message, decision.note.data);
    carryOut(decision.effects, { workflowId, track, feed });
    if (decision.wake) version += 1;
  };
  const feed = (next: Input): void => run(decide(ctx, state, next, Date.now()));

  /** Everything due now, oldest rule first: reminders, deadlines that pass, resumptions. */
  const processDue = (): void => {
    for (const item of dueNow(definition, state, Date.now(), workflowRules)) {
      feed({ type: 'due', item });
    }
  };
  /**
   * Before an input is applied: what fell due before it arrived (a worker outage, or a timer in
   * the same task). Older histories applied the input first; `patched` is asked only then.
   */
  const dueFirst = (): void => {
    if (dueItems(state.deadlines, Date.now()).length === 0) return;
    if (patched(DUE_ITEMS_FIRST_PATCH)) processDue();
  };
  /** The state a validator checks against: the same, with what is due already processed. */
  const stateForValidator = (): HostState => {
    let scratch = state;
    if (dueItems(scratch.deadlines, Date.now()).length === 0) return scratch;
    for (const item of dueNow(definition, scratch, Date.now(), currentRules)) {
      scratch = decide(liveCtx, scratch, { type: 'due', item }, Date.now()).state;
    }
    return scratch;
  };

  const view = (): ProcessView =>
    processView(
      definition,
      state,
      { workflowId, businessKey, startedBy: hostInput.startedBy },
      ctx.allowed(state.snapshot, nowIso(), true),
    );
  const result = (actor: Actor): EventResult =>
    eventResult(state, ctx.allowed(state.snapshot, nowIso(), true), actor);

  setHandler(viewQuery, view);
  setHandler(historyQuery, (request) => historyPage(state, request));

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
    dueFirst();
    feed({ type: 'childReport', report });
  });
  setHandler(linkSignal, (link) => {
    if (unverifiedSignal('link', link)) return;
    feed({ type: 'link', link });
  });
  setHandler(parentEventSignal, (request) => {
    if (unverifiedSignal('parentEvent', request)) return;
    dueFirst();
    feed({ type: 'parentEvent', request });
  });

  /** A retry of an update applied in an earlier run of this workflow (before continue-as-new). */
  const alreadyApplied = (): boolean => {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && state.appliedUpdateIds.includes(id);
  };
  /**
   * What each validator passed, by update id: the handler runs right after its validator (in the
   * same task), so it trusts the checked event unless the state moved in between. On replay the
   * validator does not run and the handler checks, with the rules the history was recorded under.
   */
  const validated = new Map<string, { snapshot: HostState['snapshot']; event: StampedEvent }>();

  setHandler(
    eventUpdate,
    (request) => {
      if (alreadyApplied()) return Promise.resolve(result(request.actor));
      const updateId = currentUpdateInfo()?.id;
      const passed = updateId === undefined ? undefined : validated.get(updateId);
      if (updateId !== undefined) validated.delete(updateId);
      dueFirst();
      // Asked on every path, live as on replay, so its marker lands where replay asks for it
      // (an event in the start's own task replayed out of order when only replay asked).
      const actsFor = patched(ACTS_FOR_PATCH);
      const event =
        passed?.snapshot === state.snapshot && actsFor
          ? passed.event
          : // Replay, or the state moved since the validator: check again, and refuse loudly.
            checkEvent(definition, state, request, nowIso(), actsFor);
      feed({ type: 'event', event, ...(updateId === undefined ? {} : { updateId }) });
      return Promise.resolve(result(request.actor));
    },
    {
      validator: (request: EventRequest) => {
        if (alreadyApplied()) return;
        const scratch = stateForValidator();
        const event = checkEvent(definition, scratch, request, nowIso(), true);
        const updateId = currentUpdateInfo()?.id;
        if (updateId !== undefined && scratch === state) {
          validated.set(updateId, { snapshot: state.snapshot, event });
        }
      },
    },
  );

  setHandler(
    deadlineUpdate,
    (request) => {
      if (alreadyApplied()) return Promise.resolve(result(request.actor));
      dueFirst();
      // Validators do not run on replay; the handler does, and keeps older runs' changes as made.
      const adjustment = checkDeadlineChange(
        definition,
        state,
        request,
        Date.now(),
        patched(DEADLINE_RULES_PATCH),
        () => patched(WHOLE_DAY_RESUME_PATCH),
      );
      const updateId = currentUpdateInfo()?.id;
      feed({ type: 'deadlineChange', adjustment, ...(updateId === undefined ? {} : { updateId }) });
      return Promise.resolve(result(request.actor));
    },
    {
      validator: (request: DeadlineRequest) => {
        if (alreadyApplied()) return;
        checkDeadlineChange(definition, stateForValidator(), request, Date.now(), true, () => true);
      },
    },
  );

  const settled = (): boolean => deliveries.size === 0 && allHandlersFinished();
  feed({ type: 'start' });
  // Asked only where it matters: runs without a running linked child record no marker.
  if (
    hostInput.carried &&
    state.children.some((child) => child.linked && child.status === 'running') &&
    patched(RELINK_AFTER_CONTINUE_AS_NEW_PATCH)
  ) {
    feed({ type: 'continued' });
  }
  for (;;) {
    processDue();
    if (state.snapshot.status !== 'active') break;
    if (mayContinueAsNew(state) && shouldContinueAsNew(workflowInfo(), hostInput)) {
      // Only short waits here: the loop must stay free to serve deadlines. An update handled
      // meanwhile may have started a child; then the loop goes on and tries again later.
      const settledInTime = patched(BOUNDED_DELIVERIES_WAIT_PATCH)
        ? await condition(settled, DELIVERIES_WAIT_MS, { summary: deliveriesWaitSummary(budget) })
        : await condition(settled).then(() => true);
      if (!settledInTime || !mayContinueAsNew(state)) continue;
      return continueAsNew<(input: HostInput) => Promise<ProcessView>>({
        ...hostInput,
        carried: carryState(definition, state),
      });
    }
    const seen = version;
    const resumesAt = resumptions(definition, state, workflowRules);
    const wake = nextWakeUp(state.deadlines, resumesAt);
    if (wake === undefined) {
      await condition(() => version !== seen);
    } else {
      const summary = wakeSummary(state.deadlines, wake, resumesAt, budget);
      await condition(() => version !== seen, Math.max(wake - Date.now(), 1), { summary });
    }
  }
  await condition(settled);
  return view();
}
