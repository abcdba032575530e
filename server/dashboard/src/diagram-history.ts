/**
 * The whole history of a run for the path taken, from the paged history route: the view carries
 * only its last 50 entries (the host's second design).
 */
import type { AuditEntry, ProcessView } from '../../../workflows/contract';
import { api } from './api';

const PAGE_SIZE = 500;
/** Enough for any run this product hosts; past it the path shows the pages read. */
const MAX_PAGES = 40;
const cache = new Map<string, { total: number; entries: AuditEntry[] }>();

/** The audit entries of `view`'s run, oldest first. */
export async function fullHistory(view: ProcessView): Promise<AuditEntry[]> {
  const total = view.historyCount;
  if (total <= view.history.length) return view.history;
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
  } catch {
    // The diagram then shows the path of the last entries; the page itself reports the outage.
    return view.history;
  }
  cache.set(view.id, { total, entries });
  return entries;
}
