/**
 * The strategic manager's decisions and how it involves the other governments (seed §6.3):
 * (1) only after consensus with them, in the OGB Beheer; (2) after consultation; (3) on its own,
 * notifying them; (4) on its own. Where the seed names a kind of decision, its category is fixed.
 */
export const categories = [1, 2, 3, 4] as const;
export type Category = (typeof categories)[number];

export const categoryLabels: Record<Category, string> = {
  1: '1. Nadat overeenstemming is bereikt met de andere overheden',
  2: '2. In afstemming met de andere overheden',
  3: '3. Autonoom, met melding aan de andere overheden',
  4: '4. Autonoom, zonder melding aan de andere overheden',
};

export const decisionTypes = {
  'annual-plan-budget-accounts': {
    category: 1,
    label:
      'Jaarwerkplan, begroting, jaarrekening en verantwoording tactisch en operationeel beheer',
  },
  'tbo-assignment-material-change': {
    category: 1,
    label: 'Wijziging opdracht TBO met wezenlijke impact voor het gebruik door bestuursorganen',
  },
  'tbo-change': { category: 1, label: 'Wisseling tactische beheerorganisatie' },
  'service-levels': {
    category: 1,
    label: 'Kwaliteitsniveau van dienstverlening en gebruikersondersteuning',
  },
  'major-further-development': {
    category: 1,
    label: 'Door-ontwikkeling met wezenlijke impact voor bestuursorganen',
  },
  'reserve-pot': { category: 1, label: "Beschikken over de 'reserveringspot'" },
  'minor-further-development': {
    category: 2,
    label: 'Door-ontwikkeling zonder wezenlijke impact voor bestuursorganen',
  },
  'tbo-assignment-filling': {
    category: 2,
    label: 'Invulling opdracht TBO binnen strategisch beheerplan en begroting',
  },
  'obo-change': { category: 2, label: 'Wisseling van operationele beheerorganisatie(s)' },
  'calamity-with-consequences': {
    category: 2,
    label: 'Calamiteit of escalatie met bestuurlijke of financiële consequenties',
  },
  'tbo-assignment-substantial-change': {
    category: 3,
    label:
      'Wijziging opdracht of werkwijze TBO van substantiële aard, zonder gevolgen voor gebruik',
  },
  'calamity-without-consequences': {
    category: 3,
    label: 'Calamiteit of escalatie zonder bestuurlijke of financiële consequenties',
  },
  'tbo-assignment-minor-change': {
    category: 4,
    label: 'Wijziging opdracht of werkwijze TBO van niet-substantiële aard',
  },
  'management-decision': {
    category: 4,
    label: 'Managementbeslissingen, waaronder personele beslissingen',
  },
  other: { category: null, label: 'Overig (categorie naar oordeel van de SBO)' },
} as const satisfies Record<string, { category: Category | null; label: string }>;
export type DecisionType = keyof typeof decisionTypes;
export const decisionTypeNames = Object.keys(decisionTypes) as [DecisionType, ...DecisionType[]];

/** The governments the SBO (part of the Rijk, at BZK) consults or notifies. */
export const otherGovernments = ['vng', 'ipo', 'uvw'] as const;
