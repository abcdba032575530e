/**
 * Draws a laid-out statechart as SVG: nested state boxes, arrows for transitions with their Dutch
 * labels, the initial markers, the current states and the path taken. Colour is never the only
 * sign: the current state also carries "nu", the path taken is drawn thicker with a count.
 */
import type { ElkExtendedEdge, ElkNode, ElkPoint } from 'elkjs/lib/elk-api';
import type { Statechart, StatechartNode } from '../../statechart';
import {
  diagramEdges,
  edgeLines,
  INITIAL_SUFFIX,
  nodeLines,
  type DiagramEdge,
} from './diagram-graph';
import { holds, type TakenPath } from './diagram-path';
import { svg } from './dom';

interface Box {
  x: number;
  y: number;
  node: ElkNode;
}

function absoluteBoxes(root: ElkNode): Map<string, Box> {
  const boxes = new Map<string, Box>();
  const visit = (node: ElkNode, dx: number, dy: number) => {
    const x = dx + (node.x ?? 0);
    const y = dy + (node.y ?? 0);
    boxes.set(node.id, { x, y, node });
    for (const child of node.children ?? []) visit(child, x, y);
  };
  visit(root, 0, 0);
  return boxes;
}

function chartNodes(node: StatechartNode, into = new Map<string, StatechartNode>()) {
  into.set(node.path, node);
  node.children.forEach((child) => chartNodes(child, into));
  return into;
}

function textLines(lines: string[], x: number, y: number, lineHeight: number, cls: string) {
  return svg(
    'text',
    { x, y, class: cls },
    ...lines.map((line, index) => svg('tspan', { x, dy: index === 0 ? 0 : lineHeight }, line)),
  );
}

function stateShape(
  state: StatechartNode,
  box: Box,
  active: readonly string[],
  path: TakenPath,
  parallelParent: boolean,
): SVGElement {
  const { x, y } = box;
  const width = box.node.width ?? 0;
  const height = box.node.height ?? 0;
  const current = active.includes(state.path);
  const onActive = active.some((leaf) => holds(state.path, leaf));
  const classes = ['dg-state', `dg-${state.type}`];
  if (parallelParent) classes.push('dg-region');
  if (onActive) classes.push('dg-active');
  if (current) classes.push('dg-current');
  else if (path.visited.has(state.path)) classes.push('dg-visited');
  const compound = state.children.length > 0;
  const lines = nodeLines(state);
  return svg(
    'g',
    { class: classes.join(' '), 'data-path': state.path },
    svg('rect', { x, y, width, height, rx: compound ? 10 : 8 }),
    state.type === 'final'
      ? svg('rect', {
          x: x + 3,
          y: y + 3,
          width: width - 6,
          height: height - 6,
          rx: 6,
          class: 'dg-inner',
        })
      : null,
    textLines(
      lines,
      compound ? x + 10 : x + width / 2,
      y + (compound ? 18 : (height - (lines.length - 1) * 15) / 2 + 4),
      15,
      compound ? 'dg-title' : 'dg-label',
    ),
    current
      ? svg(
          'g',
          { class: 'dg-now' },
          svg('rect', { x: x + width - 26, y: y - 8, width: 24, height: 15, rx: 4 }),
          svg('text', { x: x + width - 14, y: y + 3 }, 'nu'),
        )
      : null,
  );
}

function pointsOf(edge: ElkExtendedEdge, dx: number, dy: number): ElkPoint[] {
  return (edge.sections ?? [])
    .flatMap((section) => [section.startPoint, ...(section.bendPoints ?? []), section.endPoint])
    .map((point) => ({ x: point.x + dx, y: point.y + dy }));
}

