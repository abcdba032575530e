/** The actors the models try events with: one per role, and members per government where bodies have them. */
import { roles, type Actor, type Party, type Role } from '../../../machines/actors';

export const actor = (role: Role, party?: Party, organisation?: string): Actor => ({
  id: [role, party, organisation].filter(Boolean).join(':'),
  role,
  ...(party ? { party } : {}),
  ...(organisation ? { organisation } : {}),
});

/** One actor of every role, without a party or an organisation. */
export const oneOfEachRole: readonly Actor[] = roles.map((role) => actor(role));

/** The members of a body (OGB Beheer, BO) for these governments. */
export const members = (role: 'ogb' | 'bo', parties: readonly Party[]): Actor[] =>
  parties.map((party) => actor(role, party));
