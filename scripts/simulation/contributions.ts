/** The governments' contributions per P&C year, read from the P&C cycles' views for the report. */
import { z } from 'zod';
import type { ProcessView } from '../../workflows/contract';
import type { ReportSummary } from './report';

const thisYearSchema = z.object({
  contributions: z.object({
    thisYear: z.object({
      year: z.number(),
      totalCents: z.number(),
      parties: z.array(z.object({ label: z.string(), indexedCents: z.number() })),
    }),
  }),
});

export function contributionsOf(
  views: readonly ProcessView[],
): NonNullable<ReportSummary['contributions']> {
  return views
    .filter((view) => view.kind === 'pc-cycle')
    .flatMap((view) => {
      const parsed = thisYearSchema.safeParse(view.context);
      if (!parsed.success) return [];
      const { year, totalCents, parties } = parsed.data.contributions.thisYear;
      return [
        {
          year,
          totalCents,
          parties: parties.map((p) => ({ label: p.label, cents: p.indexedCents })),
        },
      ];
    })
    .sort((a, b) => a.year - b.year);
}
