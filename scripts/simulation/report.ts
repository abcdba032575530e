/** The timeline as one self-contained HTML page: no scripts, no external styles or fonts. */
import { amsterdamYear, type ItemKind, type TimelineItem } from './timeline';

export interface ReportSummary {
  options: Record<string, unknown>;
  processes: number;
  counts: Record<ItemKind, number>;
  wallSeconds: number;
  phases: { phase: string; steps: number; wallSeconds: number }[];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

const when = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const kindLabels: Record<ItemKind, string> = {
  start: 'gestart',
  decision: 'besluit / gebeurtenis',
  deadline: 'termijn',
  reminder: 'herinnering',
  overdue: 'over de termijn',
  met: 'termijn afgesloten',
  end: 'afgerond',
};

const style = `
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.kind{font-size:12px;padding:0 .4rem;border-radius:3px;white-space:nowrap}
.k-deadline{background:#e8eefc}.k-reminder{background:#fff4d6}.k-overdue{background:#fde2e1}
.k-decision{background:#e6f4ea}.k-met{background:#eef}.k-start,.k-end{background:#eee}
td.date{white-space:nowrap;font-variant-numeric:tabular-nums}`;

function row(item: TimelineItem): string {
  return (
    `<tr class="item" data-kind="${item.kind}"><td class="date"><time datetime="${escape(item.at)}">${escape(when.format(new Date(item.at)))}</time></td>` +
    `<td>${escape(item.processId)}</td>` +
    `<td><span class="kind k-${item.kind}">${escape(kindLabels[item.kind])}</span> ${escape(item.what)}</td>` +
    `<td>${escape(item.who)}</td></tr>`
  );
}

export function renderReport(items: readonly TimelineItem[], summary: ReportSummary): string {
  const years = new Map<number, TimelineItem[]>();
  for (const item of items) {
    const year = amsterdamYear(item.at);
    years.set(year, [...(years.get(year) ?? []), item]);
  }
  const sections = [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(
      ([year, list]) =>
        `<section id="y${year}"><h2>${year} <small>(${list.length})</small></h2>` +
        `<table><thead><tr><th>datum</th><th>proces</th><th>wat</th><th>wie</th></tr></thead>` +
        `<tbody>${list.map(row).join('')}</tbody></table></section>`,
    )
    .join('\n');
  const counts = Object.entries(summary.counts)
    .map(([kind, n]) => `<li>${escape(kindLabels[kind as ItemKind])}: ${n}</li>`)
    .join('');
  const phases = summary.phases
    .map((p) => `<li>${escape(p.phase)}: ${p.steps} stappen, ${p.wallSeconds.toFixed(1)} s</li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Simulatie Beheerarrangement DSO-LV 2019–2028</title>
<style>${style}</style></head><body>
<h1>Simulatie Beheerarrangement DSO-LV 2019–2028</h1>
<p>Opties: <code>${escape(JSON.stringify(summary.options))}</code>. ${summary.processes} processen,
${items.length} items, ${summary.wallSeconds.toFixed(1)} s wandkloktijd.</p>
<ul class="counts">${counts}</ul><ul class="phases">${phases}</ul>
<nav>${[...years.keys()]
    .sort((a, b) => a - b)
    .map((y) => `<a href="#y${y}">${y}</a>`)
    .join(' · ')}</nav>
${sections}
</body></html>
`;
}
