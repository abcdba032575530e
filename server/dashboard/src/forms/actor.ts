/**
 * Who is signed in, as `GET /api/v1/me` answers (the contract of issue 16), so a page offers only
 * the forms its actor may send. Until that route exists (404) or where it fails, the actor is
 * unknown and every form is offered: the API still refuses what the actor may not do.
 */
import type { AllowedEvent } from '../../../../workflows/contract';
import { session } from '../api';

export interface Me {
  actor: string;
  role: string;
  party?: string;
  organisation?: string;
  label: string;
}

const known = new Map<string, Promise<Me | undefined>>();

async function fetchMe(token: string): Promise<Me | undefined> {
  try {
    const response = await fetch('/api/v1/me', {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    if (!response.ok) return undefined;
    const answer = (await response.json()) as Partial<Me>;
    return typeof answer.role === 'string' ? (answer as Me) : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in actor, asked once per token. */
export function signedInActor(): Promise<Me | undefined> {
  const token = session.token();
  if (!token) return Promise.resolve(undefined);
  let me = known.get(token);
  if (!me) {
    me = fetchMe(token);
    known.set(token, me);
  }
  return me;
}

/** Whether this actor may send this allowed event: its role, and its party or organisation. */
export function mayAct(me: Me | undefined, allowed: AllowedEvent): boolean {
  if (!me) return true;
  if (allowed.role !== me.role) return false;
  if (allowed.party !== undefined && allowed.party !== me.party) return false;
  return allowed.organisation === undefined || allowed.organisation === me.organisation;
}

/** Whether this actor's role is among `roles`; unknown actor or roles: offered. */
export const hasRole = (me: Me | undefined, roles: readonly string[] | undefined): boolean =>
  !me || !roles || roles.includes(me.role);