function edgeShape(
  edge: ElkExtendedEdge,
  drawn: DiagramEdge | undefined,
  boxes: Map<string, Box>,
  path: TakenPath,
): SVGElement {
  const container = boxes.get(edge.container ?? '') ?? { x: 0, y: 0 };
  const points = pointsOf(edge, container.x, container.y);
  const times = path.taken.get(edge.id) ?? 0;
  const initial = edge.id.endsWith(`${INITIAL_SUFFIX}|edge`);
  const classes = ['dg-edge'];
  if (initial) classes.push('dg-initial-edge');
  if (times > 0) classes.push('dg-taken');
  if (drawn?.transition.system) classes.push('dg-system');
  const label = edge.labels?.[0];
  const lines = drawn ? edgeLines(drawn.transition) : [];
  if (times > 1) lines.push(`(${String(times)}×)`);
  return svg(
    'g',
    { class: classes.join(' '), 'data-edge': edge.id },
    svg('polyline', {
      points: points.map((p) => `${String(p.x)},${String(p.y)}`).join(' '),
      'marker-end': times > 0 ? 'url(#dg-arrow-taken)' : 'url(#dg-arrow)',
    }),
    label && drawn
      ? svg(
          'g',
          { class: 'dg-edge-label' },
          svg('rect', {
            x: container.x + (label.x ?? 0) - 2,
            y: container.y + (label.y ?? 0) - 1,
            width: (label.width ?? 0) + 4,
            height: (label.height ?? 0) + (times > 1 ? 13 : 0) + 2,
            rx: 3,
          }),
          textLines(
            lines,
            container.x + (label.x ?? 0) + 1,
            container.y + (label.y ?? 0) + 10,
            13,
            '',
          ),
        )
      : null,
  );
}

function marker(id: string): SVGElement {
  return svg(
    'marker',
    {
      id,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 9,
      markerHeight: 9,
      markerUnits: 'userSpaceOnUse',
      orient: 'auto-start-reverse',
    },
    svg('path', { d: 'M0,0 L10,5 L0,10 z' }),
  );
}

/** The SVG of a laid-out chart with the run's active leaves and the path it took. */
export function diagramSvg(
  chart: Statechart,
  layout: ElkNode,
  active: readonly string[],
  path: TakenPath,
): SVGElement {
  const boxes = absoluteBoxes(layout);
  const states = chartNodes(chart.root);
  const drawn = new Map(diagramEdges(chart.root).map((edge) => [edge.id, edge]));
  const shapes: SVGElement[] = [];
  const visit = (node: ElkNode, parallelParent: boolean) => {
    for (const child of node.children ?? []) {
      const box = boxes.get(child.id);
      if (!box) continue;
      if (child.id.endsWith(INITIAL_SUFFIX)) {
        shapes.push(svg('circle', { class: 'dg-initial', cx: box.x + 7, cy: box.y + 7, r: 6 }));
        continue;
      }
      const state = states.get(child.id);
      if (!state) continue;
      shapes.push(stateShape(state, box, active, path, parallelParent));
      visit(child, state.type === 'parallel');
    }
  };
  visit(layout, chart.root.type === 'parallel');
  const edges = layout.edges ?? [];
  const collect = (node: ElkNode): ElkExtendedEdge[] => [
    ...(node.edges ?? []),
    ...(node.children ?? []).flatMap(collect),
  ];
  const allEdges = [...new Set([...edges, ...(layout.children ?? []).flatMap(collect)])];
  const width = Math.ceil(layout.width ?? 0);
  const height = Math.ceil(layout.height ?? 0);
  return svg(
    'svg',
    {
      class: 'dg-svg',
      role: 'img',
      'aria-labelledby': 'dg-title',
      width,
      height,
      viewBox: `0 0 ${String(width)} ${String(height)}`,
    },
    svg(
      'title',
      { id: 'dg-title' },
      `Diagram van ${chart.title}; dezelfde toestanden staan in de lijst`,
    ),
    svg('defs', {}, marker('dg-arrow'), marker('dg-arrow-taken')),
    svg('g', { class: 'dg-states' }, ...shapes),
    svg(
      'g',
      { class: 'dg-edges' },
      ...allEdges.map((edge) => edgeShape(edge, drawn.get(edge.id), boxes, path)),
    ),
  );
}
