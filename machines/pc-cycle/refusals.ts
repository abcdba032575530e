/**
 * Why the P&C cycle refuses an event whose sender may send it, where the cause is what the caller
 * sent (an organisation the cycle does not have) or a step that must come first: the API answers
 * with the rule (400 not-in-proposal, 409 missing-earlier-step) and this reason, never a bare 409.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { missingEarlierStep, notInProposal, type Refusal } from '../refusals';
import { sameOrganisation } from './machine';
import type { OboRecord, PcCycleContext } from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as PcCycleContext;

const named = (payload: Record<string, unknown>): string =>
  typeof payload.organisation === 'string' ? payload.organisation : '';

/** The cycle's record of the organisation the payload names, or why there is none. */
function oboOf(
  snapshot: AnyMachineSnapshot,
  payload: Record<string, unknown>,
): OboRecord | Refusal {
  const context = contextOf(snapshot);
  const name = named(payload);
  const obo =
    context.obos.find((o) => o.organisation === name) ??
    context.obos.find((o) => sameOrganisation(o.organisation, name));
  if (obo) return obo;
  const known = context.obos.map((o) => o.organisation).join(', ');
  return notInProposal(
    'organisation',
    `${name} is geen operationele beheerorganisatie van de P&C-cyclus ${context.year} ` +
      `(wel: ${known}) / ${name} is not an operational organisation of the ${context.year} ` +
      `P&C cycle (it has: ${known})`,
  );
}

const isRecord = (value: OboRecord | Refusal): value is OboRecord => 'organisation' in value;

/** An OBO's own act (accounts, work plan): only for an organisation the cycle has. */
export const knownObo = (
  snapshot: AnyMachineSnapshot,
  _actor: unknown,
  payload: Record<string, unknown>,
): Refusal | undefined => {
  const obo = oboOf(snapshot, payload);
  return isRecord(obo) ? undefined : obo;
};

/** The TBO discusses an OBO's accounts once they are submitted. */
export const oboAccountsToDiscuss = (
  snapshot: AnyMachineSnapshot,
  _actor: unknown,
  payload: Record<string, unknown>,
): Refusal | undefined => {
  const obo = oboOf(snapshot, payload);
  if (!isRecord(obo)) return obo;
  return obo.accountsSubmitted === null
    ? missingEarlierStep(
        `${obo.organisation} heeft zijn jaarrekening nog niet ingediend / ` +
          `${obo.organisation} has not submitted its accounts yet`,
      )
    : undefined;
};

/** The TBO approves a work plan and fixes the budget once the OBO submitted them (§6.5). */
export const oboBudgetToFix = (
  snapshot: AnyMachineSnapshot,
  _actor: unknown,
  payload: Record<string, unknown>,
): Refusal | undefined => {
  const obo = oboOf(snapshot, payload);
  if (!isRecord(obo)) return obo;
  return obo.plan === null
    ? missingEarlierStep(
        `${obo.organisation} heeft zijn werkplan en begroting nog niet ingediend / ` +
          `${obo.organisation} has not submitted its work plan and budget yet`,
      )
    : undefined;
};

/** The OGB Beheer discusses accounts that were submitted. */
export const accountsToDiscuss = (
  snapshot: AnyMachineSnapshot,
  _actor: unknown,
  payload: Record<string, unknown>,
): Refusal | undefined => {
  const document = payload.document === 'tboAccounts' ? 'tboAccounts' : 'sboAccounts';
  const by = document === 'tboAccounts' ? 'TBO' : 'SBO';
  return contextOf(snapshot).documents[document].submitted === null
    ? missingEarlierStep(
        `de ${by} heeft de jaarrekening en verantwoording nog niet ingediend / ` +
          `the ${by} has not submitted its accounts and accountability yet`,
      )
    : undefined;
};

/** The BO discusses the SBO's accountability once the SBO has reported. */
export const sboHasReported = (snapshot: AnyMachineSnapshot): Refusal | undefined =>
  contextOf(snapshot).documents.sboAccounts.submitted === null
    ? missingEarlierStep(
        'de SBO heeft zijn jaarrekening en verantwoording nog niet ingediend / ' +
          'the SBO has not submitted its accounts and accountability yet',
      )
    : undefined;

/** The SBO adopts the TBO's plan after the OGB Beheer's consensus on it (§6.2, §6.3). */
export const tboPlanAgreed = (snapshot: AnyMachineSnapshot): Refusal | undefined =>
  snapshot.matches({ tboPlan: 'sboAdoption' }) || snapshot.matches({ tboPlan: 'adopted' })
    ? undefined
    : missingEarlierStep(
        'het OGB Beheer moet eerst consensus bereiken over het tactisch beheerplan van de TBO / ' +
          "the OGB Beheer must first reach consensus on the TBO's tactical plan",
      );
