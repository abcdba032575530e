/** Pieces every process's event and input types share. */
import { z } from 'zod';
import type { Actor } from './actors';
import { characterName, firstForbidden } from './text-characters';

/**
 * Refuses a character no text may hold (text-characters.ts), naming the field and the character.
 * The message is made when the issue is final, so it knows the field's whole path.
 */
const plainCharacters = (multiline: boolean) =>
  z.refine<string>((value) => firstForbidden(value, multiline) === undefined, {
    error: (issue) => {
      const value = typeof issue.input === 'string' ? issue.input : '';
      const found = firstForbidden(value, multiline);
      const field = issue.path?.length ? issue.path.map(String).join('.') : 'the text';
      const where = found
        ? ` ${characterName(found.code)} at position ${String(found.index + 1)}`
        : '';
      const allowed = multiline
        ? 'a text may not hold control characters (other than tab and line breaks)'
        : 'a single line may not hold control characters (tabs and line breaks included)';
      return `${field} contains${where}; ${allowed} or bidirectional formatting characters`;
    },
  });

/** Free text from an operator of one or more lines, trimmed, with a ceiling. */
export const text = (max: number) => z.string().trim().max(max).check(plainCharacters(true));

/** A name, title or subject from an operator: one line, trimmed, with a ceiling. */
export const line = (max: number) => z.string().trim().max(max).check(plainCharacters(false));

/** What the host adds to every event: who sent it and the workflow time it was applied. */
export interface Stamp {
  actor: Actor;
  at: string;
}

/** The list of deadlines a run has missed, with the one that just passed added once. */
export function withOverdue<T extends string>(overdue: readonly T[], deadline: T): T[] {
  return overdue.includes(deadline) ? [...overdue] : [...overdue, deadline];
}
