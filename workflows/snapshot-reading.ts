/** Reading a machine snapshot the way the host and the operators need it. Pure. */
import type { AnyMachineSnapshot, StateValue } from 'xstate';
import { parties, type Actor, type Role } from '../machines/actors';
import { organisationIdOf } from '../machines/organisations';
import type { EventDefinition, ProcessDefinition, StateMeta } from '../machines/process-definition';
import { actorRefusal } from '../machines/refusals';
import type { AllowedEvent } from './contract';

/** Active leaf states as dotted paths: { acceptance: { phase1: 'criteria' } } → acceptance.phase1.criteria */
export function leafPaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value).flatMap(([key, child]) =>
    child === undefined ? [prefix + key] : leafPaths(child, `${prefix}${key}.`),
  );
}

function metaOf(snapshot: AnyMachineSnapshot): StateMeta[] {
  return Object.values(snapshot.getMeta() as Record<string, StateMeta | undefined>).filter(
    (meta): meta is StateMeta => meta !== undefined,
  );
}

/** The deadlines named by the meta of every active state node, parents included. */
export function waitedOnDeadlines(snapshot: AnyMachineSnapshot): Set<string> {
  return new Set(
    metaOf(snapshot)
      .map((meta) => meta.deadline)
      .filter((id): id is string => id !== undefined),
  );
}

/** The active leaf paths of a snapshot. */
export const statePaths = (snapshot: AnyMachineSnapshot): string[] =>
  leafPaths(snapshot.value as StateValue);

/** Labels of the active leaf states, in document order. */
export function activeLabels(snapshot: AnyMachineSnapshot): string[] {
  const meta = snapshot.getMeta() as Record<string, StateMeta | undefined>;
  return statePaths(snapshot)
    .map((path) => meta[`${snapshot.machine.id}.${path}`]?.label)
    .filter((label): label is string => label !== undefined);
}

/** A probe event: what the machine would receive if this actor sent this payload now. */
export function stampedEvent(
  type: string,
  payload: Record<string, unknown>,
  actor: Actor,
  at: string,
): { type: string; actor: Actor; at: string } & Record<string, unknown> {
  return { ...payload, type, actor, at };
}

function accepts(snapshot: AnyMachineSnapshot, event: { type: string }): boolean {
  try {
    return snapshot.can(event as Parameters<AnyMachineSnapshot['can']>[0]);
  } catch {
    // A guard that cannot read a probe's payload simply does not allow it.
    return false;
  }
}

/** Whether the machine takes this event in its current state (guards included). */
export function machineAccepts(snapshot: AnyMachineSnapshot, event: { type: string }): boolean {
  return snapshot.status === 'active' && accepts(snapshot, event);
}

/** The actors to probe for a role: one per government where the role acts per government. */
function probeActors(role: Role): Actor[] {
  return role === 'ogb' || role === 'bo' || role === 'minister'
    ? parties
        .filter((party) => role !== 'minister' || party === 'rijk')
        .map((party) => ({ id: `probe:${role}:${party}`, role, party }))
    : [{ id: `probe:${role}`, role }];
}

interface Probe {
  actor: Actor;
  payloads: Record<string, unknown>[];
}

/**
 * Who to probe an event with, and which payloads: for an event an organisation sends for itself,
 * each option by the actor of the organisation it names (so an OBO is offered its own only).
 */
function probesFor(
  event: EventDefinition,
  role: Role,
  snapshot: AnyMachineSnapshot,
  actsFor: boolean,
): Probe[] {
  const roleOnly: Actor = { id: `probe:${role}`, role };
  if (actsFor && event.actsFor) {
    const byOrganisation = new Map<string, Probe>();
    for (const payload of event.options?.(snapshot, roleOnly) ?? [{}]) {
      const named = event.actsFor.organisation(payload);
      // No actor is an organisation named like a government ("VNG"): nobody is offered those.
      const id = named === undefined ? '' : organisationIdOf(named);
      if ((parties as readonly string[]).includes(id)) continue;
      const probe = byOrganisation.get(id) ?? {
        actor: id === '' ? roleOnly : { id: `probe:${role}:${id}`, role, organisation: id },
        payloads: [],
      };
      probe.payloads.push(payload);
      byOrganisation.set(id, probe);
    }
    return [...byOrganisation.values()];
  }
  // Party matters only where the definition authorises per actor.
  const actors = event.authorise ? probeActors(role) : [roleOnly];
  return actors.map((actor) => ({ actor, payloads: event.options?.(snapshot, actor) ?? [{}] }));
}

/**
 * Per role (and party or organisation, where it matters), the events the current state accepts
 * from it, with the concrete options where there are any. `actsFor: false` probes by the rules as
 * they were before actors were bound to their organisation, for replaying older histories only.
 */
export function allowedEvents(
  definition: ProcessDefinition,
  snapshot: AnyMachineSnapshot,
  at: string,
  options: { actsFor: boolean } = { actsFor: true },
): AllowedEvent[] {
  if (snapshot.status !== 'active') return [];
  const allowed: AllowedEvent[] = [];
  for (const [type, event] of Object.entries(definition.events)) {
    const roles = options.actsFor ? event.roles : (event.legacyRoles ?? event.roles);
    for (const role of roles) {
      for (const { actor, payloads } of probesFor(event, role, snapshot, options.actsFor)) {
        const open = payloads.filter(
          (payload) =>
            actorRefusal(event, snapshot, actor, payload, { ...options, at }) === undefined &&
            accepts(snapshot, stampedEvent(type, payload, actor, at)),
        );
        if (open.length === 0) continue;
        allowed.push({
          type,
          label: event.label,
          role,
          ...(actor.party && (role === 'ogb' || role === 'bo') ? { party: actor.party } : {}),
          ...(actor.organisation ? { organisation: actor.organisation } : {}),
          ...(event.options ? { options: open } : {}),
        });
      }
    }
  }
  return allowed;
}

/**
 * Who the run waits on, as visibility keywords: the role where any member may act ("tbo"),
 * "role:party" where only that government's member may ("ogb:vng"), and "role:organisation"
 * where only that organisation's actor may ("obo:kadaster"). Sorted, without repeats.
 */
export function waitingOn(allowed: readonly AllowedEvent[]): string[] {
  const keys = allowed.map((event) => {
    const narrowedTo = event.party ?? event.organisation;
    return narrowedTo === undefined ? event.role : `${event.role}:${narrowedTo}`;
  });
  return [...new Set(keys)].sort();
}
