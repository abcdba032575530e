/**
 * Every run matching a visibility query, with its `dsoView` memo (workflows/host/view-memo.ts):
 * what the inbox and the calendar feed show, read from the listing itself, page by page, instead
 * of one view query per run. A run without a usable memo (recorded before the memo, or too large
 * for it) comes back with `memo: undefined`, and its reader asks that run's view.
 */
import type { Client } from '@temporalio/client';
import { decodeMapFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { z } from 'zod';
import { partySchema, roleSchema } from '../machines/actors';
import type { ProcessSummary } from '../workflows/contract';
import { VIEW_MEMO_KEY, type ViewMemo } from '../workflows/host/view-memo';
import { summaryOf } from './process-listing';

/** Temporal's own ceiling per page (frontend.visibilityMaxPageSize), so few round trips. */
export const PROJECTION_PAGE_SIZE = 1000;

const allowedEventSchema = z.object({
  type: z.string(),
  label: z.string(),
  role: roleSchema,
  party: partySchema.optional(),
  organisation: z.string().optional(),
  options: z.array(z.record(z.string(), z.unknown())).optional(),
});

const deadlineStatusSchema = z.enum([
  'pending',
  'running',
  'met',
  'overdue',
  'metLate',
  'reached',
  'passedOn',
  'suspended',
]);

/** The memo as the host writes it; anything else is treated as no memo. */
export const viewMemoSchema: z.ZodType<ViewMemo> = z.object({
  v: z.literal(1),
  title: z.string(),
  summary: z.string(),
  stateLabels: z.array(z.string()),
  allowedEvents: z.array(allowedEventSchema),
  deadlines: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      due: z.string(),
      moment: z.boolean(),
      status: deadlineStatusSchema,
      revision: z.number().int().min(0),
      reminders: z.array(z.object({ daysBefore: z.number(), scheduledFor: z.string() })),
    }),
  ),
  updatedAt: z.string(),
  partial: z.literal(true).optional(),
});

type ListResponse = Awaited<ReturnType<Client['workflowService']['listWorkflowExecutions']>>;

export interface ProjectedRun {
  summary: ProcessSummary;
  /** Undefined where the run has none that holds everything (its view has it). */
  memo: ViewMemo | undefined;
}

/** All runs matching the query, in Temporal's order, each with its memo where usable. */
export async function projectedRuns(client: Client, query: string): Promise<ProjectedRun[]> {
  const { namespace, loadedDataConverter } = client.options;
  const runs: ProjectedRun[] = [];
  let nextPageToken: Uint8Array | null = null;
  do {
    const page: ListResponse = await client.workflowService.listWorkflowExecutions({
      namespace,
      query,
      pageSize: PROJECTION_PAGE_SIZE,
      nextPageToken,
    });
    const decoded = await Promise.all(
      page.executions.map(async (execution): Promise<ProjectedRun> => {
        const summary = summaryOf(execution);
        // Sealed by the payload codec for this run, like every payload: opened for it alone.
        const memo = await decodeMapFromPayloads(loadedDataConverter, execution.memo?.fields, {
          type: 'workflow',
          namespace,
          workflowId: summary.id,
        });
        const parsed = viewMemoSchema.safeParse(memo?.[VIEW_MEMO_KEY]);
        return {
          summary,
          memo: parsed.success && parsed.data.partial !== true ? parsed.data : undefined,
        };
      }),
    );
    runs.push(...decoded);
    nextPageToken = page.nextPageToken.length > 0 ? page.nextPageToken : null;
  } while (nextPageToken !== null);
  return runs;
}
