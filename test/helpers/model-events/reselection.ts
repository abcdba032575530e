/**
 * The re-selection on the current rules (the OGB Beheer decides its preparation by consensus)
 * and on the older ones (one member's event). The preparation's four work streams are
 * independent: each state lets only the first that can move do so (the evaluation needs the
 * approach, which comes first). The VNG's choice is optional, so its events are always offered.
 * Decisions and escalations end as their own kinds' models end.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { DecisionOutput } from '../../../machines/decision/types';
import { organisationIdOf } from '../../../machines/organisations';
import { reselectionDefinition } from '../../../machines/reselection/definition';
import { organisationsOf } from '../../../machines/reselection/machine';
import { CONSENSUS_PREPARATION } from '../../../machines/reselection/revisions';
import type { ReselectionContext } from '../../../machines/reselection/types';
import { actor, members } from './actors';
import { candidateEvents } from './candidates';
import { childrenDone, finalOutputs } from './children';
import { decisionModel } from './decision';
import { escalationModel } from './escalation';
import type { KindModel, ModelStart } from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as ReselectionContext;
const at = '2021-09-01T09:00:00.000Z';
const tbo = 'Kadaster';
const obo = 'Rijkswaterstaat';

const streams = ['approach', 'rules', 'evaluation', 'budget'] as const;
const preparation = { untilRatification: { untilOgbDecision: 'preparation' } };

/** The preparation's work stream an event moves, where it moves one. */
function streamOf(
  snapshot: AnyMachineSnapshot,
  event: EventObject & { key?: string },
): string | undefined {
  if (!snapshot.matches(preparation)) return undefined;
  switch (event.type) {
    case 'APPROACH_AGREED':
    case 'APPROACH_PROPOSED':
      return 'approach';
    case 'RULES_FIXED':
    case 'RULES_PROPOSED':
      return 'rules';
    case 'EVALUATION_COMPLETED':
      return 'evaluation';
    case 'BUDGET_EVALUATION_COMPLETED':
      return 'budget';
    case 'CHILD_DONE':
      return event.key?.startsWith('approach') ? 'approach' : 'rules';
    default:
      return undefined;
  }
}

/** What a re-selection reads of an escalation's end: whether it upholds the proposal. */
interface EscalationOutput {
  resolution: { upholdsProposal: boolean } | null;
}

const outputs = (kind: string) =>
  kind === 'decision'
    ? finalOutputs('decision', decisionModel, (o) => (o as DecisionOutput).outcome)
    : finalOutputs(
        'escalation',
        escalationModel,
        (o) => (o as EscalationOutput).resolution?.upholdsProposal ?? null,
      );

const base: Omit<KindModel, 'keep'> = {
  starts: [
    { name: 'consensus preparation', at, input: {} },
    { name: 'older rules', at, input: {}, olderRules: [CONSENSUS_PREPARATION] },
  ],
  actors: [
    actor('sbo', 'rijk'),
    ...members('ogb', ['rijk', 'vng']),
    actor('bo', 'vng'),
    actor('tbo', undefined, organisationIdOf(tbo)),
    actor('obo', undefined, organisationIdOf(obo)),
  ],
  strings: { tbo: [tbo], obos: [obo], period: ['2024-2028'], meetingDate: [] },
  payloads: (type, snapshot) =>
    type === 'CONSENT'
      ? organisationsOf(contextOf(snapshot)).flatMap((organisation) => [
          { organisation, consents: true },
          { organisation, consents: false },
        ])
      : undefined,
  systemEvents: childrenDone(reselectionDefinition, (request) => outputs(request.kind), at),
  // Attempts, rounds, records and overdue marks: the guards read what is agreed, drafted and consented.
  relevant: (snapshot) => {
    const c = contextOf(snapshot);
    const round = c.proposals.length;
    return {
      approach: c.approach !== null,
      drafts: Object.keys(c.drafts).sort(),
      vng: [c.vng.joins, c.vng.askedForTboRole !== null, c.vng.acceptsTboRole],
      proposed: c.proposals.at(-1)?.changeOfTbo ?? null,
      consents: c.consents
        .filter((x) => x.round === round)
        .map((x) => [x.organisation, x.consents]),
    };
  },
};

const firstMoving = new WeakMap<AnyMachineSnapshot, string | undefined>();
function movingStream(snapshot: AnyMachineSnapshot, start: ModelStart): string | undefined {
  if (firstMoving.has(snapshot)) return firstMoving.get(snapshot);
  const moving = new Set(
    candidateEvents(reselectionDefinition, base, start, snapshot).map((e) => streamOf(snapshot, e)),
  );
  const stream = streams.find((s) => moving.has(s));
  firstMoving.set(snapshot, stream);
  return stream;
}

export const reselectionModel: KindModel = {
  ...base,
  keep: (snapshot, event, start) => {
    const stream = streamOf(snapshot, event);
    return stream === undefined || stream === movingStream(snapshot, start);
  },
};
