/** An obligation of the arrangement: what is owed, by and to whom, when, and how it was met. */
import type { ObligationContext } from '../../../../machines/obligation/types';
import type { ProcessView } from '../../../../workflows/contract';
import { block, deadlineText, facts, prose, signed, when } from './parts';

export function obligationContent(view: ProcessView): HTMLElement[] {
  const c = view.context as unknown as ObligationContext & {
    ownerLabel?: string;
    recipientLabel?: string | null;
  };
  const due = deadlineText(view.deadlines, c.moment ? 'moment' : 'due');
  return [
    block(
      c.moment ? 'Moment' : 'Verplichting',
      facts([
        ['Wat', c.title],
        ['Bron', c.source],
        [c.moment ? 'Betreft' : 'Door', c.ownerLabel ?? c.owner.role],
        ['Bevestigd door', c.recipientLabel ?? ''],
        ['Wanneer', due ?? when(c.due)],
        ['Termijn verstreken', c.overdueSince ? `sinds ${when(c.overdueSince)}` : ''],
      ]),
      prose(c.description),
    ),
    c.delivery || c.acceptance || c.waiver || c.reachedAt
      ? block(
          'Afhandeling',
          facts([
            [
              'Geleverd',
              c.delivery
                ? `${c.delivery.reference} (${signed(c.delivery)}${c.delivery.late ? ', te laat' : ''})`
                : '',
            ],
            ['Toelichting levering', c.delivery?.note ?? ''],
            [
              'Aanvaard',
              c.acceptance
                ? `${signed(c.acceptance)}${c.acceptance.note ? `: ${c.acceptance.note}` : ''}`
                : '',
            ],
            ['Kwijtgescholden', c.waiver ? `${signed(c.waiver)}: ${c.waiver.reason}` : ''],
            ['Bereikt', c.reachedAt ? when(c.reachedAt) : ''],
          ]),
        )
      : '',
  ].filter((b): b is HTMLElement => b !== '');
}
