/**
 * The statechart as nested lists, the diagram's text alternative: compound states hold their
 * children, each state names its transitions, the current states are marked as the current step.
 */
import type { Statechart, StatechartNode, StatechartTransition } from '../../statechart';
import { holds, type TakenPath } from './diagram-path';
import { h } from './dom';

function labelsByPath(node: StatechartNode, into = new Map<string, string>()) {
  into.set(node.path, node.label);
  for (const child of node.children) labelsByPath(child, into);
  return into;
}

function transitionText(transition: StatechartTransition, labels: Map<string, string>): string {
  const targets = transition.targets.map((path) => labels.get(path) ?? '—').join(', ');
  return `${transition.label}${transition.guarded ? ' [voorwaarde]' : ''} → ${targets || '(blijft in deze toestand)'}`;
}

interface Marks {
  active: readonly string[];
  path: TakenPath;
  labels: Map<string, string>;
  deadlines: Record<string, string>;
}

function nodeBox(node: StatechartNode, marks: Marks, initial: boolean): HTMLElement {
  const current = marks.active.includes(node.path);
  const onPath =
    current || marks.active.some((leaf) => leaf !== node.path && holds(node.path, leaf));
  const classes = ['sc-node', `sc-${node.type}`];
  if (onPath) classes.push('sc-active');
  if (current) classes.push('sc-current');
  const transitions = node.transitions.filter((t) => t.event !== 'always' || t.targets.length);
  const deadline = node.deadline ? (marks.deadlines[node.deadline] ?? 'met een termijn') : null;
  return h(
    'section',
    {
      class: classes.join(' '),
      role: 'group',
      'aria-label': node.label,
      'aria-current': current ? 'step' : undefined,
      'data-path': node.path,
    },
    h(
      'header',
      {},
      h('span', { class: 'sc-label' }, node.label),
      initial ? h('span', { class: 'sc-badge' }, 'begintoestand') : null,
      node.type === 'parallel'
        ? h('span', { class: 'sc-badge' }, 'onderdelen lopen tegelijk')
        : null,
      node.type === 'final' ? h('span', { class: 'sc-badge' }, 'eindtoestand') : null,
      deadline ? h('span', { class: 'sc-badge' }, `termijn: ${deadline}`) : null,
      current ? h('span', { class: 'sc-badge sc-now' }, 'huidige toestand') : null,
      !current && marks.path.visited.has(node.path)
        ? h('span', { class: 'sc-badge' }, 'doorlopen')
        : null,
    ),
    transitions.length
      ? h(
          'ul',
          { class: 'sc-transitions', 'aria-label': `Overgangen vanuit ${node.label}` },
          transitions.map((t) => h('li', {}, transitionText(t, marks.labels))),
        )
      : null,
    node.children.length
      ? h(
          'div',
          { class: `sc-children sc-children-${node.type}` },
          node.children.map((child) =>
            nodeBox(child, marks, node.type !== 'parallel' && child.key === node.initial),
          ),
        )
      : null,
  );
}

/** The list of `chart`'s states with the active leaves and the visited states marked. */
export function statechartList(
  chart: Statechart,
  active: readonly string[],
  path: TakenPath,
  deadlines: Record<string, string>,
): HTMLElement {
  const marks: Marks = { active, path, labels: labelsByPath(chart.root), deadlines };
  const root = chart.root;
  // The root box is the process itself: list its children, not a box named after the machine.
  return h(
    'div',
    { class: `sc-chart sc-children sc-children-${root.type}` },
    root.children.length
      ? root.children.map((child) =>
          nodeBox(child, marks, root.type !== 'parallel' && child.key === root.initial),
        )
      : nodeBox(root, marks, false),
  );
}
