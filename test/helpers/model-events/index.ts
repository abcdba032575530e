/** The model of every process kind the registry knows, by kind. */
import { acceptanceModel } from './acceptance';
import { programmeModel } from './acceptance-programme';
import { decisionModel } from './decision';
import { escalationModel } from './escalation';
import { obligationModel } from './obligation';
import { pcCycleModel } from './pc-cycle';
import { reselectionModel } from './reselection';
import { sboDecisionModel } from './sbo-decision';
import type { KindModel } from './types';

export const kindModels: Readonly<Record<string, KindModel>> = {
  acceptance: acceptanceModel,
  'acceptance-programme': programmeModel,
  decision: decisionModel,
  escalation: escalationModel,
  obligation: obligationModel,
  'pc-cycle': pcCycleModel,
  reselection: reselectionModel,
  'sbo-decision': sboDecisionModel,
};
