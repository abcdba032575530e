/**
 * Why the re-selection refuses an event, where the cause is a rule the operator should read
 * rather than a bare "not now": a missing earlier step (409) or an organisation outside the
 * proposal (400). Each refuses only where the chart refuses too, so allowed events are unchanged.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Actor } from '../actors';
import {
  missingEarlierStep,
  notInProposal,
  wrongParty,
  wrongRole,
  type Refusal,
} from '../refusals';
import { decidesByConsensus, organisationsOf } from './machine';
import type { ReselectionContext } from './types';

type Authorise = (
  snapshot: AnyMachineSnapshot,
  actor: Actor,
  payload: Record<string, unknown>,
) => Refusal | undefined;

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as ReselectionContext;
const untilOgb = (state: unknown) => ({ untilRatification: { untilOgbDecision: state } });
const inPreparation = (s: AnyMachineSnapshot) => s.matches(untilOgb('preparation'));
const inSelection = (s: AnyMachineSnapshot, step: string) =>
  s.matches(untilOgb({ selection: step }));

/** The preparation's steps still open, in Dutch and English. */
function openSteps(context: ReselectionContext): { nl: string; en: string } {
  const steps: [boolean, string, string][] = [
    [
      context.approach === null,
      'de afspraken over inhoud en aanpak van de evaluatie (OGB Beheer)',
      'the approach to the evaluation (OGB Beheer)',
    ],
    [
      context.rules === null,
      'de spelregels en criteria (OGB Beheer)',
      'the selection rules and criteria (OGB Beheer)',
    ],
    [
      context.evaluation === null,
      'de evaluatie van TBO en OBO’s (SBO)',
      'the evaluation of the TBO and OBOs (SBO)',
    ],
    [
      context.budgetEvaluation === null,
      'de evaluatie van het taakstellend budget (SBO)',
      'the evaluation of the fixed task budget (SBO)',
    ],
  ];
  const open = steps.filter(([missing]) => missing);
  return {
    nl: open.map(([, nl]) => nl).join('; ') || 'de voorbereiding',
    en: open.map(([, , en]) => en).join('; ') || 'the preparation',
  };
}

const preparationFirst = (snapshot: AnyMachineSnapshot): Refusal | undefined => {
  if (!inPreparation(snapshot)) return undefined;
  const steps = openSteps(contextOf(snapshot));
  return missingEarlierStep(`eerst nog: ${steps.nl}`, `first: ${steps.en}`);
};

/** "Met instemming van de betrokken organisaties" (§6.3): those of the proposal, and only once it is made. */
export const consentRefusal: Authorise = (snapshot, _actor, payload) => {
  const organisation = typeof payload.organisation === 'string' ? payload.organisation : '';
  if (inSelection(snapshot, 'consent')) {
    const proposed = organisationsOf(contextOf(snapshot));
    if (proposed.includes(organisation)) return undefined;
    return notInProposal(
      'organisation',
      `${organisation} staat niet in het voorstel van de SBO (${proposed.join(', ')}); alleen de betrokken organisaties stemmen in (§6.3)`,
      `${organisation} is not in the SBO's proposal (${proposed.join(', ')}); only the organisations concerned consent (§6.3)`,
    );
  }
  if (inPreparation(snapshot) || inSelection(snapshot, 'proposing')) {
    return missingEarlierStep(
      'er ligt geen voorstel van de SBO om mee in te stemmen',
      'there is no proposal by the SBO to consent to',
    );
  }
  if (inSelection(snapshot, 'vngConsidering')) {
    return missingEarlierStep(
      'er ligt geen voorstel: de VNG overweegt nog de rol van TBO',
      'there is no proposal: the VNG is still considering the TBO role',
    );
  }
  return undefined;
};

export const proposeRefusal: Authorise = (snapshot) => preparationFirst(snapshot);

export const evaluationRefusal: Authorise = (snapshot) =>
  inPreparation(snapshot) && contextOf(snapshot).approach === null
    ? missingEarlierStep(
        'eerst de afspraak over inhoud en aanpak van de evaluatie (§3.6)',
        'first the agreement on the content and approach of the evaluation (§3.6)',
      )
    : undefined;

export const askVngRefusal: Authorise = (snapshot) => {
  const context = contextOf(snapshot);
  if (inSelection(snapshot, 'proposing') && context.vng.joins === null) {
    return missingEarlierStep(
      'de VNG heeft nog niet besloten mee te doen in het selectieproces (§8.2)',
      'the VNG has not yet chosen to join the selection (§8.2)',
    );
  }
  return preparationFirst(snapshot);
};

export const vngOnly: Authorise = (_snapshot, actor) =>
  actor.party === 'vng' ? undefined : wrongParty('only the VNG speaks for the municipalities');

export const vngAnswerRefusal: Authorise = (snapshot, actor, payload) => {
  const notVng = vngOnly(snapshot, actor, payload);
  if (notVng) return notVng;
  const notAsked =
    inPreparation(snapshot) ||
    (inSelection(snapshot, 'proposing') && contextOf(snapshot).vng.askedForTboRole === null);
  return notAsked
    ? missingEarlierStep(
        'de SBO heeft de VNG nog niet gevraagd de rol van TBO te vervullen',
        'the SBO has not asked the VNG to take the TBO role',
      )
    : undefined;
};

/** For runs under the consensus rules: one member's event no longer decides for the body. */
export const byConsensusOnly =
  (instead: string): Authorise =>
  (snapshot) =>
    decidesByConsensus(contextOf(snapshot))
      ? wrongRole(
          `het OGB Beheer besluit hierover bij consensus (§6.2), niet één lid: leg het voor met ${instead} / the OGB Beheer decides this by consensus (§6.2), not one member: put it forward with ${instead}`,
        )
      : undefined;
