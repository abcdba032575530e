/**
 * Which forms the signed-in actor is offered (session.ts asks `GET /api/v1/me` once per
 * credential). Where that answer cannot be had, every form is offered: the API still refuses what
 * the actor may not do.
 */
import type { AllowedEvent } from '../../../../workflows/contract';
import { currentActor, type Me } from '../session';

export type { Me };

/** The signed-in actor, or undefined when /me does not answer. */
export function signedInActor(): Promise<Me | undefined> {
  return currentActor().catch(() => undefined);
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
