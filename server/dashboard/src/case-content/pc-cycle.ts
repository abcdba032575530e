/**
 * A year's planning-and-control cycle: the OGB Beheer's meetings, the documents and what became of
 * them, the budgets, and what each government contributes this year and next, in euros.
 */
import type { Contributions } from '../../../../machines/pc-cycle/contributions';
import type { PcCycleContext } from '../../../../machines/pc-cycle/types';
import type { ProcessView } from '../../../../workflows/contract';
import { h } from '../dom';
import { block, euros, facts, partyName, signed, table, when } from './parts';

type PcCycleView = Omit<PcCycleContext, 'cadence' | 'olderRules'> & {
  ogbMeetings: string[];
  documentLabels?: Record<string, string>;
  contributions: { thisYear: Contributions; nextYear: Contributions };
};

function contributionTable(contributions: Contributions): HTMLElement {
  const label = `Bijdragen ${String(contributions.year)}`;
  return h(
    'div',
    {},
    table(
      label,
      ['Partij', 'Aandeel', 'Bijdrage', 'Betaalroute'],
      [
        ...contributions.parties.map((p) => [
          partyName(p.party),
          `${String(p.statedShareBp / 100).replace('.', ',')} %`,
          euros(p.indexedCents),
          p.route,
        ]),
        [
          'Totaal',
          '',
          euros(contributions.totalCents),
          `plafond ${euros(contributions.ceilingCents)}${contributions.withinCeiling ? '' : ' — overschreden'}`,
        ],
      ],
    ),
    contributions.provisional
      ? h(
          'p',
          { class: 'case-meta' },
          `Voorlopig: de indexcijfers van ${contributions.missingIndexYears.join(', ')} zijn nog niet bekend.`,
        )
      : '',
  );
}

export function pcCycleContent(view: ProcessView): HTMLElement[] {
  const c = view.context as unknown as PcCycleView;
  const labels = c.documentLabels ?? {};
  return [
    block(
      `Vergaderingen OGB Beheer in ${String(c.year)}`,
      h(
        'ul',
        { class: 'case-dates' },
        c.ogbMeetings.map((date) => h('li', {}, when(date))),
      ),
    ),
    block(
      'Documenten',
      table(
        'Documenten',
        ['Document', 'Ingediend', 'Besproken of vastgesteld', 'Besluiten'],
        Object.entries(c.documents).map(([id, d]) => [
          labels[id] ?? id,
          d.submitted ? `${d.submitted.summary} (${signed(d.submitted)})` : 'nog niet',
          d.concluded
            ? `${signed(d.concluded)}${d.concluded.note ? `: ${d.concluded.note}` : ''}`
            : 'nog niet',
          d.decisions.length
            ? d.decisions
                .map((x) => `${x.outcome}${x.postponed ? ' (uitgesteld)' : ''}, ${when(x.at)}`)
                .join('; ')
            : '—',
        ]),
      ),
    ),
    c.tboBudget || c.obos.some((o) => o.plan || o.fixedBudget)
      ? block(
          'Begrotingen',
          facts([
            ['TBO tactisch beheer', c.tboBudget ? euros(c.tboBudget.tacticalCents) : ''],
            ['TBO operationeel beheer', c.tboBudget ? euros(c.tboBudget.operationalCents) : ''],
          ]),
          table(
            'Begrotingen OBO’s',
            ['Organisatie', 'Begroting ingediend', 'Vastgesteld'],
            c.obos.map((o) => [
              o.organisation,
              o.plan ? euros(o.plan.budgetCents) : 'nog niet',
              o.fixedBudget
                ? `${euros(o.fixedBudget.budgetCents)} (${signed(o.fixedBudget)})`
                : 'nog niet',
            ]),
          ),
        )
      : '',
    block(
      'Bijdragen per overheid',
      contributionTable(c.contributions.thisYear),
      contributionTable(c.contributions.nextYear),
    ),
    c.progress.length || c.boAccountability
      ? block(
          'Voortgang en verantwoording',
          h(
            'ul',
            {},
            c.progress.map((p) =>
              h('li', {}, `Voortgang besproken ${signed(p)}${p.note ? `: ${p.note}` : ''}`),
            ),
            c.boAccountability
              ? h('li', {}, `Verantwoording SBO besproken in het BO ${signed(c.boAccountability)}`)
              : '',
          ),
        )
      : '',
  ].filter((b): b is HTMLElement => b !== '');
}
