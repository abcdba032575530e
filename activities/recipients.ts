/**
 * Who receives a reminder by e-mail: addresses per role ("tbo") and per member of a government
 * in a body ("ogb:rijk"), from configuration.
 */
import { z } from 'zod';
import { parties, roles, type Party, type Role } from '../machines/actors';

const keyPattern = new RegExp(`^(${roles.join('|')})(:(${parties.join('|')}))?$`);

export const recipientsSchema = z
  .record(
    z.string(),
    z.array(z.email('expected an e-mail address')).min(1, 'expected at least one address'),
  )
  .superRefine((map, ctx) => {
    // Checked here rather than as the record's key schema, whose message zod replaces.
    for (const key of Object.keys(map).filter((k) => !keyPattern.test(k))) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'expected a role or role:party, e.g. "tbo" or "ogb:rijk"',
      });
    }
  });
export type RecipientMap = z.infer<typeof recipientsSchema>;

export interface WaitingOn {
  role: Role;
  /** Only this government's member may act. */
  party?: Party | undefined;
}

/**
 * A role's own list always receives; a party's list receives when that member must act, and for
 * what any member of the body may do, every member's list does.
 */
export function recipientsFor(map: RecipientMap, waitingOn: readonly WaitingOn[]): string[] {
  const addresses = new Set<string>();
  for (const { role, party } of waitingOn) {
    for (const [key, list] of Object.entries(map)) {
      const [keyRole, keyParty] = key.split(':');
      if (keyRole !== role) continue;
      if (keyParty === undefined || party === undefined || keyParty === party) {
        for (const address of list) addresses.add(address);
      }
    }
  }
  return [...addresses];
}
