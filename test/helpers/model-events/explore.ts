/**
 * Walks every state a kind's machine reaches from a start with the events its model offers,
 * with @xstate/graph's adjacency map, recording which transition definitions each step takes.
 */
import { getAdjacencyMap, type AdjacencyMap, type AdjacencyValue } from '@xstate/graph';
import {
  createEmptyActor,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyTransitionDefinition,
  type EventObject,
} from 'xstate';
import type { ProcessDefinition } from '../../../machines/process-definition';
import { candidateEvents } from './candidates';
import type { KindModel, ModelStart } from './types';

/** Far above what any kind needs; hitting it means the serialisation keeps too much context. */
const TRAVERSAL_LIMIT = 60_000;

type MachineScope = Parameters<AnyStateMachine['transition']>[2];

export interface Step {
  readonly from: string | undefined;
  readonly event: EventObject | undefined;
}

export interface Exploration {
  /** Serialised states, each with its snapshot. */
  readonly states: ReadonlyMap<string, AnyMachineSnapshot>;
  /** Serialised state → the serialised states one event leads to. */
  readonly edges: ReadonlyMap<string, readonly { to: string; event: EventObject }[]>;
  readonly initial: string;
  readonly initialSnapshot: AnyMachineSnapshot;
  /** Every snapshot a step led to, before serialisation merged them (e.g. finals with outputs). */
  readonly reached: readonly AnyMachineSnapshot[];
  /** The first step that took each transition definition (`from` undefined: the start). */
  readonly taken: ReadonlyMap<AnyTransitionDefinition, Step>;
  readonly serialise: (snapshot: AnyMachineSnapshot) => string;
}

/**
 * A scope for the machine's pure transition function that reports every microstep's transitions:
 * actions are not executed (the host's machines are pure; assignments still apply).
 */
function recordingScope(onTaken: (transitions: AnyTransitionDefinition[]) => void): MachineScope {
  const self = createEmptyActor();
  self.system.inspect((inspection) => {
    if (inspection.type === '@xstate.microstep') onTaken(inspection._transitions);
  });
  const scope = {
    self,
    logger: () => undefined,
    id: 'model',
    sessionId: 'model',
    defer: () => undefined,
    system: self.system,
    stopChild: () => undefined,
    emit: () => undefined,
    actionExecutor: () => undefined,
  };
  return scope as unknown as MachineScope;
}

export function explore(
  definition: ProcessDefinition,
  model: KindModel,
  start: ModelStart,
): Exploration {
  const machine = definition.machine;
  const serialise = (snapshot: AnyMachineSnapshot) =>
    JSON.stringify([snapshot.value, snapshot.status, model.relevant(snapshot)]);
  const taken = new Map<
    AnyTransitionDefinition,
    { state?: AnyMachineSnapshot; event?: EventObject }
  >();
  let current: { state?: AnyMachineSnapshot; event?: EventObject } = {};
  const scope = recordingScope((transitions) => {
    for (const transition of transitions)
      if (!taken.has(transition)) taken.set(transition, current);
  });

  const input = definition.input.parse(start.input);
  const machineInput = definition.machineInput(input, {
    actor: { id: 'starter', role: definition.startRoles[0] ?? 'sbo' },
    at: start.at,
    ...(start.olderRules ? { olderRules: start.olderRules } : {}),
  });
  const fromState = machine.getInitialSnapshot(scope, machineInput) as AnyMachineSnapshot;
  // The traversal calls `transition` unbound; this logic records which transitions it takes.
  const logic = Object.create(machine, {
    transition: {
      value: (state: AnyMachineSnapshot, event: EventObject) => {
        current = { state, event };
        return machine.transition(state, event, scope);
      },
    },
  }) as AnyStateMachine;

  const adjacency: AdjacencyMap<AnyMachineSnapshot, EventObject> = getAdjacencyMap(logic, {
    fromState,
    limit: TRAVERSAL_LIMIT,
    serializeState: (snapshot) => serialise(snapshot as AnyMachineSnapshot),
    events: (snapshot) => candidateEvents(definition, model, start, snapshot as AnyMachineSnapshot),
  });

  const states = new Map<string, AnyMachineSnapshot>();
  const edges = new Map<string, { to: string; event: EventObject }[]>();
  const reached: AnyMachineSnapshot[] = [fromState];
  const entries = Object.entries(adjacency) as [
    string,
    AdjacencyValue<AnyMachineSnapshot, EventObject>,
  ][];
  for (const [key, { state, transitions }] of entries) {
    states.set(key, state);
    reached.push(...Object.values(transitions).map((next) => next.state));
    edges.set(
      key,
      (Object.values(transitions) as { event: EventObject; state: AnyMachineSnapshot }[]).map(
        (next) => ({
          to: serialise(next.state),
          event: next.event,
        }),
      ),
    );
  }
  const steps = new Map<AnyTransitionDefinition, Step>();
  for (const [transition, step] of taken) {
    steps.set(transition, { from: step.state && serialise(step.state), event: step.event });
  }
  return {
    states,
    edges,
    initial: serialise(fromState),
    initialSnapshot: fromState,
    reached,
    taken: steps,
    serialise,
  };
}

/** An event as a failure message names it: its type, who sent it, what it says. */
export function describeEvent(event: EventObject | undefined): string {
  if (event === undefined) return '(start)';
  const { type, actor } = event as EventObject & { actor?: unknown };
  // Who and what, not when or why: the moment and the note decide no guard.
  const rest = Object.fromEntries(
    Object.entries(event).filter(([key]) => !['type', 'actor', 'at', 'note'].includes(key)),
  );
  const by =
    typeof actor === 'object' && actor !== null && 'id' in actor ? ` by ${String(actor.id)}` : '';
  const fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${type}${by}${fields}`;
}

/** The shortest event path from the start to each state (breadth first over the edges). */
export function shortestPaths(exploration: Exploration): Map<string, EventObject[]> {
  const paths = new Map<string, EventObject[]>([[exploration.initial, []]]);
  const queue = [exploration.initial];
  for (let head = queue.shift(); head !== undefined; head = queue.shift()) {
    for (const { to, event } of exploration.edges.get(head) ?? []) {
      if (paths.has(to)) continue;
      paths.set(to, [...(paths.get(head) ?? []), event]);
      queue.push(to);
    }
  }
  return paths;
}

/** States from which no sequence of events reaches a final state. */
export function deadEnds(exploration: Exploration): string[] {
  const into = new Map<string, string[]>();
  for (const [from, targets] of exploration.edges) {
    for (const { to } of targets) into.set(to, [...(into.get(to) ?? []), from]);
  }
  const live = new Set(
    [...exploration.states]
      .filter(([, snapshot]) => snapshot.status === 'done')
      .map(([key]) => key),
  );
  const queue = [...live];
  for (let head = queue.shift(); head !== undefined; head = queue.shift()) {
    for (const from of into.get(head) ?? []) {
      if (live.has(from)) continue;
      live.add(from);
      queue.push(from);
    }
  }
  return [...exploration.states.keys()].filter((key) => !live.has(key));
}
