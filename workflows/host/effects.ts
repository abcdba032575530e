/**
 * Carries out the decisions' effects, in their order: each becomes one Temporal command (an
 * upsert, a child start, a signal, an activity), and what comes back is fed in as an input.
 */
import {
  ActivityFailure,
  ChildWorkflowCancellationType,
  getExternalWorkflowHandle,
  type ExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  type SearchAttributeUpdatePair,
} from '@temporalio/common';
import type { ChildOutcomeActivities } from '../../activities/child-outcome';
import type { ReminderActivities } from '../../activities/reminder-activities';
import {
  childReportSignal,
  isUnverifiedPayload,
  linkSignal,
  parentEventSignal,
  type ChildRecord,
  type ProcessView,
} from '../contract';
import { searchAttributes } from '../search-attributes';
import { findDefinition } from '../../machines/registry';
import type { Effect, Input } from './decide';
import { ADOPT_COMPLETED_CHILD_PATCH } from './patches';
import { sendWithResends } from './signal-delivery';
import {
  clampSummary,
  reminderSummary,
  runDetails,
  runSummary,
  summaryBudget,
} from './temporal-details';
import type { SearchAttributeValues } from './visibility';
import { upsertViewMemo } from './memo-upsert';

const { deliverReminder } = proxyActivities<ReminderActivities>({
  // Longer than a channel's own timeouts together (webhook 10 s, SMTP up to 50 s), so an attempt
  // is never abandoned while a channel may still deliver.
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 6 },
});

const { completedChildOutput } = proxyActivities<ChildOutcomeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
});

/** Keeps a delivery under way in view: a run ends or continues as new only after them. */
export type Tracker = (delivery: Promise<unknown>) => void;

interface Interpreter {
  workflowId: string;
  track: Tracker;
  feed(input: Input): void;
}

const nowIso = (): string => new Date(Date.now()).toISOString();

function upsert(values: SearchAttributeValues): void {
  const pairs: SearchAttributeUpdatePair[] = [
    ...(values.stable
      ? [
          { key: searchAttributes.kind, value: values.stable.kind },
          { key: searchAttributes.businessKey, value: values.stable.businessKey },
        ]
      : []),
    { key: searchAttributes.state, value: values.state },
    {
      key: searchAttributes.nextDeadline,
      value: values.next === null ? null : new Date(values.next),
    },
    { key: searchAttributes.overdue, value: values.overdue },
    ...(values.waiting === undefined
      ? []
      : [{ key: searchAttributes.waitingOn, value: values.waiting }]),
  ];
  upsertSearchAttributes(pairs);
  upsertViewMemo(values);
}

function startChildRun(effect: Extract<Effect, { type: 'startChild' }>, host: Interpreter): void {
  const { record, input } = effect;
  const finish = (status: ChildRecord['status'], output: unknown): void =>
    host.feed({ type: 'childEnded', key: record.key, status, output });
  const typedSearchAttributes = effect.attributes
    ? [
        { key: searchAttributes.kind, value: effect.attributes.kind },
        { key: searchAttributes.businessKey, value: effect.attributes.businessKey },
      ]
    : undefined;
  // What the Web UI lists the child by; metadata only, so recorded starts replay unchanged.
  const businessKey = effect.attributes?.businessKey ?? record.id.slice(record.kind.length + 1);
  const title = findDefinition(record.kind)?.title ?? record.kind;
  const budget = summaryBudget({ namespace: workflowInfo().namespace, workflowId: record.id });
  const metadata = {
    staticSummary: runSummary(title, businessKey, budget),
    staticDetails: runDetails(record.kind, businessKey, { parent: host.workflowId }),
  };
  if (!record.linked) {
    // Not awaited by the loop: the child's end arrives as CHILD_DONE, whenever that is.
    void startChild(record.kind, {
      workflowId: record.id,
      args: [input],
      ...(typedSearchAttributes ? { typedSearchAttributes } : {}),
      ...metadata,
    })
      .then((handle) => handle.result() as Promise<ProcessView>)
      .then(
        (view) => finish('completed', view.output),
        (error: unknown) => finish('failed', { message: String(error) }),
      );
    return;
  }
  // Started, or adopted when it runs already; from then on it reports by signal, so it can
  // outlive this run and this run's continue-as-new. Tracked: this run neither ends nor continues
  // as new before the child has started or been adopted, or the start (and link) would be lost.
  host.track(
    startChild(record.kind, {
      workflowId: record.id,
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      cancellationType: ChildWorkflowCancellationType.ABANDON,
      // As the API: a run that failed may start again; a completed one is not restarted.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      ...(typedSearchAttributes ? { typedSearchAttributes } : {}),
      ...metadata,
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
        host.feed({ type: 'childAdopted', key: record.key });
        try {
          await getExternalWorkflowHandle(record.id).signal(linkSignal, {
            workflowId: host.workflowId,
            key: record.key,
          });
        } catch (linkError) {
          // The id was refused although only a failed run may be started again, and the run no
          // longer takes signals: it has completed. Older runs recorded it as failed.
          if (patched(ADOPT_COMPLETED_CHILD_PATCH)) {
            await adoptCompleted(record.id, finish);
          } else {
            finish('failed', { message: `could not adopt: ${String(linkError)}` });
          }
        }
      },
    ),
  );
}

