import { z } from 'zod';

/** The organisations of the Beheerarrangement (DOMAIN.md, "What DSO-LV is and who is involved"). */
export const roles = [
  'minister',
  'bo',
  'ogb',
  'sbo',
  'tbo',
  'obo',
  'programme',
  'developer',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Dutch names users know the roles by, for labels and messages. */
export const roleLabels: Record<Role, string> = {
  minister: 'Minister van BZK',
  bo: 'Bestuurlijk Overleg',
  ogb: 'OGB Beheer',
  sbo: 'Strategische beheerorganisatie',
  tbo: 'Tactische beheerorganisatie',
  obo: 'Operationele beheerorganisatie',
  programme: 'Programma DSO',
  developer: 'Ontwikkelpartij',
};

/** The four governments and their umbrella bodies. */
export const parties = ['rijk', 'vng', 'ipo', 'uvw'] as const;
export const partySchema = z.enum(parties);
export type Party = z.infer<typeof partySchema>;

/**
 * An organisation's stable id, e.g. "kadaster" (the known ones: organisations.ts). Never a
 * government's id: "role:party" and "role:organisation" share the DsoWaitingOn keys.
 */
export const organisationIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens, e.g. "kadaster"')
  .max(80)
  .refine((id) => !(parties as readonly string[]).includes(id), {
    error: `a government (${parties.join(', ')}) is a party, not an organisation`,
  });

/**
 * Who did something. Operators are identified by their credential, never by a request body;
 * the `system` role stands for the workflow itself (deadlines passing). An operational manager
 * acts for its own organisation (`organisation`), as a member of a body acts for its government.
 */
export const actorSchema = z.object({
  id: z.string().min(1).max(200),
  role: z.union([roleSchema, z.literal('system')]),
  party: partySchema.optional(),
  organisation: organisationIdSchema.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const systemActor: Actor = { id: 'temporal', role: 'system' };
