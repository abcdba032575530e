/**
 * The four assessments of every provision (seed §6.4, "Het acceptatieproces"), each made by the
 * OGB Beheer and by the TBO, each from its own responsibility.
 */
export const assessments = [
  'technicalFunctional',
  'readyForUse',
  'transferProcess',
  'operatorReady',
] as const;
export type Assessment = (typeof assessments)[number];

export const assessmentLabels: Record<Assessment, string> = {
  technicalFunctional: '1. De technisch-functionele kant van het product',
  readyForUse: '2. Zo opgeleverd dat het in gebruik kan worden genomen',
  transferProcess: '3. Inrichting van het overdrachtsproces naar de beheerpartij',
  operatorReady: '4. De beheerpartij is klaar voor in beheer neming',
};

/** The two bodies that give a verdict on every assessment. */
export const assessingBodies = ['ogb', 'tbo'] as const;
export type AssessingBody = (typeof assessingBodies)[number];

/** The assessing body an actor speaks for, if any: the OGB Beheer or the TBO. */
export function bodyOf(event: { actor: { role: string } }): AssessingBody | undefined {
  const role = event.actor.role;
  return role === 'ogb' || role === 'tbo' ? role : undefined;
}
