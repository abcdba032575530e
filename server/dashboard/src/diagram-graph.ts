/**
 * The statechart as an ELK graph: every state a node (compound states hold their children),
 * every transition with a target an edge, and a small initial marker in each compound state.
 * Node sizes are estimated from the wrapped Dutch labels, so the layout leaves room for them.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Statechart, StatechartNode, StatechartTransition } from '../../statechart';

export const INITIAL_SUFFIX = '#begin';
const CHAR_WIDTH = 7;
const LINE_HEIGHT = 15;
const EDGE_CHAR_WIDTH = 6;
const EDGE_LINE_HEIGHT = 13;

/** Words broken into lines of at most `width` characters (a longer word keeps its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

export const nodeLines = (node: StatechartNode) => wrap(node.label, node.children.length ? 34 : 22);
export const edgeLines = (transition: StatechartTransition) =>
  wrap(`${transition.label}${transition.guarded ? ' [voorwaarde]' : ''}`, 22);

/** One drawn transition: the chart's transition, from its node to one of its targets. */
export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  transition: StatechartTransition;
}

const contains = (outer: string, inner: string) =>
  outer === '' || inner === outer || inner.startsWith(`${outer}.`);

/**
 * The edges ELK can draw: a transition from a state into its own descendant or ancestor (a
 * reset of a region) has no line between two separate boxes; the text list still names it.
 */
export function diagramEdges(root: StatechartNode): DiagramEdge[] {
  const edges: DiagramEdge[] = [];
  const visit = (node: StatechartNode) => {
    node.transitions.forEach((transition, index) => {
      for (const target of transition.targets) {
        const selfLoop = target === node.path;
        if (!selfLoop && (contains(node.path, target) || contains(target, node.path))) continue;
        if (node.path === '') continue;
        edges.push({
          id: `${node.path}|${String(index)}|${target}`,
          source: node.path,
          target,
          transition,
        });
      }
    });
    node.children.forEach(visit);
  };
  visit(root);
  return edges;
}

function elkNode(node: StatechartNode): ElkNode {
  const lines = nodeLines(node);
  const textWidth = Math.max(...lines.map((line) => line.length)) * CHAR_WIDTH;
  if (node.children.length === 0) {
    return {
      id: node.path,
      width: Math.max(90, textWidth + 20),
      height: lines.length * LINE_HEIGHT + 18,
    };
  }
  const header = lines.length * LINE_HEIGHT + 14;
  return {
    id: node.path,
    layoutOptions: {
      'elk.padding': `[top=${String(header + 8)},left=12,bottom=12,right=12]`,
      'elk.nodeSize.minimum': `(${String(textWidth + 30)}, ${String(header + 30)})`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
    },
    children: childrenOf(node),
  };
}

function childrenOf(node: StatechartNode): ElkNode[] {
  const children = node.children.map(elkNode);
  if (node.initial !== undefined && node.type !== 'parallel') {
    children.unshift({ id: `${node.path}${INITIAL_SUFFIX}`, width: 14, height: 14 });
  }
  return children;
}

function elkEdge(edge: DiagramEdge): ElkExtendedEdge {
  const lines = edgeLines(edge.transition);
  return {
    id: edge.id,
    sources: [edge.source],
    targets: [edge.target],
    labels: [
      {
        id: `${edge.id}#label`,
        text: lines.join('\n'),
        width: Math.max(...lines.map((line) => line.length)) * EDGE_CHAR_WIDTH + 6,
        height: lines.length * EDGE_LINE_HEIGHT + 2,
      },
    ],
  };
}

function initialEdges(node: StatechartNode): ElkExtendedEdge[] {
  const own =
    node.initial !== undefined && node.type !== 'parallel'
      ? [
          {
            id: `${node.path}${INITIAL_SUFFIX}|edge`,
            sources: [`${node.path}${INITIAL_SUFFIX}`],
            targets: [node.path ? `${node.path}.${node.initial}` : node.initial],
          },
        ]
      : [];
  return [...own, ...node.children.flatMap(initialEdges)];
}

/** The whole chart as one ELK graph; the root stands for the process and is not drawn. */
export function elkGraphOf(chart: Statechart): ElkNode {
  return {
    id: '',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      // One direction for the whole hierarchy (ELK lays out INCLUDE_CHILDREN graphs as one):
      // steps follow each other downwards, regions and alternatives sit side by side.
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.nodeNode': '24',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.padding': '[top=8,left=8,bottom=8,right=8]',
    },
    children: childrenOf(chart.root),
    edges: [...diagramEdges(chart.root).map(elkEdge), ...initialEdges(chart.root)],
  };
}
