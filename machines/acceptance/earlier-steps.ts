import type { AnyMachineSnapshot } from 'xstate';
import { earlierSteps, inStates, type EarlierStep } from '../earlier-steps';
import type { AcceptanceContext } from './types';

/**
 * The order §6.4 gives an acceptance, as the refusals that name the step still missing: criteria
 * "vooraf … vastgesteld door het OGB Beheer, in samenspraak met de tactische beheerorganisatie",
 * verdicts on them, acceptance only once all eight are positive, the transfer "op basis hiervan",
 * phase 2 "wanneer alle afzonderlijke producten opgeleverd zijn".
 */
const phase1 = { acceptance: 'phase1' } as const;
const awaitingPhase2 = inStates({ acceptance: 'transfer' }, { acceptance: 'provisionalOperation' });
const inRepair = inStates(
  { acceptance: { phase1: 'repair' } },
  { acceptance: { phase2: 'repair' } },
);
const inResubmission = inStates(
  { acceptance: { phase1: 'resubmission' } },
  { acceptance: { phase2: 'resubmission' } },
);
const inAssessment = inStates(
  { acceptance: { phase1: 'assessment' } },
  { acceptance: { phase2: 'assessment' } },
);

const phase2Opened: EarlierStep = {
  missing: awaitingPhase2,
  nl: 'eerst fase 2, die opent als alle voorzieningen zijn opgeleverd',
  en: 'first phase 2, which opens once every provision is delivered',
};
const repairDelivered: EarlierStep = {
  missing: inRepair,
  nl: 'eerst het herstel door de ontwikkelpartij',
  en: "first the developer's repair",
};
const resubmitted: EarlierStep = {
  missing: inResubmission,
  nl: 'eerst de nieuwe gereedmelding door het programma',
  en: "first the programme's new ready report",
};

export const acceptanceSteps = {
  FIX_CRITERIA: earlierSteps({
    missing: (snapshot: AnyMachineSnapshot) =>
      snapshot.matches({ acceptance: { phase1: 'criteria' } }) &&
      (snapshot.context as AcceptanceContext).criteriaAdvice === null,
    nl: 'eerst het advies van de TBO over de criteria',
    en: "first the TBO's advice on the criteria",
  }),
  VERDICT: earlierSteps(
    {
      missing: inStates({ acceptance: { phase1: 'criteria' } }),
      nl: 'eerst de beoordelingscriteria, vastgesteld door het OGB Beheer',
      en: 'first the assessment criteria, fixed by the OGB Beheer',
    },
    repairDelivered,
    resubmitted,
    phase2Opened,
  ),
  REPAIR_DELIVERED: earlierSteps({
    missing: inStates(
      { acceptance: { phase1: 'criteria' } },
      { acceptance: { phase1: 'assessment' } },
      { acceptance: { phase2: 'assessment' } },
    ),
    nl: 'eerst een afgeronde beoordelingsronde met gebreken',
    en: 'first a complete round of verdicts that found defects',
  }),
  RESUBMIT: earlierSteps(repairDelivered),
  PROVISIONALLY_ACCEPT: earlierSteps({
    missing: (snapshot: AnyMachineSnapshot) =>
      snapshot.matches(phase1) &&
      !snapshot.matches({ acceptance: { phase1: 'provisionalAcceptance' } }),
    nl: 'eerst acht positieve oordelen: vier beoordelingen, elk door het OGB Beheer en de TBO',
    en: 'first eight positive verdicts: four assessments, each by the OGB Beheer and the TBO',
  }),
  TRANSFER_COMPLETED: earlierSteps({
    missing: inStates(phase1),
    nl: 'eerst de voorlopige acceptatie door het OGB Beheer en de TBO',
    en: 'first provisional acceptance by the OGB Beheer and the TBO',
  }),
  DEFINITIVELY_ACCEPT: earlierSteps(
    {
      missing: (snapshot: AnyMachineSnapshot) =>
        snapshot.matches(phase1) || awaitingPhase2(snapshot),
      nl: 'eerst de voorlopige acceptatie en fase 2, die opent als alle voorzieningen zijn opgeleverd',
      en: 'first provisional acceptance and phase 2, which opens once every provision is delivered',
    },
    {
      missing: (snapshot: AnyMachineSnapshot) =>
        inAssessment(snapshot) || inRepair(snapshot) || inResubmission(snapshot),
      nl: 'eerst acht positieve oordelen in fase 2: vier beoordelingen, elk door het OGB Beheer en de TBO',
      en: 'first eight positive verdicts in phase 2: four assessments, each by the OGB Beheer and the TBO',
    },
  ),
  AGREEMENT_SIGNED: earlierSteps({
    missing: inStates({ agreement: { open: 'preparing' } }),
    nl: 'eerst de voorbereide afspraken over het operationeel beheer',
    en: 'first the prepared agreement on operational management',
  }),
} as const;
