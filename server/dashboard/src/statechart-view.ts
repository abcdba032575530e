/**
 * A statechart drawn as nested boxes: compound states hold their children, parallel regions sit
 * side by side with dashed borders, active states are tinted and the active leaves highlighted.
 */
import type { Statechart, StatechartNode, StatechartTransition } from '../../statechart';
import { h } from './dom';

function labelsByPath(node: StatechartNode, into = new Map<string, string>()) {
  into.set(node.path, node.label);
  for (const child of node.children) labelsByPath(child, into);
  return into;
}

function transitionText(transition: StatechartTransition, labels: Map<string, string>): string {
  const event = transition.event === 'always' ? 'vanzelf' : (transition.label ?? transition.event);
  const targets = transition.targets.map((path) => labels.get(path) ?? path).join(', ');
  return `${event}${transition.guarded ? ' [voorwaarde]' : ''} → ${targets || '(blijft)'}`;
}

function nodeBox(
  node: StatechartNode,
  active: readonly string[],
  labels: Map<string, string>,
): HTMLElement {
  const current = active.includes(node.path);
  const onPath = current || active.some((path) => path.startsWith(`${node.path}.`));
  const classes = ['sc-node', `sc-${node.type}`];
  if (onPath) classes.push('sc-active');
  if (current) classes.push('sc-current');
  const transitions = node.transitions.filter((t) => t.event !== 'always' || t.targets.length);
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
      node.type === 'parallel' ? h('span', { class: 'sc-badge' }, 'parallel') : null,
      node.type === 'final' ? h('span', { class: 'sc-badge' }, 'eind') : null,
      node.deadline ? h('span', { class: 'sc-badge' }, `termijn: ${node.deadline}`) : null,
      current ? h('span', { class: 'sc-badge sc-now' }, 'huidige toestand') : null,
    ),
    transitions.length
      ? h(
          'ul',
          { class: 'sc-transitions' },
          transitions.map((t) => h('li', {}, transitionText(t, labels))),
        )
      : null,
    node.children.length
      ? h(
          'div',
          { class: `sc-children sc-children-${node.type}` },
          node.children.map((child) => nodeBox(child, active, labels)),
        )
      : null,
  );
}

/** The chart with the view's active leaf paths (`view.state`) highlighted. */
export function statechartView(chart: Statechart, active: readonly string[]): HTMLElement {
  const labels = labelsByPath(chart.root);
  const root = chart.root;
  // The root box is the process itself: draw its children, not a box named after the machine.
  return h(
    'div',
    { class: `sc-chart sc-children sc-children-${root.type}` },
    root.children.length
      ? root.children.map((child) => nodeBox(child, active, labels))
      : nodeBox(root, active, labels),
  );
}
