/**
 * The whole history of a run for the path taken: the paged history route where the API has it,
 * else the view's own `history` (since the host's second design only its last 50 entries).
 */
import type { AuditEntry, ProcessView } from '../../../workflows/contract';
import { api, ApiError } from './api';

const PAGE_SIZE = 500;
/** Enough for any run this product hosts; past it the path shows the pages read. */
const MAX_PAGES = 40;
const cache = new Map<string, { total: number; entries: AuditEntry[] }>();
let routeMissing = false;

type WithCount = ProcessView & { historyCount?: number };

/** The audit entries of `view`'s run, oldest first. */
export async function fullHistory(view: WithCount): Promise<AuditEntry[]> {
  const total = view.historyCount ?? view.history.length;
  if (routeMissing || total <= view.history.length) return view.history;
  const cached = cache.get(view.id);
  if (cached?.total === total) return cached.entries;
  const entries: AuditEntry[] = [];
  let after: number | null = null;
  try {
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await api.history(view.id, after, PAGE_SIZE);
      entries.push(...answer.entries);
      if (answer.nextAfter === null) break;
      after = answer.nextAfter;
    }
  } catch (error) {
    // Before the host's paged history lands the route answers 404: the view's entries do.
    if (error instanceof ApiError && error.status === 404) routeMissing = true;
    return view.history;
  }
  cache.set(view.id, { total, entries });
  return entries;
}
