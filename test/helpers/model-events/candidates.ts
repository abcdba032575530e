/**
 * The events a run could receive in a state, as the host would pass them on: operator events
 * from the model's actors with payloads built from the definition's schemas, each through the
 * host's own gate (role, organisation, the definition's rule, the chart's `can`); every deadline
 * the state waits on passing at its due moment; a parent's events; and the model's system events.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { systemActor, type Actor } from '../../../machines/actors';
import type { ProcessDefinition } from '../../../machines/process-definition';
import { actorRefusal } from '../../../machines/refusals';
import { machineAccepts, waitedOnDeadlines } from '../../../workflows/snapshot-reading';
import { schemaSamples } from './schema-samples';
import type { KindModel, ModelStart } from './types';

type Candidate = EventObject & { actor?: Actor };

const sampled = new WeakMap<object, Record<string, unknown>[]>();

function schemaPayloads(definition: ProcessDefinition, type: string, model: KindModel) {
  const event = definition.events[type];
  if (!event) return [];
  const known = sampled.get(event.payload);
  if (known) return known;
  const made = schemaSamples(event.payload, model.strings);
  sampled.set(event.payload, made);
  return made;
}

function operatorEvents(
  definition: ProcessDefinition,
  model: KindModel,
  start: ModelStart,
  snapshot: AnyMachineSnapshot,
): Candidate[] {
  const moments = model.moments?.(snapshot, start) ?? [start.at];
  const found: Candidate[] = [];
  for (const [type, event] of Object.entries(definition.events)) {
    for (const actor of model.actors.filter((a) => event.roles.some((role) => role === a.role))) {
      const payloads =
        model.payloads?.(type, snapshot) ??
        event.options?.(snapshot, actor) ??
        schemaPayloads(definition, type, model);
      for (const raw of payloads) {
        const parsed = event.payload.safeParse(raw);
        if (!parsed.success) continue;
        for (const at of moments) {
          if (actorRefusal(event, snapshot, actor, parsed.data, { actsFor: true, at })) continue;
          const candidate = { ...parsed.data, type, actor, at };
          if (machineAccepts(snapshot, candidate)) found.push(candidate);
        }
      }
    }
  }
  return found;
}

function deadlineEvents(definition: ProcessDefinition, snapshot: AnyMachineSnapshot): Candidate[] {
  return [...waitedOnDeadlines(snapshot)].flatMap((deadline) => {
    const due = definition.deadlines[deadline]?.due(snapshot);
    return due ? [{ type: 'DEADLINE_PASSED', deadline, actor: systemActor, at: due }] : [];
  });
}

/** Events a parent run may send, with payloads from their schemas, as the host stamps them. */
function parentEvents(
  definition: ProcessDefinition,
  model: KindModel,
  start: ModelStart,
): Candidate[] {
  const parent: Actor = { id: 'parent', role: 'system' };
  return Object.entries(definition.parentEvents ?? {}).flatMap(([type, schema]) =>
    schemaSamples(schema, model.strings).map((payload) => ({
      ...payload,
      type,
      actor: parent,
      at: start.at,
    })),
  );
}

export function candidateEvents(
  definition: ProcessDefinition,
  model: KindModel,
  start: ModelStart,
  snapshot: AnyMachineSnapshot,
): Candidate[] {
  if (snapshot.status !== 'active') return [];
  const all = [
    ...operatorEvents(definition, model, start, snapshot),
    ...deadlineEvents(definition, snapshot).filter((event) => machineAccepts(snapshot, event)),
    ...[
      ...parentEvents(definition, model, start),
      ...(model.systemEvents?.(snapshot, start) ?? []),
    ].filter((event) => machineAccepts(snapshot, event)),
  ];
  return model.keep ? all.filter((event) => model.keep?.(snapshot, event, start)) : all;
}