/** The completed child's own output, read by an activity; a run that did not complete failed. */
async function adoptCompleted(
  childId: string,
  finish: (status: ChildRecord['status'], output: unknown) => void,
): Promise<void> {
  try {
    const outcome = await completedChildOutput(childId);
    // Only someone completing the activity by hand without the payload key gets here.
    if (isUnverifiedPayload(outcome)) finish('failed', { message: 'unverified child output' });
    else finish('completed', outcome.output);
  } catch (error) {
    const message =
      error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
    finish('failed', { message: `could not adopt: ${message}` });
  }
}

function deliver(effect: Extract<Effect, { type: 'deliverReminder' }>, host: Interpreter): void {
  const { deadlineId, index } = effect;
  const outcome = (change: Extract<Input, { type: 'reminderOutcome' }>['change']): void =>
    host.feed({ type: 'reminderOutcome', deadlineId, index, change });
  // Which reminder, to whom: the Web UI names the activity by it.
  const delivery = deliverReminder.executeWithOptions({ summary: reminderSummary(effect.notice) }, [
    effect.notice,
  ]);
  host.track(
    delivery.then(
      (result) =>
        // Only someone completing the activity by hand without the payload key gets here.
        isUnverifiedPayload(result)
          ? outcome({ status: 'failed', sentAt: nowIso(), error: 'unverified result' })
          : outcome({ status: 'sent', sentAt: nowIso(), channels: result.channels }),
      (error: unknown) => {
        const message =
          error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
        log.warn('reminder could not be delivered', { deadlineId, index, message });
        outcome({ status: 'failed', sentAt: nowIso(), error: message });
      },
    ),
  );
}

/** The summary of a wait before a refused signal is sent again. */
const resendSummary = (what: string): string | undefined =>
  clampSummary(
    `Opnieuw versturen: ${what}`,
    summaryBudget({ namespace: workflowInfo().namespace, workflowId: workflowInfo().workflowId }),
  );

/**
 * Signals another process, sending again while it is refused (signal-delivery.ts), and keeps the
 * delivery in view until it is done; `givenUp` hears why when every attempt failed.
 */
function sendSignal(
  host: Interpreter,
  workflowId: string,
  send: (target: ExternalWorkflowHandle) => Promise<void>,
  what: string,
  givenUp: (message: string) => void,
): void {
  host.track(
    sendWithResends(() => send(getExternalWorkflowHandle(workflowId)), resendSummary(what)).catch(
      (error: unknown) => givenUp(String(error)),
    ),
  );
}

export function carryOut(effects: readonly Effect[], host: Interpreter): void {
  for (const effect of effects) {
    switch (effect.type) {
      case 'upsertSearchAttributes':
        upsert(effect.values);
        break;
      case 'startChild':
        startChildRun(effect, host);
        break;
      case 'signalChild':
        sendSignal(
          host,
          effect.childId,
          (child) => child.signal(parentEventSignal, effect.event),
          `gebeurtenis aan deelproces ${effect.childId}`,
          (message) => {
            log.warn('could not send an event to a child process', {
              child: effect.childId,
              event: effect.event.type,
              message,
            });
            host.feed({ type: 'childEventUndelivered', id: effect.event.id });
          },
        );
        break;
      case 'reportToParent':
        sendSignal(
          host,
          effect.workflowId,
          (parent) => parent.signal(childReportSignal, effect.report),
          `voortgang aan ${effect.workflowId}`,
          // A parent that has ended no longer needs to know.
          (message) =>
            log.warn('could not report to the parent process', {
              parent: effect.workflowId,
              message,
            }),
        );
        break;
      case 'linkChild':
        sendSignal(
          host,
          effect.childId,
          (child) => child.signal(linkSignal, effect.link),
          `koppeling aan deelproces ${effect.childId}`,
          // A child that has ended takes no link; what it reported last stands.
          (message) =>
            log.warn('could not link a child process again', { child: effect.childId, message }),
        );
        break;
      case 'deliverReminder':
        deliver(effect, host);
        break;
    }
  }
}
