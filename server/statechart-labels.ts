/**
 * Dutch names for what the machines leave unnamed: the regions and grouping states without a
 * meta label, and the system events (deadlines, children, eventless steps) that have no operator
 * label. The dashboard shows no raw state or event names, so the statechart route fills them here.
 */

/** By the node's dotted path, per kind; a key alone where it means the same in every kind. */
const nodeLabels: Record<string, Record<string, string>> = {
  acceptance: {
    acceptance: 'Acceptatie van de voorziening',
    agreement: 'Afspraken over operationeel beheer',
  },
  'acceptance-programme': {
    acceptance: 'Acceptatie van de voorzieningen',
    extensionProtocol: 'Uitbreidingsprotocol',
  },
  reselection: {
    untilRatification: 'Tot de bekrachtiging',
    'untilRatification.untilOgbDecision': 'Tot het besluit van het OGB Beheer',
    'untilRatification.untilOgbDecision.preparation': 'Voorbereiding',
    'untilRatification.untilOgbDecision.preparation.approach': 'Aanpak',
    'untilRatification.untilOgbDecision.preparation.approach.agreed': 'Aanpak afgesproken',
    'untilRatification.untilOgbDecision.preparation.rules': 'Spelregels',
    'untilRatification.untilOgbDecision.preparation.rules.fixed': 'Spelregels vastgesteld',
    'untilRatification.untilOgbDecision.preparation.evaluation': 'Evaluatie',
    'untilRatification.untilOgbDecision.preparation.evaluation.completed': 'Evaluatie afgerond',
    'untilRatification.untilOgbDecision.preparation.budget': 'Begroting',
    'untilRatification.untilOgbDecision.preparation.budget.completed': 'Begroting afgerond',
    'untilRatification.untilOgbDecision.preparation.vng': 'Deelname VNG',
    'untilRatification.untilOgbDecision.preparation.vng.joined': 'VNG doet mee',
    'untilRatification.untilOgbDecision.preparation.vng.out': 'VNG doet niet mee',
    'untilRatification.untilOgbDecision.preparation.vng.open': 'Deelname VNG blijft open',
    'untilRatification.untilOgbDecision.selection': 'Selectie',
  },
  escalation: { 'court.open': 'Naar de rechter staat open' },
  obligation: { 'open.inTime': 'Binnen de termijn' },
  'pc-cycle': {
    sboAccounts: 'Jaarrekening SBO',
    tboAccounts: 'Jaarverslag TBO',
    oboAccounts: "Jaarverslagen OBO's",
    boAccountability: 'Verantwoording aan het BO',
    strategicPlan: 'Strategisch plan',
    tboPlan: 'Tactisch plan TBO',
    oboPlans: "Jaarplannen OBO's",
    progress: 'Voortgangsrapportages',
  },
};
const keyLabels: Record<string, string> = { routing: 'Doorzetten naar de juiste route' };

/** The Dutch label of a node the machine did not name; a neutral one rather than the key. */
export function fallbackNodeLabel(kind: string, path: string, key: string): string {
  return nodeLabels[kind]?.[path] ?? keyLabels[key] ?? 'Stap zonder naam';
}

const systemEvents: Record<string, string> = {
  DEADLINE_PASSED: 'Termijn verstreken',
  CHILD_DONE: 'Deelproces afgerond',
  CHILD_PROGRESS: 'Voortgang van een deelproces',
  PHASE2_OPENED: 'Fase 2 geopend',
  always: 'vanzelf',
};

/** The Dutch label of an event without an operator label. */
export function systemEventLabel(event: string): string {
  if (event.startsWith('xstate.done.state.')) return 'alle deelstappen afgerond';
  return systemEvents[event] ?? 'systeemgebeurtenis';
}
