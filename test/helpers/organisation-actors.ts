import type { Actor } from '../../machines/actors';
import { organisationIdOf } from '../../machines/organisations';

/** The operational manager of an organisation, as the default token file names it (obo-kadaster). */
export const oboOf = (organisation: string): Actor => {
  const id = organisationIdOf(organisation);
  return { id: `obo-${id}`, role: 'obo', organisation: id };
};
export const tbo: Actor = { id: 'tbo', role: 'tbo' };
