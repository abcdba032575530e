/**
 * Who a run waits on, in Dutch: the DsoWaitingOn keys ("tbo", "ogb:vng", "obo:kadaster") named as
 * operators know the roles, governments and organisations (names from `GET /kinds`); and the
 * Dutch plural of a count.
 */
import type { WhoLabels } from './api';

export function waitingOnLabel(key: string, labels: WhoLabels): string {
  const [role = '', narrowedTo] = key.split(':');
  const who = labels.roles[role] ?? 'een andere rol';
  if (!narrowedTo) return who;
  return `${who} (${labels.parties[narrowedTo] ?? labels.organisations[narrowedTo] ?? narrowedTo})`;
}

export const optionsOf = (names: Record<string, string>): [string, string][] =>
  Object.entries(names);

/** "1 proces", "2 processen", "geen processen". */
export function countOf(n: number, one: string, many: string): string {
  if (n === 0) return `geen ${many}`;
  return `${String(n)} ${n === 1 ? one : many}`;
}
