/**
 * The re-selection's rule revisions (ProcessDefinition.ruleRevisions), oldest first. A run that
 * started before one keeps the rules it was recorded under, so its history replays.
 */

/**
 * Issue 14: the OGB Beheer agrees the approach and fixes the rules by consensus (§6.2, §6.4) in
 * a `decision` child rather than by one member's event; the VNG may still join until the
 * proposal (§8.2) instead of being set to "stays out" once the rules are fixed.
 */
export const CONSENSUS_PREPARATION = 'reselection-consensus-preparation-2026-12';

export const reselectionRuleRevisions = [CONSENSUS_PREPARATION] as const;
