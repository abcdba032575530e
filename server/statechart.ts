/**
 * A process kind's statechart as plain JSON, for the dashboard to draw: the state nodes with their
 * Dutch labels, nested as the machine nests them, and the transitions each node takes. Pure.
 */
import type { AnyStateMachine } from 'xstate';
import type { ProcessDefinition, StateMeta } from '../machines/process-definition';
import { fallbackNodeLabel, systemEventLabel } from './statechart-labels';

type AnyStateNode = AnyStateMachine['root'];

export interface StatechartTransition {
  /** The event type, or "always" for an eventless transition. */
  event: string;
  /** The Dutch name of the event: the operator's label, or the system event's (statechart-labels). */
  label: string;
  /** True for the host's own events (deadlines, children, eventless steps): no operator sends them. */
  system: boolean;
  /** Dotted paths of the target nodes; empty where the event changes no state. */
  targets: string[];
  guarded: boolean;
}

export interface StatechartNode {
  /** Dotted path from the root, as the view's `state` names active leaves; "" for the root. */
  path: string;
  key: string;
  label: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  tags: string[];
  /** The deadline the node waits on (its meta.deadline). */
  deadline?: string;
  /** The key of the child entered first, for compound nodes. */
  initial?: string;
  transitions: StatechartTransition[];
  children: StatechartNode[];
}

export interface Statechart {
  kind: string;
  title: string;
  root: StatechartNode;
}

const pathOf = (node: AnyStateNode) => node.path.join('.');

function transitionsOf(
  node: AnyStateNode,
  labels: Readonly<Record<string, { label: string }>>,
): StatechartTransition[] {
  const on = Object.entries(node.on).flatMap(([event, transitions]) =>
    transitions.map((transition) => ({ event, transition })),
  );
  const always = (node.always ?? []).map((transition) => ({ event: 'always', transition }));
  return [...on, ...always].map(({ event, transition }) => ({
    event,
    label: labels[event]?.label ?? systemEventLabel(event),
    system: labels[event] === undefined,
    targets: (transition.target ?? []).map(pathOf),
    guarded: transition.guard !== undefined,
  }));
}

function nodeOf(
  { kind, title }: { kind: string; title: string },
  node: AnyStateNode,
  labels: Readonly<Record<string, { label: string }>>,
): StatechartNode {
  const meta = (node.meta ?? {}) as StateMeta;
  const initial: unknown = node.config.initial;
  return {
    path: pathOf(node),
    key: node.key,
    label:
      meta.label ?? (node.path.length ? fallbackNodeLabel(kind, pathOf(node), node.key) : title),
    type: node.type,
    tags: [...node.tags],
    ...(meta.deadline ? { deadline: meta.deadline } : {}),
    ...(typeof initial === 'string' ? { initial } : {}),
    transitions: transitionsOf(node, labels),
    children: Object.values(node.states).map((child) => nodeOf({ kind, title }, child, labels)),
  };
}

/** The statechart of a process kind, labelled in the operators' terms. */
export function statechartOf(definition: ProcessDefinition): Statechart {
  return {
    kind: definition.kind,
    title: definition.title,
    root: nodeOf(definition, definition.machine.root, definition.events),
  };
}
