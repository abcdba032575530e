import type { Party } from '../machines/actors';

/** The governments as their members are named in the OGB Beheer and the BO. */
export const partyLabels: Record<Party, string> = {
  rijk: 'Rijk',
  vng: 'VNG (gemeenten)',
  ipo: 'IPO (provincies)',
  uvw: 'Unie van Waterschappen',
};
