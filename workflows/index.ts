// The workflow types the worker registers; each name is a process kind.
export { acceptance } from './acceptance';
export { decision } from './decision';
export { sboDecision as 'sbo-decision' } from './sbo-decision';
export { reselection } from './reselection';
export { escalation } from './escalation';
