/** The model of every process kind the registry knows, by kind. */
import { decisionModel } from './decision';
import { obligationModel } from './obligation';
import { sboDecisionModel } from './sbo-decision';
import type { KindModel } from './types';

export const kindModels: Readonly<Record<string, KindModel>> = {
  decision: decisionModel,
  obligation: obligationModel,
  'sbo-decision': sboDecisionModel,
};
