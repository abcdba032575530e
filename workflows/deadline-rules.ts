/**
 * What bounds an operator's change of a deadline, beyond its role: who the deadline binds (they
 * may not move it) and how far it may be moved. Pure functions of a deadline's definition, its
 * record and the run's snapshot, so the host checks every kind the same way.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Actor, Party, Role } from '../machines/actors';
import { ARRANGEMENT_TERM_END } from '../machines/arrangement-term';
import { calendarDaysBefore, describeMoment } from '../machines/dutch-time';
import {
  DEFAULT_MAX_EXTENSION_DAYS,
  type BoundParty,
  type DeadlineDefinition,
  type DeadlineLimit,
} from '../machines/process-definition';
import type { DeadlineRecord } from './contract';

const roleNames: Record<Role, { nl: string; en: string }> = {
  minister: { nl: 'de Minister van BZK', en: 'the Minister of BZK' },
  bo: { nl: 'het BO', en: 'the BO' },
  ogb: { nl: 'het OGB Beheer', en: 'the OGB Beheer' },
  sbo: { nl: 'de SBO', en: 'the SBO' },
  tbo: { nl: 'de TBO', en: 'the TBO' },
  obo: { nl: 'de OBO', en: 'the OBO' },
  programme: { nl: 'het programma DSO', en: 'the programme DSO' },
  developer: { nl: 'de ontwikkelpartij', en: 'the developer' },
};
const partyNames: Record<Party, { nl: string; en: string }> = {
  rijk: { nl: 'het Rijk', en: 'the Rijk' },
  vng: { nl: 'de VNG', en: 'the VNG' },
  ipo: { nl: 'het IPO', en: 'the IPO' },
  uvw: { nl: 'de UvW', en: 'the UvW' },
};
/** Bodies with a member per government, where a party narrows who is bound. */
const bodies: readonly Role[] = ['ogb', 'bo'];

function nameOf(bound: BoundParty): { nl: string; en: string } {
  const role = roleNames[bound.role];
  if (bound.party === undefined || !bodies.includes(bound.role)) return role;
  const party = partyNames[bound.party];
  return { nl: `het lid van ${party.nl} in ${role.nl}`, en: `${party.en}'s member of ${role.en}` };
}

const because: Record<BoundParty['as'], (name: { nl: string; en: string }) => string> = {
  actor: ({ nl, en }) =>
    `${nl} moet vóór deze termijn handelen en mag deze termijn niet wijzigen / ` +
    `${en} must act before this deadline and may not change it`,
  disputant: ({ nl, en }) =>
    `${nl} is partij in dit geschil en mag deze termijn niet wijzigen / ` +
    `${en} is a party to this dispute and may not change its deadline`,
  assessed: ({ nl, en }) =>
    `${nl} wordt in dit proces beoordeeld en mag deze termijn niet wijzigen / ` +
    `${en} is assessed in this process and may not change its deadline`,
};

export function boundParties(
  deadline: DeadlineDefinition,
  snapshot: AnyMachineSnapshot,
): readonly BoundParty[] {
  return typeof deadline.boundBy === 'function' ? deadline.boundBy(snapshot) : deadline.boundBy;
}

/** Why this actor may not change the deadline because it binds them, or undefined. */
export function boundRefusal(
  deadline: DeadlineDefinition,
  snapshot: AnyMachineSnapshot,
  actor: Actor,
): string | undefined {
  const bound = boundParties(deadline, snapshot).find(
    (party) =>
      party.role === actor.role && (party.party === undefined || party.party === actor.party),
  );
  return bound ? because[bound.as](nameOf(bound)) : undefined;
}

/** The due moment the deadline had when it started, before any operator moved it. */
export const originalDue = (record: DeadlineRecord): string | null =>
  record.adjustments?.[0]?.dueBefore ?? record.due;

/**
 * The latest due moment a change may give the deadline: the earliest of its allowance past the
 * original due moment, the run's own limit, and the end of the arrangement's term where the
 * deadline lies within it. Null while the deadline has no due moment.
 */
export function deadlineLimit(
  deadline: DeadlineDefinition,
  record: DeadlineRecord,
  snapshot: AnyMachineSnapshot,
): DeadlineLimit | null {
  const original = originalDue(record);
  if (original === null) return null;
  const days = deadline.maxExtensionDays ?? DEFAULT_MAX_EXTENSION_DAYS;
  const from = describeMoment(original);
  const limits: DeadlineLimit[] = [
    {
      at: calendarDaysBefore(original, -days),
      nl: `ten hoogste ${String(days)} dagen na de oorspronkelijke termijn (${from.nl})`,
      en: `at most ${String(days)} days after the original due moment (${from.en})`,
    },
  ];
  const own = deadline.latest?.(snapshot);
  if (own) limits.push(own);
  if (Date.parse(original) <= Date.parse(ARRANGEMENT_TERM_END)) {
    limits.push({
      at: ARRANGEMENT_TERM_END,
      nl: 'niet na het einde van de looptijd van het beheerarrangement (31-12-2028)',
      en: "not past the end of the arrangement's term (31 December 2028)",
    });
  }
  return limits.reduce((earliest, limit) =>
    Date.parse(limit.at) < Date.parse(earliest.at) ? limit : earliest,
  );
}

/**
 * When a suspended deadline resumes by itself: once the time suspended would carry its due
 * moment past its limit. The suspension then ends with the deadline due at its limit.
 */
export function automaticResumption(
  record: DeadlineRecord,
  limit: DeadlineLimit | null,
): number | undefined {
  if (record.status !== 'suspended' || record.suspendedAt === undefined) return undefined;
  if (limit === null || record.due === null) return undefined;
  return (
    Date.parse(record.suspendedAt) + Math.max(Date.parse(limit.at) - Date.parse(record.due), 0)
  );
}

/** The reason recorded when a suspension ends by itself. */
export function automaticResumptionReason(limit: DeadlineLimit | null): string {
  const latest = limit ? describeMoment(limit.at) : { nl: '', en: '' };
  return (
    `vanzelf hervat: de opschorting heeft de termijn tot de uiterste termijn (${latest.nl}) geschoven / ` +
    `resumed by itself: the suspension has moved the deadline to its latest permitted due moment (${latest.en})`
  );
}
