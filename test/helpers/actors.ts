import type { Actor } from '../../machines/actors';

/** One actor per role the acceptance process involves. */
export const actors = {
  programme: { id: 'programma-dso', role: 'programme' },
  developer: { id: 'ontwikkelpartij', role: 'developer' },
  ogb: { id: 'ogb-rijk', role: 'ogb', party: 'rijk' },
  tbo: { id: 'tbo', role: 'tbo' },
  sbo: { id: 'sbo', role: 'sbo', party: 'rijk' },
} as const satisfies Record<string, Actor>;
