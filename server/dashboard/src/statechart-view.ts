/**
 * A run's statechart: the diagram (ELK layout, SVG) with the current states and the path taken,
 * a legend, and the same chart as a list for screen readers (shown on request for everyone).
 */
import type { ProcessView } from '../../../workflows/contract';
import type { Statechart } from '../../statechart';
import { diagramEdges } from './diagram-graph';
import { fullHistory } from './diagram-history';
import { layoutOf, readyLayout } from './diagram-layout';
import { takenPath } from './diagram-path';
import { diagramSvg } from './diagram-svg';
import { h } from './dom';
import { statechartList } from './statechart-list';

/** Kept across the page's re-renders, so a refresh neither hides the list nor scrolls back. */
const shown = { list: false, scrollLeft: 0 };
const histories = new Map<string, Awaited<ReturnType<typeof fullHistory>>>();

function legend(): HTMLElement {
  const item = (cls: string, text: string) =>
    h('li', {}, h('span', { class: `dg-key ${cls}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { class: 'dg-legend', 'aria-label': 'Legenda' },
    item('dg-key-current', 'huidige toestand (met "nu")'),
    item('dg-key-visited', 'eerder doorlopen'),
    item('dg-key-taken', 'gevolgde overgang (dik, met aantal)'),
    item('dg-key-initial', 'begintoestand'),
    item('dg-key-region', 'onderdelen die tegelijk lopen (gestreept)'),
  );
}

/** The chart with the view's active leaf paths (`view.state`) and its path taken. */
export function statechartView(
  chart: Statechart,
  active: readonly string[],
  view?: ProcessView,
): HTMLElement {
  const edges = diagramEdges(chart.root);
  const history = (view && histories.get(view.id)) ?? view?.history ?? [];
  const path = takenPath(history, edges);
  const deadlines = Object.fromEntries((view?.deadlines ?? []).map((d) => [d.id, d.label]));
  const scroller = h('div', {
    class: 'dg-scroll',
    tabindex: '0',
    role: 'region',
    'aria-label': 'Diagram (schuifbaar)',
  });
  scroller.addEventListener('scroll', () => (shown.scrollLeft = scroller.scrollLeft));
  const draw = () => {
    const layout = readyLayout(chart);
    if (!layout) return false;
    scroller.replaceChildren(diagramSvg(chart, layout, active, path));
    requestAnimationFrame(() => (scroller.scrollLeft = shown.scrollLeft));
    return true;
  };
  if (!draw()) {
    scroller.replaceChildren(h('p', { role: 'status' }, 'Het diagram wordt getekend…'));
    layoutOf(chart)
      .then(draw)
      .catch(() =>
        scroller.replaceChildren(h('p', {}, 'Het diagram kon niet worden getekend; zie de lijst.')),
      );
  }
  if (view) {
    // The paged history replaces the view's last entries when it has more of them.
    void fullHistory(view).then((entries) => {
      if (entries.length <= history.length) return;
      histories.set(view.id, entries);
      const longer = takenPath(entries, edges);
      path.visited = longer.visited;
      path.taken = longer.taken;
      draw();
    });
  }
  const list = h(
    'div',
    { class: shown.list ? 'sc-list' : 'sc-list visually-hidden', id: 'sc-list' },
    h('h3', {}, 'Toestanden en overgangen'),
    statechartList(chart, active, path, deadlines),
  );
  const toggle = h(
    'button',
    { type: 'button', 'aria-controls': 'sc-list', 'aria-expanded': String(shown.list) },
    shown.list ? 'Verberg de lijst' : 'Toon als lijst',
  );
  toggle.addEventListener('click', () => {
    shown.list = !shown.list;
    list.classList.toggle('visually-hidden', !shown.list);
    toggle.setAttribute('aria-expanded', String(shown.list));
    toggle.textContent = shown.list ? 'Verberg de lijst' : 'Toon als lijst';
  });
  return h('div', { class: 'sc-view' }, scroller, legend(), toggle, list);
}
