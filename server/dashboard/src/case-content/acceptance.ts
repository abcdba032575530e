/**
 * An acceptance of one provision: the TBO's advice, the criteria the OGB Beheer fixed, every
 * verdict with its findings and who gave it, the repairs and their development cost, and the
 * acceptances and agreement that follow.
 */
import type { AcceptanceContext, Verdict } from '../../../../machines/acceptance/types';
import type { ProcessView } from '../../../../workflows/contract';
import { h } from '../dom';
import { block, euros, facts, prose, roleNames, signed, table, when } from './parts';

const phaseNames = { phase1: 'Fase 1', phase2: 'Fase 2' } as const;
const outcomeNames = { positive: '✓ positief', negative: '✗ negatief' } as const;

type Names = (assessment: string) => string;

/** A repair's finding as the machine records it, "ogb/readyForUse: …", in the page's words. */
function findingText(finding: string, assessmentName: Names): string {
  const match = /^(\w+)\/(\w+): ([\s\S]*)$/.exec(finding);
  if (!match) return finding;
  const [, body = '', assessment = '', text = ''] = match;
  return `${roleNames[body] ?? body} over ${assessmentName(assessment)}: ${text}`;
}

function verdictRows(log: Verdict[], assessmentName: Names) {
  return [...log]
    .reverse()
    .map((v) => [
      assessmentName(v.assessment),
      `${roleNames[v.body] ?? v.body} (${v.by})`,
      outcomeNames[v.outcome],
      v.findings || '—',
      `${phaseNames[v.phase]}, ronde ${String(v.round)}`,
      when(v.at),
    ]);
}

function acceptances(
  title: string,
  given: AcceptanceContext['provisionalAcceptance'],
): HTMLElement | string {
  const entries = Object.entries(given);
  if (entries.length === 0) return '';
  return block(
    title,
    h(
      'ul',
      {},
      entries.map(([body, record]) =>
        h(
          'li',
          {},
          `${roleNames[body] ?? body} ${signed(record)}`,
          record.note ? `: ${record.note}` : '',
        ),
      ),
    ),
  );
}

export function acceptanceContent(view: ProcessView): HTMLElement[] {
  const c = view.context as unknown as AcceptanceContext & {
    assessmentLabels?: Record<string, string>;
  };
  // The context names the assessments (machines/acceptance/definition.ts publicContext).
  const assessmentName: Names = (assessment) => c.assessmentLabels?.[assessment] ?? assessment;
  const blocks: (HTMLElement | string)[] = [
    block(
      'Voorziening',
      facts([
        ['Voorziening', c.provision.name],
        ['Gereed gemeld', `${when(c.readyReport.reportedOn)} (door ${c.readyReport.by})`],
        ['Toelichting', c.readyReport.note],
        ['Fase', phaseNames[c.phase]],
      ]),
    ),
    block(
      'Advies van de TBO over de criteria',
      c.criteriaAdvice
        ? [
            h('p', { class: 'case-meta' }, `Gegeven ${signed(c.criteriaAdvice)}`),
            prose(c.criteriaAdvice.advice),
          ]
        : h('p', {}, 'Nog geen advies gegeven.'),
    ),
    block(
      'Vastgestelde beoordelingscriteria',
      c.criteria
        ? [
            h('p', { class: 'case-meta' }, `Vastgesteld ${signed(c.criteria)}`),
            table(
              'Beoordelingscriteria',
              ['Beoordeling', 'Criterium'],
              Object.entries(c.criteria.perAssessment).map(([a, text]) => [
                assessmentName(a),
                text,
              ]),
            ),
          ]
        : h('p', {}, 'De criteria zijn nog niet vastgesteld.'),
    ),
    block(
      'Oordelen',
      c.verdictLog.length
        ? table(
            'Oordelen',
            ['Beoordeling', 'Door', 'Oordeel', 'Bevindingen', 'Fase en ronde', 'Moment'],
            verdictRows(c.verdictLog, assessmentName),
          )
        : h('p', {}, 'Nog geen oordelen gegeven.'),
    ),
    c.repairs.length
      ? block(
          'Herstel (ontwikkelkosten)',
          table(
            'Herstel',
            ['Ronde', 'Gebreken', 'Opgeleverd', 'Ontwikkelkosten', 'Opnieuw aangeboden'],
            c.repairs.map((r) => [
              `${phaseNames[r.phase]}, ronde ${String(r.round)}`,
              r.findings.map((f) => findingText(f, assessmentName)).join(' · ') ||
                r.assessments.map(assessmentName).join(', '),
              r.delivered ? `${r.delivered.summary} (${signed(r.delivered)})` : 'nog niet',
              r.delivered ? euros(r.delivered.developmentCostCents) : '—',
              r.resubmitted ? signed(r.resubmitted) : 'nog niet',
            ]),
          ),
          h(
            'p',
            { class: 'case-meta' },
            `Totaal ontwikkelkosten van herstel: ${euros(c.repairs.reduce((sum, r) => sum + (r.delivered?.developmentCostCents ?? 0), 0))} (geen beheerkosten).`,
          ),
        )
      : '',
    acceptances('Voorlopige acceptatie', c.provisionalAcceptance),
    c.transfer || c.agreement || c.agreementSigned
      ? block(
          'Overdracht en afspraken over operationeel beheer',
          facts([
            [
              'Overdracht',
              c.transfer ? `aan ${c.transfer.operationalManager} ${signed(c.transfer)}` : '',
            ],
            [
              'Afspraken voorbereid',
              c.agreement ? `${c.agreement.summary} (${signed(c.agreement)})` : '',
            ],
            [
              'Afspraken getekend',
              c.agreementSigned
                ? `op ${when(c.agreementSigned.signedOn)}: ${c.agreementSigned.summary}`
                : '',
            ],
          ]),
        )
      : '',
    acceptances('Definitieve acceptatie', c.definitiveAcceptance),
    block(
      'Beheerkosten',
      facts([
        [
          'Tellen vanaf',
          c.managementCosts.since ? when(c.managementCosts.since) : 'nog niet bekend',
        ],
        ['Reden', c.managementCosts.reason],
      ]),
    ),
  ];
  return blocks.filter((b): b is HTMLElement => b !== '');
}
