/**
 * The gate: whether an operator's event or deadline change may pass, and as what. Pure: it reads
 * the state and throws a typed failure when refused. The update's validator runs it; the handler
 * runs it again only where the validator did not (replay) or the state moved since.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ZodError } from 'zod';
import type { Actor } from '../../machines/actors';
import { DEFAULT_DEADLINE_ROLES, type ProcessDefinition } from '../../machines/process-definition';
import { actorRefusal } from '../../machines/refusals';
import {
  EventRejection,
  isUnverifiedPayload,
  UNVERIFIED_PAYLOAD,
  type DeadlineRecord,
  type DeadlineRequest,
  type EventRejectionDetails,
  type EventRequest,
} from '../contract';
import {
  adjustDeadline,
  deadlineChangeSchema,
  type AdjustmentResult,
} from '../deadline-adjustment';
import { boundRefusal, deadlineLimit } from '../deadline-rules';
import { machineAccepts, stampedEvent, statePaths } from '../snapshot-reading';
import type { HostState } from './host-state';

export type StampedEvent = { type: string; actor: Actor; at: string } & Record<string, unknown>;
export type AcceptedAdjustment = Extract<AdjustmentResult, { ok: true }>;

export function issuesOf(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function reject(type: string, message: string, details: EventRejectionDetails): never {
  throw ApplicationFailure.create({ type, message, details: [details], nonRetryable: true });
}

/** Refuses arguments the payload codec could not verify, before anything reads them. */
export function refuseUnverified(request: object): void {
  if (isUnverifiedPayload(request)) {
    reject(
      EventRejection.unverifiedPayload,
      'the request was not sealed with a payload key of this product; send it through the API',
      { reason: request[UNVERIFIED_PAYLOAD] },
    );
  }
}

/**
 * The event as the machine will receive it, or a typed refusal. `actsFor`: whether actors are
 * bound to their organisation (false only replaying history recorded before that patch).
 */
export function checkEvent(
  definition: ProcessDefinition,
  state: HostState,
  request: EventRequest,
  at: string,
  actsFor: boolean,
): StampedEvent {
  refuseUnverified(request);
  const { snapshot } = state;
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
}

/** The latest due moment a change may give this deadline now (deadline-rules.ts). */
export function limitOf(definition: ProcessDefinition, state: HostState, record: DeadlineRecord) {
  const deadline = definition.deadlines[record.id];
  return deadline ? deadlineLimit(deadline, record, state.snapshot) : null;
}

/**
 * An operator's deadline change, checked; throws when refused. `bounded`: whether the bounds of
 * deadline-rules.ts apply (not replaying older runs); `wholeDays`: whether a whole-day term
 * resumes by whole days (asked only then).
 */
export function checkDeadlineChange(
  definition: ProcessDefinition,
  state: HostState,
  request: DeadlineRequest,
  now: number,
  bounded: boolean,
  wholeDays: () => boolean,
): AcceptedAdjustment {
  refuseUnverified(request);
  const { snapshot, deadlines } = state;
  const deadlineRoles = definition.deadlineRoles ?? DEFAULT_DEADLINE_ROLES;
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
  const refusal = bounded && deadline ? boundRefusal(deadline, snapshot, request.actor) : undefined;
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
  const limit = bounded ? limitOf(definition, state, record) : null;
  const result = adjustDeadline(record, parsed.data, request.actor, now, limit, wholeDays);
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
}
