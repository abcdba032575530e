import type { z } from 'zod';
import { amsterdamMidnight, calendarMonthsAfter } from '../dutch-time';

/**
 * The acceptance's dates as §6.4 and §6.5 set them for 2019, and how the ones a caller leaves out
 * follow from the ones given: phase 2 is the six months after phase 1 ("van 1 juli t/m 31
 * december"), the agreement is due when phase 1 ends ("voor 1 juli 2019"), the acceptance
 * protocol for extensions three quarters after phase 2 ("uiterlijk in het 3e kwartaal 2020").
 * A caller who moves phase 1 to 2027 so gets a phase 2 and an agreement in 2027, not 2019's.
 */
export const SEED_PHASE1_DUE = amsterdamMidnight('2019-07-01');
export const PHASE2_MONTHS = 6;
export const EXTENSION_PROTOCOL_MONTHS = 9;

export interface GivenDues {
  phase1Due?: string | undefined;
  phase2Due?: string | undefined;
  agreementDue?: string | undefined;
}

export interface AcceptanceDues {
  phase1Due: string;
  phase2Due: string;
  agreementDue: string;
}

/**
 * The dates given, and the others derived from them: phase 1 anchors (from phase 2 when only that
 * is given), the seed's 2019 dates when none is.
 */
export function deriveDues(given: GivenDues): AcceptanceDues {
  const phase1Due =
    given.phase1Due ??
    (given.phase2Due === undefined
      ? SEED_PHASE1_DUE
      : calendarMonthsAfter(given.phase2Due, -PHASE2_MONTHS));
  return {
    phase1Due,
    phase2Due: given.phase2Due ?? calendarMonthsAfter(phase1Due, PHASE2_MONTHS),
    agreementDue: given.agreementDue ?? phase1Due,
  };
}

/**
 * Dates out of order are refused with the field named: phase 2 comes after phase 1, and the
 * agreement is "definitief en vastgelegd" in phase 2 at the latest.
 */
export function refuseDuesOutOfOrder(dues: AcceptanceDues, context: z.RefinementCtx): void {
  if (Date.parse(dues.phase2Due) <= Date.parse(dues.phase1Due)) {
    context.addIssue({
      code: 'custom',
      path: ['phase2Due'],
      message: `must come after phase1Due (${dues.phase1Due}): phase 2 follows phase 1 (§6.4)`,
    });
    // The agreement is then measured against a phase 2 that is itself wrong: one issue is enough.
    return;
  }
  if (Date.parse(dues.agreementDue) > Date.parse(dues.phase2Due)) {
    context.addIssue({
      code: 'custom',
      path: ['agreementDue'],
      message: `must not come after phase2Due (${dues.phase2Due}): the agreement is recorded in phase 2 at the latest (§6.4, §6.5)`,
    });
  }
}
