/**
 * Operator actions as Temporal client calls: start a run, read its view, send it an event, list
 * runs through visibility. Temporal errors become HttpErrors here, in one place.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../machines/actors';
import type { RefusalRule } from '../machines/refusals';
import { findDefinition, processKinds } from '../machines/registry';
import {
  deadlineUpdate,
  EventRejection,
  eventUpdate,
  historyQuery,
  viewQuery,
  type DeadlineRequest,
  type EventResult,
  type HistoryPage,
  type HistoryRequest,
  type EventRejectionDetails,
  type EventRequest,
  type HostInput,
  type ProcessPage,
  type ProcessView,
} from '../workflows/contract';
import { runDetails, runSummary, summaryBudget } from '../workflows/host/temporal-details';
import { searchAttributes } from '../workflows/search-attributes';
import { badRequest, HttpError } from './http-errors';
import {
  acceptedUpdate,
  idempotencyKeyReused,
  requestDigest,
  scopedIdempotencyKey,
} from './idempotency';
import { workflowClientFor } from './operator-identity';
import { processIdFor } from './process-paths';
import { problemTypes, type ProblemSlug } from './problems';
import { inboxOf, type InboxItem } from './inbox';
import type { CalendarEntry } from './calendar';
import { calendarEntriesOf } from './calendar-entries';
import { listPage, visibilityQuery } from './process-listing';
import { assertMayRead, readableKinds } from './read-access';
import type { ListQuery } from './request-schemas';

/** How each rejection of the host answers: status, the product's code, the default rule. */
const rejections: Record<string, { status: number; code: string; slug: ProblemSlug }> = {
  [EventRejection.invalidEvent]: { status: 400, code: 'invalid_event', slug: 'invalid-input' },
  [EventRejection.forbiddenRole]: { status: 403, code: 'forbidden', slug: 'wrong-role' },
  [EventRejection.forbiddenActor]: { status: 403, code: 'forbidden', slug: 'wrong-party' },
  [EventRejection.notAllowedInState]: {
    status: 409,
    code: 'not_allowed_in_state',
    slug: 'state-does-not-allow',
  },
  [EventRejection.unknownDeadline]: { status: 404, code: 'unknown_deadline', slug: 'not-found' },
};

/** The product's code of a chart's own rule, where it answers other than its rejection's. */
const ruleCodes: Partial<Record<ProblemSlug, string>> = {
  'missing-earlier-step': 'missing_earlier_step',
  'not-in-proposal': 'not_in_proposal',
  'limit-of-the-arrangement': 'limit_of_the_arrangement',
};

/** Every rule the machines and the host can name is one of the API's problem types. */
export const refusalRulesAreProblemTypes: RefusalRule extends ProblemSlug ? true : never = true;

/** A rule the host names in its details, where it is one of the API's problem types. */
function ruleSlug(rule: unknown): ProblemSlug | undefined {
  return typeof rule === 'string' && rule in problemTypes ? (rule as ProblemSlug) : undefined;
}

