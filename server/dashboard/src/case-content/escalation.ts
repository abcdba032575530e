/**
 * An escalation (seed §8.1): what the dispute is about, the rung it is on and that rung's clock,
 * the rungs it passed, the BO's consultation rounds, and how it ended.
 */
// The machine's own types reach into working-days.ts (Node's require); the page keeps to this shape.
type Rung = 'principalAgent' | 'ogb' | 'bo' | 'settlement' | 'court';
interface RungRecord {
  rung: Rung;
  startedAt: string;
  endedAt?: string;
  note?: string;
}
interface EscalationContext {
  subject: string;
  description: string;
  origin: string;
  timeBoxDays: Record<Exclude<Rung, 'court'>, number>;
  timeBoxUnit?: string;
  maxBoRounds: number;
  rungs: RungRecord[];
  boRounds: { round: number; outcome: string; decidedAt: string }[];
  courtCase: { filedBy: string; at: string; note: string } | null;
  resolution: {
    rung: Rung;
    outcome: string;
    upholdsProposal: boolean;
    by: string;
    at: string;
  } | null;
}
import type { ProcessView } from '../../../../workflows/contract';
import { h } from '../dom';
import { block, deadlineText, facts, prose, table, when, yesNo } from './parts';

const rungNames: Record<RungRecord['rung'], string> = {
  principalAgent: 'Opdrachtgever–opdrachtnemerlijn',
  ogb: 'OGB Beheer',
  bo: 'Bestuurlijk Overleg',
  settlement: 'Minnelijke regeling',
  court: 'Rechter (Den Haag)',
};
const unitNames: Record<string, string> = {
  calendar: 'kalenderdagen',
  working: 'werkdagen',
  termsAct: 'kalenderdagen (Algemene termijnenwet)',
};
const outcomeNames: Record<string, string> = {
  adopted: 'aangenomen',
  rejected: 'verworpen',
  undecided: 'geen besluit',
};

function clock(c: EscalationContext, view: ProcessView, rung: RungRecord): string {
  if (rung.rung === 'court') return 'in het tempo van de rechter';
  const days = c.timeBoxDays[rung.rung];
  const due = deadlineText(view.deadlines, rung.rung);
  return `${String(days)} ${unitNames[c.timeBoxUnit ?? 'calendar'] ?? ''}${due ? `, ${due}` : ''}`;
}

export function escalationContent(view: ProcessView): HTMLElement[] {
  const c = view.context as unknown as EscalationContext & { originLabel?: string };
  const current = c.rungs.at(-1);
  return [
    block(
      'Geschil',
      facts([
        ['Onderwerp', c.subject],
        ['Herkomst', c.originLabel ?? c.origin],
      ]),
      prose(c.description),
    ),
    current && !c.resolution
      ? block(
          'Huidige trede',
          facts([
            ['Trede', rungNames[current.rung]],
            ['Sinds', when(current.startedAt)],
            ['Termijn', clock(c, view, current)],
            [
              'Consultatierondes BO',
              current.rung === 'bo'
                ? `${String(c.boRounds.length + 1)} van ${String(c.maxBoRounds)}`
                : '',
            ],
          ]),
        )
      : '',
    block(
      'Doorlopen treden',
      table(
        'Treden',
        ['Trede', 'Begonnen', 'Geëindigd', 'Termijn', 'Toelichting'],
        c.rungs.map((r) => [
          rungNames[r.rung],
          when(r.startedAt),
          r.endedAt ? when(r.endedAt) : 'loopt',
          clock(c, view, r),
          r.note || '—',
        ]),
      ),
    ),
    c.boRounds.length
      ? block(
          'Consultatierondes in het BO',
          h(
            'ul',
            {},
            c.boRounds.map((round) =>
              h(
                'li',
                {},
                `Ronde ${String(round.round)}: ${outcomeNames[round.outcome] ?? round.outcome} op ${when(round.decidedAt)}`,
              ),
            ),
          ),
        )
      : '',
    c.courtCase
      ? block(
          'Bij de rechter',
          h('p', {}, `Aangebracht door ${c.courtCase.filedBy} op ${when(c.courtCase.at)}`),
          prose(c.courtCase.note),
        )
      : '',
    c.resolution
      ? block(
          'Uitkomst',
          facts([
            ['Beëindigd in', rungNames[c.resolution.rung]],
            ['Door', `${c.resolution.by}, ${when(c.resolution.at)}`],
            ['Voorstel gehandhaafd', yesNo(c.resolution.upholdsProposal)],
          ]),
          prose(c.resolution.outcome),
        )
      : '',
  ].filter((b): b is HTMLElement => b !== '');
}
