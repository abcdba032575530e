import { earlierSteps, inStates } from '../earlier-steps';
import type { Refusal } from '../refusals';
import type { AnyMachineSnapshot } from 'xstate';
import { allowsKnownState } from './rules';
import type { ProgrammeContext } from './types';

/**
 * "Fase 2, wanneer alle afzonderlijke producten opgeleverd zijn, resulteert in een definitieve
 * acceptatie van de verschillende producten én DSO-LV als geheel" (§6.4): the whole is judged
 * after every provision, and repaired only after defects were found in it.
 */
const provisionsFirst = {
  missing: inStates({ acceptance: 'phase1' }, { acceptance: { phase2: 'provisions' } }),
  nl: 'eerst de definitieve acceptatie van elke voorziening (fase 2)',
  en: 'first the definitive acceptance of every provision (phase 2)',
};
const repairFirst = {
  missing: inStates({ acceptance: { phase2: 'wholeRepair' } }),
  nl: 'eerst het herstel van de gebreken in het geheel',
  en: 'first the repair of the defects in the whole',
};

export const programmeSteps = {
  DEFINITIVELY_ACCEPT_WHOLE: earlierSteps(provisionsFirst, repairFirst),
  REPORT_WHOLE_DEFECTS: earlierSteps(provisionsFirst, repairFirst),
  WHOLE_REPAIRED: earlierSteps({
    missing: inStates(
      { acceptance: 'phase1' },
      { acceptance: { phase2: 'provisions' } },
      { acceptance: { phase2: 'whole' } },
    ),
    nl: 'eerst gemelde gebreken in het geheel',
    en: 'first defects reported in the whole',
  }),
  /** Runs on the current rules have no known-state shortcut: the arrangement asks more. */
  ACCEPT_KNOWN_STATE: (snapshot: AnyMachineSnapshot): Refusal | undefined =>
    allowsKnownState(snapshot.context as ProgrammeContext)
      ? undefined
      : {
          rule: 'limit-of-the-arrangement',
          reason:
            '§6.4 vraagt een definitieve acceptatie van elke voorziening én van DSO-LV als geheel; een bekende staat aanvaarden hoort daar niet bij / §6.4 asks for the definitive acceptance of every provision and of DSO-LV as a whole; accepting a known state is not part of it',
        },
} as const;
