/**
 * The acceptance programme of DSO-LV as a whole: its provisions and their ready reports (the
 * matrix of verdicts is shown beside this, matrix-view.ts), the defects of the whole and their
 * repair cost, the acceptance of the whole, the extension protocol and the discharge.
 */
import type { ProgrammeContext } from '../../../../machines/acceptance-programme/types';
import type { ProcessView } from '../../../../workflows/contract';
import { h } from '../dom';
import { block, euros, facts, prose, roleNames, signed, table, when } from './parts';

type ProgrammeView = Pick<ProgrammeContext, 'programme' | 'provisions' | 'extensionProtocol'> & {
  whole: {
    acceptance: ProgrammeContext['wholeAcceptance'];
    defects: ProgrammeContext['wholeDefects'];
    discharge: ProgrammeContext['discharge'];
  };
};

export function acceptanceProgrammeContent(view: ProcessView): HTMLElement[] {
  const c = view.context as unknown as ProgrammeView;
  const accepted = Object.entries(c.whole.acceptance);
  const costs = c.whole.defects.reduce(
    (sum, d) => sum + (d.repaired?.developmentCostCents ?? 0),
    0,
  );
  return [
    block(
      'Voorzieningen',
      table(
        'Voorzieningen',
        ['Voorziening', 'Gereed gemeld', 'Stand'],
        c.provisions.map((p) => [
          p.childId
            ? h('a', { href: `#/process/${encodeURIComponent(p.childId)}` }, p.name)
            : p.name,
          p.readyReport
            ? `${when(p.readyReport.readyReportedOn ?? p.readyReport.at)} ${signed(p.readyReport)}`
            : 'nog niet',
          p.summary ?? '—',
        ]),
      ),
    ),
    c.whole.defects.length
      ? block(
          'Gebreken in het geheel en herstel',
          table(
            'Gebreken in het geheel',
            ['Ronde', 'Gebreken', 'Gemeld', 'Hersteld', 'Ontwikkelkosten'],
            c.whole.defects.map((d) => [
              String(d.round),
              d.findings,
              signed(d),
              d.repaired ? `${d.repaired.summary} (${signed(d.repaired)})` : 'nog niet',
              d.repaired ? euros(d.repaired.developmentCostCents) : '—',
            ]),
          ),
          h('p', { class: 'case-meta' }, `Totaal ontwikkelkosten van herstel: ${euros(costs)}.`),
        )
      : '',
    block(
      'Acceptatie van het geheel',
      accepted.length
        ? h(
            'ul',
            {},
            accepted.map(([body, record]) =>
              h(
                'li',
                {},
                `${roleNames[body] ?? body} ${signed(record)}`,
                record.note ? `: ${record.note}` : '',
              ),
            ),
          )
        : h('p', {}, 'Nog niet geaccepteerd.'),
    ),
    c.extensionProtocol || c.whole.discharge
      ? block(
          'Uitbreidingsprotocol en decharge',
          facts([
            ['Uitbreidingsprotocol', c.extensionProtocol ? signed(c.extensionProtocol) : ''],
            ['Decharge programma', c.whole.discharge ? when(c.whole.discharge.at) : ''],
          ]),
          prose(c.extensionProtocol?.summary),
        )
      : '',
  ].filter((b): b is HTMLElement => b !== '');
}
