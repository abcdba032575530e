/** The timeline as one self-contained HTML page: no scripts, no external styles or fonts. */
import { amsterdamYear, type ItemKind, type TimelineItem } from './timeline';

export interface ReportSummary {
  options: Record<string, unknown>;
  processes: number;
  counts: Record<ItemKind, number>;
  wallSeconds: number;
  phases: { phase: string; steps: number; wallSeconds: number }[];
  /** The governments' contributions per P&C year (cents), from the P&C cycles' views. */
  contributions?: {
    year: number;
    parties: { label: string; cents: number }[];
    totalCents: number;
  }[];
}

const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const KINDS: ItemKind[] = ['start', 'decision', 'deadline', 'reminder', 'overdue', 'met', 'end'];
const COLOURS: Record<ItemKind, string> = {
  start: '#9e9e9e',
  decision: '#2e7d32',
  deadline: '#154273',
  reminder: '#c99700',
  overdue: '#b00020',
  met: '#5c6bc0',
  end: '#424242',
};

/** Per year: a stacked bar of what happened, as an SVG picture with a text equivalent. */
function yearChart(years: [number, TimelineItem[]][]): string {
  const max = Math.max(1, ...years.map(([, list]) => list.length));
  const barWidth = 48;
  const height = 220;
  const bars = years
    .map(([year, list], index) => {
      let y = height;
      const x = 40 + index * (barWidth + 16);
      const parts = KINDS.map((kind) => {
        const n = list.filter((i) => i.kind === kind).length;
        const h = (n / max) * (height - 20);
        y -= h;
        return n
          ? `<rect x="${x}" y="${y.toFixed(1)}" width="${barWidth}" height="${h.toFixed(1)}" fill="${COLOURS[kind]}"><title>${year}: ${escape(kindLabels[kind])} ${n}</title></rect>`
          : '';
      }).join('');
      return `${parts}<text x="${x + barWidth / 2}" y="${height + 16}" text-anchor="middle">${year}</text><text x="${x + barWidth / 2}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="11">${list.length}</text>`;
    })
    .join('');
  const width = 40 + years.length * (barWidth + 16);
  const legend = KINDS.map(
    (kind) =>
      `<li><span class="swatch" style="background:${COLOURS[kind]}"></span>${escape(kindLabels[kind])}</li>`,
  ).join('');
  return (
    `<figure><svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${height + 24}" width="${width}" height="${height + 24}" font-family="system-ui,sans-serif" font-size="12">` +
    `<title id="chart-title">Tijdlijn: wat er per jaar gebeurde</title>${bars}</svg>` +
    `<figcaption><ul class="legend">${legend}</ul></figcaption></figure>`
  );
}

/** Per year in words: started, decided, verdicts, deadlines, overdue, ended. */
function yearOverview(years: [number, TimelineItem[]][]): string {
  return years
    .map(([year, list]) => {
      const count = (test: (i: TimelineItem) => boolean) => list.filter(test).length;
      const facts = [
        `${count((i) => i.kind === 'start')} gestart`,
        `${count((i) => i.kind === 'decision')} besluiten en gebeurtenissen`,
        `${count((i) => i.what.startsWith('VERDICT'))} oordelen`,
        `${count((i) => i.what.startsWith('POSITION') || i.what.startsWith('VOTE'))} standpunten`,
        `${count((i) => i.kind === 'end' && i.processId.startsWith('decision:'))} besluiten genomen`,
        `${count((i) => i.kind === 'deadline')} termijnen`,
        `${count((i) => i.kind === 'overdue')} over de termijn`,
        `${count((i) => i.kind === 'end')} afgerond`,
      ];
      return `<li><a href="#y${year}">${year}</a>: ${facts.join(', ')}</li>`;
    })
    .join('');
}

function contributionList(summary: ReportSummary): string {
  if (!summary.contributions?.length) return '';
  const years = summary.contributions
    .map(
      (c) =>
        `<dt>${c.year}</dt><dd>${c.parties.map((p) => `${escape(p.label)} ${euros.format(p.cents / 100)}`).join(' · ')}; totaal ${euros.format(c.totalCents / 100)}</dd>`,
    )
    .join('');
  return `<h2>Bijdragen van de overheden</h2><dl class="money">${years}</dl>`;
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
td.date{white-space:nowrap;font-variant-numeric:tabular-nums}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0}
.swatch{display:inline-block;width:.9rem;height:.9rem;margin-right:.3rem;vertical-align:middle}
figure{margin:0;overflow-x:auto}.money dt{font-weight:600}.money dd{margin:0 0 .4rem}`;

function row(item: TimelineItem): string {
  return (
    `<tr class="item" data-kind="${item.kind}"><td class="date"><time datetime="${escape(item.at)}">${escape(when.format(new Date(item.at)))}</time></td>` +
    `<td>${escape(item.processId)}</td>` +
    `<td><span class="kind k-${item.kind}">${escape(kindLabels[item.kind])}</span> ${escape(item.text)}</td>` +
    `<td>${escape(item.who)}</td></tr>`
  );
}

export function renderReport(items: readonly TimelineItem[], summary: ReportSummary): string {
  const years = new Map<number, TimelineItem[]>();
  for (const item of items) {
    const year = amsterdamYear(item.at);
    years.set(year, [...(years.get(year) ?? []), item]);
  }
  const sorted = [...years.entries()].sort(([a], [b]) => a - b);
  const sections = sorted
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
<h2>Per jaar</h2>
${yearChart(sorted)}
<ul class="years">${yearOverview(sorted)}</ul>
${contributionList(summary)}
<h2>Totalen</h2>
<ul class="counts">${counts}</ul><ul class="phases">${phases}</ul>
<nav>${[...years.keys()]
    .sort((a, b) => a - b)
    .map((y) => `<a href="#y${y}">${y}</a>`)
    .join(' · ')}</nav>
${sections}
</body></html>
`;
}
