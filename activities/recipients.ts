/**
 * Who receives a reminder by e-mail: addresses per role ("tbo"), per member of a government in a
 * body ("ogb:rijk") and per organisation ("obo:kadaster"), from configuration.
 */
import { z } from 'zod';
import { parties, roles, type Party, type Role } from '../machines/actors';

/** A role, narrowed to a government's member ("ogb:rijk") or to an organisation ("obo:kadaster"). */
const partyKey = new RegExp(`^(${roles.join('|')})(:(${parties.join('|')}))?$`);
const organisationKey = /^(obo|tbo):[a-z0-9]+(-[a-z0-9]+)*$/;
const keyMessage =
  'expected a role or role:party, e.g. "tbo" or "ogb:rijk", or an OBO or TBO by its organisation, e.g. "obo:kadaster"';

export const recipientsSchema = z
  .record(
    z.string(),
    z.array(z.email('expected an e-mail address')).min(1, 'expected at least one address'),
  )
  .superRefine((map, ctx) => {
    // Checked here rather than as the record's key schema, whose message zod replaces.
    for (const key of Object.keys(map).filter(
      (k) => !partyKey.test(k) && !organisationKey.test(k),
    )) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: keyMessage,
      });
    }
  });
export type RecipientMap = z.infer<typeof recipientsSchema>;

export interface WaitingOn {
  role: Role;
  /** Only this government's member may act. */
  party?: Party | undefined;
  /** Only this organisation's actor may act. */
  organisation?: string | undefined;
}

/**
 * A role's own list always receives; a party's (or organisation's) list receives when that member
 * (or organisation) must act, and for what any member of the role may do, every member's list does.
 */
export function recipientsFor(map: RecipientMap, waitingOn: readonly WaitingOn[]): string[] {
  const addresses = new Set<string>();
  for (const { role, party, organisation } of waitingOn) {
    const narrowedTo = party ?? organisation;
    for (const [key, list] of Object.entries(map)) {
      const [keyRole, keyWho] = key.split(':');
      if (keyRole !== role) continue;
      if (keyWho === undefined || narrowedTo === undefined || keyWho === narrowedTo) {
        for (const address of list) addresses.add(address);
      }
    }
  }
  return [...addresses];
}
