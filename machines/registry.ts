import { acceptanceDefinition } from './acceptance/definition';
import type { ProcessDefinition } from './process-definition';

/** Every kind of process this service runs, by kind. */
const definitions: readonly ProcessDefinition[] = [acceptanceDefinition];

export const processKinds = definitions.map((definition) => definition.kind);

export function findDefinition(kind: string): ProcessDefinition | undefined {
  return definitions.find((definition) => definition.kind === kind);
}
