/**
 * Every transition a statechart defines, read from its state nodes: each node's `on` (including
 * `after` delays and `onDone`, which XState keeps there as events) and its eventless `always`,
 * in every region of parallel states. Named so that a failure lists them readably.
 */
import { getStateNodes } from '@xstate/graph';
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

function guardName(transition: AnyTransitionDefinition): string {
  const guard: unknown = transition.guard;
  if (guard === undefined) return '';
  if (typeof guard === 'string') return ` [${guard}]`;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    return ` [${String(guard.type)}]`;
  }
  return ' [guarded]';
}

function eventName(eventType: string): string {
  if (eventType === '') return 'always';
  if (eventType.startsWith('xstate.done.state.')) return 'onDone';
  if (eventType.startsWith('xstate.after.')) return `after ${eventType.split('.')[2] ?? ''}`;
  return eventType;
}

function nameOf(node: AnyStateNode, transition: AnyTransitionDefinition, index: number): string {
  const targets = transition.target?.map((target) => target.id).join(', ') ?? '(stays)';
  const nth = index > 0 ? ` #${String(index + 1)}` : '';
  return `${node.id}: ${eventName(String(transition.eventType))}${guardName(transition)} → ${targets}${nth}`;
}

/** Each transition definition of the machine, by identity, with a readable unique name. */
export function transitionsOf(machine: AnyStateMachine): Map<AnyTransitionDefinition, string> {
  const named = new Map<AnyTransitionDefinition, string>();
  for (const node of [machine.root, ...getStateNodes(machine.root)]) {
    for (const candidates of node.transitions.values()) {
      candidates.forEach((transition, index) => {
        named.set(transition, nameOf(node, transition, index));
      });
    }
    node.always?.forEach((transition, index) => {
      named.set(transition, nameOf(node, transition, index));
    });
  }
  return named;
}
