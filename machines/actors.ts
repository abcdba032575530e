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
 * Who did something. Operators are identified by their credential, never by a request body;
 * the `system` role stands for the workflow itself (deadlines passing).
 */
export const actorSchema = z.object({
  id: z.string().min(1).max(200),
  role: z.union([roleSchema, z.literal('system')]),
  party: partySchema.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const systemActor: Actor = { id: 'temporal', role: 'system' };
