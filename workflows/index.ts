// The workflow types the worker registers; each name is a process kind.
export { acceptance } from './acceptance';
export { acceptanceProgramme as 'acceptance-programme' } from './acceptance-programme';
export { decision } from './decision';
export { sboDecision as 'sbo-decision' } from './sbo-decision';
export { reselection } from './reselection';
export { escalation } from './escalation';
export { pcCycle as 'pc-cycle' } from './pc-cycle';
export { obligation } from './obligation';
export { pcCycleYearly } from './pc-cycle-yearly';
