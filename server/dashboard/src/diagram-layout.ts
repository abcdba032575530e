/**
 * ELK's layout of a statechart, computed once per kind. The bundled ELK runs in the page itself
 * (no worker, no eval), so the dashboard's CSP (script-src 'self') allows it.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Statechart } from '../../statechart';
import { elkGraphOf } from './diagram-graph';

const elk = new ELK();
const layouts = new Map<string, Promise<ElkNode>>();
const done = new Map<string, ElkNode>();

/** The laid-out graph if it is ready, so a re-render draws at once instead of flickering. */
export const readyLayout = (chart: Statechart): ElkNode | undefined => done.get(chart.kind);

export function layoutOf(chart: Statechart): Promise<ElkNode> {
  let layout = layouts.get(chart.kind);
  if (!layout) {
    layout = elk.layout(elkGraphOf(chart)).then((graph) => {
      done.set(chart.kind, graph);
      return graph;
    });
    layouts.set(chart.kind, layout);
  }
  return layout;
}
