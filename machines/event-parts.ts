/** Pieces every process's event and input types share. */
import { z } from 'zod';
import type { Actor } from './actors';

/** Free text from an operator, trimmed, with a ceiling. */
export const text = (max: number) => z.string().trim().max(max);

/** What the host adds to every event: who sent it and the workflow time it was applied. */
export interface Stamp {
  actor: Actor;
  at: string;
}

/** The list of deadlines a run has missed, with the one that just passed added once. */
export function withOverdue<T extends string>(overdue: readonly T[], deadline: T): T[] {
  return overdue.includes(deadline) ? [...overdue] : [...overdue, deadline];
}
