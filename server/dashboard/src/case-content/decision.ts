/**
 * A consensus decision of the OGB Beheer or the BO: the proposal, the meeting and its chair, the
 * proxies, and which government took which position, how, and at which meeting.
 */
import type { DecisionContext, Position } from '../../../../machines/decision/types';
import type { ProcessView } from '../../../../workflows/contract';
import { h } from '../dom';
import { block, deadlineText, facts, partyName, prose, roleNames, table, when } from './parts';

const positionNames: Record<Position['position'], string> = {
  agree: 'stemt in',
  object: 'maakt bezwaar',
};
const howNames: Record<Position['how'], string> = {
  present: 'zelf, ter vergadering',
  proxy: 'bij volmacht',
  written: 'schriftelijk, aan de voorzitter',
};
const outcomeNames = { adopted: 'aangenomen', rejected: 'verworpen', undecided: 'geen besluit' };
const parties = ['rijk', 'vng', 'ipo', 'uvw'] as const;

function positionRows(positions: Partial<Record<string, Position>>, c: DecisionContext) {
  return parties.map((party) => {
    const p = positions[party];
    const proxy = c.proxies[party];
    return [
      partyName(party),
      p ? positionNames[p.position] : c.outcome ? 'geen standpunt' : 'nog geen standpunt',
      p ? howNames[p.how] : proxy ? `volmacht aan ${partyName(proxy.holder)}` : '—',
      p ? `${p.by}, ${when(p.at)}` : '—',
      p?.round ? `${String(p.round)}e vergadering` : '—',
      p?.note || '—',
    ];
  });
}

export function decisionContent(view: ProcessView): HTMLElement[] {
  const c = view.context as unknown as DecisionContext;
  const proxies = Object.entries(c.proxies);
  const bodyName = roleNames[c.body] ?? c.body;
  return [
    block(
      'Voorstel',
      facts([
        ['Onderwerp', c.subject],
        ['Orgaan', bodyName],
        ['Voorzitter', `${roleNames[c.chair.role] ?? c.chair.role} (${partyName(c.chair.party)})`],
      ]),
      prose(c.proposal),
    ),
    block(
      'Vergadering',
      facts([
        ['Vergaderdatum', when(c.meetingDate)],
        ['Besluit', deadlineText(view.deadlines, 'meeting') ?? ''],
        [
          'Tweede vergadering',
          c.secondMeetingDue
            ? (deadlineText(view.deadlines, 'secondMeeting') ?? when(c.secondMeetingDue))
            : '',
        ],
        ['Nu', `${String(c.round)}e vergadering`],
        [
          'Uitkomst',
          c.outcome ? `${outcomeNames[c.outcome]} op ${when(c.decidedAt)}` : 'nog niet besloten',
        ],
        ['Afwezig maar gebonden', c.boundAbsent.map(partyName).join(', ')],
      ]),
    ),
    proxies.length
      ? block(
          'Volmachten',
          h(
            'ul',
            {},
            proxies.map(([party, proxy]) =>
              h(
                'li',
                {},
                `${partyName(party)} machtigt ${partyName(proxy.holder)} (${when(proxy.at)})`,
              ),
            ),
          ),
        )
      : '',
    block(
      'Standpunten',
      table(
        'Standpunten',
        ['Partij', 'Standpunt', 'Hoe', 'Door', 'Vergadering', 'Toelichting'],
        positionRows(
          c.outcome ? Object.fromEntries(c.finalPositions.map((p) => [p.party, p])) : c.positions,
          c,
        ),
      ),
    ),
    c.meetings.length
      ? block(
          'Gehouden vergaderingen',
          h(
            'ul',
            {},
            c.meetings.map((m) =>
              h(
                'li',
                {},
                `${String(m.round)}e vergadering gesloten door ${m.closedBy} op ${when(m.closedAt)}`,
                m.absent.length ? `; afwezig: ${m.absent.map(partyName).join(', ')}` : '',
                m.note ? ` — ${m.note}` : '',
              ),
            ),
          ),
        )
      : '',
  ].filter((b): b is HTMLElement => b !== '');
}
