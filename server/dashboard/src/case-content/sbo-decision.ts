/**
 * A decision of the SBO (seed §6.3): the proposal and its category, the governments' responses
 * (who supports, who objects), the OGB Beheer's consensus where it is needed, and the decision.
 */
import type { SboDecisionContext } from '../../../../machines/sbo-decision/types';
import type { ProcessView } from '../../../../workflows/contract';
import { h } from '../dom';
import { block, facts, partyName, prose, signed, table, when } from './parts';

const responseNames = { support: 'steunt', object: 'maakt bezwaar' } as const;
const decisionNames = { adopt: 'vastgesteld', reject: 'afgewezen' } as const;
const outcomeNames: Record<string, string> = {
  adopted: 'aangenomen',
  rejected: 'verworpen',
  undecided: 'geen besluit',
};

export function sboDecisionContent(view: ProcessView): HTMLElement[] {
  const c = view.context as unknown as SboDecisionContext & {
    categoryLabel?: string;
    decisionTypeLabel?: string;
  };
  const responses = Object.values(c.responses);
  return [
    block(
      'Voorstel van de SBO',
      facts([
        ['Onderwerp', c.subject],
        ['Soort besluit', c.decisionTypeLabel ?? c.decisionType],
        ['Categorie', c.categoryLabel ?? String(c.category)],
        ['Vergadering OGB Beheer', c.meetingDate ? when(c.meetingDate) : ''],
        ['Reacties uiterlijk', c.responseDue ? when(c.responseDue) : ''],
        ['Te informeren', c.notify.map(partyName).join(', ')],
      ]),
      prose(c.proposal),
    ),
    responses.length || c.category === 2
      ? block(
          'Reacties van de overheden',
          responses.length
            ? table(
                'Reacties',
                ['Partij', 'Reactie', 'Door', 'Toelichting'],
                responses.map((r) => [
                  partyName(r.party),
                  responseNames[r.position],
                  `${r.by}, ${when(r.at)}`,
                  r.note || '—',
                ]),
              )
            : h('p', {}, 'Nog geen reacties.'),
          c.consultationClosed ? h('p', { class: 'case-meta' }, 'De consultatie is gesloten.') : '',
        )
      : '',
    c.consensus
      ? block(
          'Consensus in het OGB Beheer',
          h(
            'p',
            {},
            `${outcomeNames[c.consensus.outcome] ?? c.consensus.outcome} op ${when(c.consensus.decidedAt)}`,
          ),
        )
      : '',
    block(
      'Besluit',
      c.decision
        ? h(
            'p',
            {},
            `${decisionNames[c.decision.decision]} ${signed(c.decision)}`,
            c.decision.note ? `: ${c.decision.note}` : '',
          )
        : h('p', {}, c.escalationNeeded ? 'Het geschil is geëscaleerd.' : 'Nog niet besloten.'),
    ),
  ].filter((b): b is HTMLElement => b !== '');
}
