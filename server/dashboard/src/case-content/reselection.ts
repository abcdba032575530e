/**
 * A re-selection of the TBO and OBOs for the next term: its calendar, the approach and rules on
 * the OGB Beheer's table, the evaluations with the budget in euros, the proposal and who consents,
 * and the decisions that ratify it.
 */
import type { ReselectionContext } from '../../../../machines/reselection/types';
import type { ProcessView } from '../../../../workflows/contract';
import { h } from '../dom';
import { block, deadlineText, euros, facts, prose, signed, table, when, yesNo } from './parts';

const outcomeNames: Record<string, string> = {
  adopted: 'aangenomen',
  rejected: 'verworpen',
  undecided: 'geen besluit',
  failed: 'mislukt',
};

export function reselectionContent(view: ProcessView): HTMLElement[] {
  const c = view.context as unknown as ReselectionContext;
  const proposal = c.proposals.at(-1);
  const drafts = Object.values(c.drafts);
  return [
    block(
      'Termijn en kalender',
      facts([
        ['Huidige termijn', `${String(c.currentTerm.from)}–${String(c.currentTerm.to)}`],
        ['Nieuwe termijn', `${String(c.nextTerm.from)}–${String(c.nextTerm.to)}`],
        ['Regels en criteria', deadlineText(view.deadlines, 'rules') ?? ''],
        ['Evaluatie', deadlineText(view.deadlines, 'evaluation') ?? ''],
        ['Vergadering OGB Beheer', when(c.dates.ogbMeetingDate)],
        ['Besluit OGB Beheer', deadlineText(view.deadlines, 'ogbDecision') ?? ''],
        ['Vergadering BO', when(c.dates.boMeetingDate)],
        ['Bekrachtiging BO', deadlineText(view.deadlines, 'boRatification') ?? ''],
        [
          'Start nieuwe termijn',
          deadlineText(view.deadlines, 'termStart') ?? when(c.dates.termStart),
        ],
      ]),
    ),
    drafts.length
      ? block(
          'Op tafel bij het OGB Beheer',
          drafts.map((d) =>
            h(
              'div',
              {},
              h(
                'p',
                { class: 'case-meta' },
                `${d.topic === 'approach' ? 'Aanpak' : 'Regels en criteria'}, ingebracht ${signed(d)}, te besluiten op ${when(d.meetingDate)}`,
              ),
              d.topic === 'approach' ? prose(d.note) : [prose(d.rules), prose(d.criteria)],
            ),
          ),
        )
      : '',
    c.approach || c.rules
      ? block(
          'Aanpak en regels',
          facts([
            [
              'Aanpak',
              c.approach ? `${c.approach.note} (${signed(c.approach)})` : 'nog niet vastgesteld',
            ],
            ['Regels', c.rules?.rules ?? 'nog niet vastgesteld'],
            ['Criteria', c.rules?.criteria ?? ''],
          ]),
        )
      : '',
    c.evaluation || c.budgetEvaluation
      ? block(
          'Evaluaties',
          facts([
            [
              'Bevindingen TBO en OBO’s',
              c.evaluation ? `${c.evaluation.findings} (${signed(c.evaluation)})` : '',
            ],
            ['Taakverdeling', c.evaluation?.taskDivision ?? ''],
            [
              'Taakbudget per jaar',
              c.budgetEvaluation
                ? `${euros(c.budgetEvaluation.yearlyBudgetCents)} voor ${c.budgetEvaluation.period}`
                : '',
            ],
            ['Bevindingen budget', c.budgetEvaluation?.findings ?? ''],
          ]),
        )
      : '',
    block(
      'VNG',
      facts([
        ['Doet mee aan de selectie', yesNo(c.vng.joins)],
        ['Gevraagd voor de TBO-rol', c.vng.askedForTboRole ? signed(c.vng.askedForTboRole) : ''],
        ['Aanvaardt de TBO-rol', c.vng.askedForTboRole ? yesNo(c.vng.acceptsTboRole) : ''],
      ]),
    ),
    proposal
      ? block(
          'Voorstel',
          facts([
            ['TBO', proposal.tbo],
            ['OBO’s', proposal.obos.join(', ')],
            ['Wisseling van TBO', yesNo(proposal.changeOfTbo)],
            ['Ingediend', `${signed(proposal)}, ronde ${String(proposal.round)}`],
          ]),
          prose(proposal.motivation),
          table(
            'Instemming',
            ['Organisatie', 'Stemt in', 'Door', 'Toelichting'],
            c.consents
              .filter((x) => x.round === proposal.round)
              .map((x) => [
                x.organisation,
                yesNo(x.consents),
                `${x.by}, ${when(x.at)}`,
                x.note || '—',
              ]),
          ),
        )
      : '',
    c.ogbDecision || c.boRatification || c.escalation
      ? block(
          'Besluitvorming',
          facts([
            [
              'OGB Beheer',
              c.ogbDecision
                ? `${outcomeNames[c.ogbDecision.outcome] ?? c.ogbDecision.outcome} op ${when(c.ogbDecision.decidedAt)}`
                : '',
            ],
            [
              'Bestuurlijk Overleg',
              c.boRatification
                ? `${outcomeNames[c.boRatification.outcome] ?? c.boRatification.outcome} op ${when(c.boRatification.decidedAt)}`
                : '',
            ],
            [
              'Escalatie',
              c.escalation
                ? `${c.escalation.reason} (${when(c.escalation.at)})${c.escalation.outcome ? `: ${c.escalation.outcome}` : ''}`
                : '',
            ],
          ]),
        )
      : '',
  ].filter((b): b is HTMLElement => b !== '');
}
