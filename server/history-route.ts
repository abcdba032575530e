/**
 * `GET /processes/{id}/history?after=&pageSize=`: a run's audit trail in pages, oldest first. The
 * view carries only the newest entries; this pages through all of them with the same read rules.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, type AuditEntry } from '../workflows/contract';
import { actorOf } from './auth';
import { badRequest } from './http-errors';
import type { ProcessService } from './process-service';

export const historyQuerySchema = z
  .object({
    /** The seq of the last entry already read; the page starts after it. */
    after: z.coerce.number().int().min(0).optional(),
    pageSize: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).optional(),
  })
  .strict();

export interface HistoryAnswer {
  entries: AuditEntry[];
  total: number;
  /** Pass as `after` for the next page; null on the last one. */
  nextAfter: number | null;
}

export function historyRouter(
  processes: ProcessService,
  processIdOf: (request: Request) => string,
): Router {
  const router = express.Router({ strict: true });
  router.get('/processes/:id/history', async (request, response) => {
    const id = processIdOf(request);
    const query = historyQuerySchema.safeParse(request.query);
    if (!query.success)
      throw badRequest('invalid_query', 'invalid query string', query.error, 'query');
    const { after = 0, pageSize = HISTORY_PAGE_DEFAULT } = query.data;
    const page = await processes.history(id, { after, limit: pageSize }, actorOf(response));
    const last = page.entries[page.entries.length - 1];
    const answer: HistoryAnswer = {
      entries: page.entries,
      total: page.total,
      nextAfter: last !== undefined && last.seq < page.total ? last.seq : null,
    };
    response.json(answer);
  });
  return router;
}
