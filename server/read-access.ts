/**
 * Who may read which kind of process (issue 13): one table, enforced on every read path (a run's
 * view, the listing, the inbox, the calendar feed). The arrangement's own business (decisions,
 * P&C, re-selection, escalations) is for the governments (OGB Beheer, BO), the SBO and the
 * Minister, and for the TBO and OBOs where they are a party to it; the programme and the
 * developer read what they build and deliver. The README and docs/DECISIONS.md carry the matrix.
 */
import type { Actor, Role } from '../machines/actors';
import { processKinds } from '../machines/registry';
import { HttpError } from './http-errors';

/** The governments' own circle: every kind is theirs to read. */
const governance = ['minister', 'bo', 'ogb', 'sbo'] as const satisfies readonly Role[];

export const readRoles: Readonly<Record<string, readonly Role[]>> = {
  // Provisions the developer builds, the programme delivers and the OBO takes over (§6.4).
  acceptance: [...governance, 'tbo', 'obo', 'programme', 'developer'],
  'acceptance-programme': [...governance, 'tbo', 'obo', 'programme', 'developer'],
  // Decisions of the OGB Beheer and BO, and the SBO's own categories (§6.2, §6.3).
  decision: governance,
  'sbo-decision': governance,
  // The TBO and OBOs are its subject, and each consents to the proposal that concerns it (§6.3
  // "instemming van de betrokken organisaties"): one cannot consent to what one cannot read.
  reselection: [...governance, 'tbo', 'obo'],
  // TBO and OBO may raise a dispute in the principal–agent line (§8.1).
  escalation: [...governance, 'tbo', 'obo'],
  // The TBO and each OBO submit their own plans and accounts in the cycle (§6.4, §6.5).
  'pc-cycle': [...governance, 'tbo', 'obo'],
  // Dated obligations of the arrangement (a public document): any role may own or receive one.
  obligation: [...governance, 'tbo', 'obo', 'programme', 'developer'],
};

/** Whether this actor may read runs of this kind; a kind not in the table is read by no one. */
export function mayRead(actor: Actor, kind: string): boolean {
  return (
    Object.hasOwn(readRoles, kind) && (readRoles[kind] as readonly string[]).includes(actor.role)
  );
}

/** The kinds this actor may read, for visibility queries (`DsoKind IN (...)`). */
export const readableKinds = (actor: Actor): string[] =>
  processKinds.filter((kind) => mayRead(actor, kind));

/**
 * Refuses reading a run of a kind the caller may not read. It is decided on the kind in the id
 * alone, before Temporal is asked, so the answer is the same whether the run exists or not: 403
 * tells an operator why, and still says nothing about which runs exist.
 */
export function assertMayRead(actor: Actor, id: string): void {
  const kind = id.slice(0, Math.max(id.indexOf(':'), 0));
  if (mayRead(actor, kind) || !Object.hasOwn(readRoles, kind)) return;
  throw new HttpError(
    403,
    'not_readable',
    `${actor.role} may not read ${kind} processes (niet leesbaar voor deze rol)`,
    { kind, readRoles: readRoles[kind] },
  );
}
