/** Event payloads that walk an acceptance run, shared by the machine, workflow and API tests. */
import { assessments, type Assessment } from '../../machines/acceptance/assessments';

export const criteria = Object.fromEntries(
  assessments.map((a) => [a, `Criteria for ${a}`]),
) as Record<Assessment, string>;

export const adviceEvent = { type: 'CRITERIA_ADVICE', advice: 'Toets ook de koppelvlakken.' };
export const fixCriteriaEvent = { type: 'FIX_CRITERIA', criteria };
export const verdictEvent = (
  assessment: Assessment,
  outcome: 'positive' | 'negative' = 'positive',
  findings = '',
) => ({ type: 'VERDICT', assessment, outcome, findings });
export const repairEvent = {
  type: 'REPAIR_DELIVERED',
  summary: 'Autorisatiefout hersteld',
  developmentCostCents: 1_250_000,
};
export const resubmitEvent = { type: 'RESUBMIT', note: 'Hersteld en opnieuw getoetst' };
export const provisionallyAcceptEvent = { type: 'PROVISIONALLY_ACCEPT', note: '' };
export const transferEvent = {
  type: 'TRANSFER_COMPLETED',
  operationalManager: 'Kadaster',
  note: '',
};
export const agreementEvent = {
  type: 'AGREEMENT_PREPARED',
  operationalManager: 'Kadaster',
  summary: 'Werkwijze tot definitieve acceptatie vastgelegd',
};
export const agreementSignedEvent = {
  type: 'AGREEMENT_SIGNED',
  signedOn: '2019-06-20',
  summary: 'Dienstverleningsovereenkomst met Kadaster getekend',
};
export const definitivelyAcceptEvent = { type: 'DEFINITIVELY_ACCEPT', note: '' };
/** The programme run that opens phase 2; it is the only sender of PHASE2_OPENED. */
export const programmeRun = { id: 'acceptance-programme:dso-lv', role: 'system' } as const;
export const phase2OpenedEvent = { type: 'PHASE2_OPENED', programme: 'dso-lv' };