export class ProcessService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    /** Signs the listing's page tokens (PAGE_TOKEN_KEY); unset, a key of this process. */
    private readonly pageTokenKey?: Buffer,
  ) {}

  /** Whether Temporal answers now (within two seconds). */
  async ready(): Promise<void> {
    await this.client.connection.withDeadline(Date.now() + 2000, () =>
      this.client.workflowService.getSystemInfo({}),
    );
  }

  async start(
    kind: string,
    body: unknown,
    actor: Actor,
    idempotencyKey: string | undefined,
  ): Promise<{ view: ProcessView; replayed: boolean }> {
    const definition = findDefinition(kind);
    if (!definition) {
      throw new HttpError(404, 'unknown_kind', `no process kind "${kind}"`, {
        kinds: processKinds,
      });
    }
    if (!(definition.startRoles as readonly string[]).includes(actor.role)) {
      throw new HttpError(403, 'forbidden', `${actor.role} may not start ${kind}`, {
        allowedRoles: definition.startRoles,
      });
    }
    const parsed = definition.input.safeParse(body ?? {});
    if (!parsed.success)
      throw badRequest('invalid_body', `invalid ${kind} start body`, parsed.error, 'body');
    const businessKey = definition.businessKey(parsed.data);
    const workflowId = processIdFor(kind, businessKey);
    const input: HostInput = { input: body ?? {}, startedBy: actor };
    const scopedKey = idempotencyKey ? scopedIdempotencyKey(actor, idempotencyKey) : undefined;
    const digest = requestDigest({ kind, body: body ?? {} });
    const budget = summaryBudget({ namespace: this.client.options.namespace, workflowId });
    try {
      // Started as the operator, with what the Web UI lists it by (README, "In Temporal's own tools").
      const handle = await workflowClientFor(this.client, actor).start(kind, {
        taskQueue: this.taskQueue,
        workflowId,
        args: [input],
        // A run that failed or was terminated may be started again; a completed one may not.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        memo: scopedKey ? { idempotencyKey: scopedKey, requestDigest: digest } : {},
        typedSearchAttributes: [
          { key: searchAttributes.kind, value: kind },
          { key: searchAttributes.businessKey, value: businessKey },
        ],
        staticSummary: runSummary(definition.title, businessKey, budget),
        staticDetails: runDetails(kind, businessKey, { api: actor }),
      });
      return { view: await handle.query(viewQuery), replayed: false };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      if (idempotencyKey && scopedKey) {
        const handle = this.client.workflow.getHandle(workflowId);
        const description = await handle.describe();
        const memo = (description.memo ?? {}) as {
          idempotencyKey?: unknown;
          requestDigest?: unknown;
        };
        if (memo.idempotencyKey === scopedKey) {
          if (memo.requestDigest !== digest) throw idempotencyKeyReused(idempotencyKey);
          return { view: await handle.query(viewQuery), replayed: true };
        }
      }
      throw new HttpError(409, 'already_started', `${kind} for "${businessKey}" already exists`, {
        id: workflowId,
      });
    }
  }

  /** A run's view, for a caller who may read its kind (server/read-access.ts). */
  async view(id: string, actor: Actor): Promise<ProcessView> {
    assertMayRead(actor, id);
    try {
      return await this.client.workflow.getHandle(id).query(viewQuery);
    } catch (error) {
      throw this.translate(error, id);
    }
  }

  /** A page of a run's audit trail, for a caller who may read its kind. */
  async history(id: string, request: HistoryRequest, actor: Actor): Promise<HistoryPage> {
    assertMayRead(actor, id);
    try {
      return await this.client.workflow.getHandle(id).query(historyQuery, request);
    } catch (error) {
      throw this.translate(error, id);
    }
  }

  async sendEvent(
    id: string,
    event: EventRequest['event'],
    actor: Actor,
    idempotencyKey: string | undefined,
  ): Promise<EventResult> {
    const request: EventRequest = { event, actor };
    return this.update(id, eventUpdate.name, request, actor, idempotencyKey, (handle, options) =>
      handle.executeUpdate(eventUpdate, { args: [request], ...options }),
    );
  }

  /** Suspends, resumes or extends one of a run's deadlines. */
  async changeDeadline(
    id: string,
    request: DeadlineRequest,
    idempotencyKey: string | undefined,
  ): Promise<EventResult> {
    return this.update(
      id,
      deadlineUpdate.name,
      request,
      request.actor,
      idempotencyKey,
      (handle, options) => handle.executeUpdate(deadlineUpdate, { args: [request], ...options }),
    );
  }

  /**
   * Runs an update; the actor's Idempotency-Key becomes its update id, so a retry applies it once,
   * and an answer for another request under that id is refused.
   */
  private async update(
    id: string,
    name: string,
    request: unknown,
    actor: Actor,
    idempotencyKey: string | undefined,
    run: (handle: WorkflowHandle, options: { updateId?: string }) => Promise<EventResult>,
  ): Promise<EventResult> {
    // The operator as the Update's identity: the Web UI shows it on the accepted Update.
    const handle = workflowClientFor(this.client, actor).getHandle(id);
    try {
      if (!idempotencyKey) return await run(handle, {});
      const updateId = scopedIdempotencyKey(actor, idempotencyKey);
      const result = await run(handle, { updateId });
      const accepted = await acceptedUpdate(this.client, id, updateId);
      // Not found: the run continued as new since; what it accepted then was this request.
      if (accepted && (accepted.name !== name || accepted.digest !== requestDigest(request))) {
        throw idempotencyKeyReused(idempotencyKey);
      }
      return result;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (error instanceof WorkflowNotFoundError && (await this.hasEnded(id))) {
        throw new HttpError(
          409,
          'process_completed',
          `process "${id}" has ended and takes no events`,
        );
      }
      throw this.translate(error, id);
    }
  }

  /** An update to a closed run answers "not found"; the run itself may well exist. */
  private async hasEnded(id: string): Promise<boolean> {
    try {
      const description = await this.client.workflow.getHandle(id).describe();
      return description.status.name !== 'RUNNING';
    } catch {
      return false;
    }
  }

  /** One page of the runs this actor may read that match the filters, through visibility. */
  async list({ pageSize, pageToken, ...filters }: ListQuery, actor: Actor): Promise<ProcessPage> {
    const query = visibilityQuery(filters, readableKinds(actor));
    return listPage(this.client, query, pageSize, pageToken, this.pageTokenKey);
  }

  /** Every running process where this actor may act now, soonest deadline first. */
  async inbox(actor: Actor): Promise<{ items: InboxItem[] }> {
    return inboxOf(this.client, actor);
  }

  /** What the calendar feed shows of every running process this actor may read. */
  async calendarEntries(actor: Actor): Promise<CalendarEntry[]> {
    return calendarEntriesOf(this.client, actor, (id) => this.view(id, actor));
  }

  private translate(error: unknown, id: string): unknown {
    if (error instanceof WorkflowNotFoundError) {
      return new HttpError(404, 'not_found', `no process "${id}"`);
    }
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const rejection = rejections[error.cause.type ?? ''];
      if (rejection !== undefined) {
        const { issues, ...details } = (error.cause.details?.[0] ?? {}) as EventRejectionDetails;
        const slug = ruleSlug(details.rule) ?? rejection.slug;
        return new HttpError(
          problemTypes[slug].status,
          slug === rejection.slug ? rejection.code : (ruleCodes[slug] ?? rejection.code),
          error.cause.message,
          Object.keys(details).length > 0 ? details : undefined,
          issues?.map((issue) => ({
            name: issue.path,
            in: 'body' as const,
            code: 'invalid',
            detail: issue.message,
          })),
          slug,
        );
      }
    }
    if (error instanceof Error && /workflow execution already completed/i.test(error.message)) {
      return new HttpError(
        409,
        'process_completed',
        `process "${id}" has ended and takes no events`,
      );
    }
    return error;
  }
}
