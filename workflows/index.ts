// The workflow types the worker registers; each name is a process kind.
export { acceptance } from './acceptance';
