/**
 * The consensus decision, by the OGB Beheer on the current rules and by the BO on the older ones.
 * Parties act in a fixed order (the first whose position is open), a proxy goes to the next
 * party, and the chair closes the first meeting with at most one position given: orders that
 * differ only in who spoke first reach the same guards, and the state space stays small.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { parties, type Actor, type Party } from '../../../machines/actors';
import {
  DECISION_RULES_2026_12,
  partySpokenFor,
  positionOpenFor,
} from '../../../machines/decision/rules';
import type { DecisionContext } from '../../../machines/decision/types';
import { actor, members } from './actors';
import type { KindModel } from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as DecisionContext;
const next = (party: Party): Party =>
  parties[(parties.indexOf(party) + 1) % parties.length] ?? party;

const base = { subject: 'Releaseplanning', proposal: 'Vaststellen', meetingDate: '2019-03-14' };
const at = '2019-03-01T09:00:00.000Z';

function keep(snapshot: AnyMachineSnapshot, event: EventObject & { actor?: Actor }): boolean {
  const context = contextOf(snapshot);
  const e = event as EventObject & {
    actor: Actor;
    holder?: Party;
    onBehalfOf?: Party;
    party?: Party;
  };
  const first = parties.find((party) => positionOpenFor(context, party));
  switch (e.type) {
    case 'POSITION':
    case 'WRITTEN_VOTE':
      return partySpokenFor(e) === first;
    case 'AUTHORISE_PROXY':
      return first !== undefined && e.actor.party === first && e.holder === next(first);
    case 'CLOSE_MEETING':
      return context.round === 2 || Object.keys(context.positions).length <= 1;
    default:
      return true;
  }
}

export const decisionModel: KindModel = {
  starts: [
    { name: 'OGB Beheer', at, input: { ...base, decisionKey: 'ogb-besluit', body: 'ogb' } },
    {
      name: 'BO, older rules',
      at,
      olderRules: [DECISION_RULES_2026_12],
      input: { ...base, decisionKey: 'bo-besluit', body: 'bo' },
    },
  ],
  actors: [...members('ogb', parties), ...members('bo', parties), actor('minister', 'rijk')],
  // On the meeting's day: the chair may close it then (current rules).
  moments: () => ['2019-03-14T10:00:00.000Z'],
  keep,
  // The overdue list is for operators; no guard reads it.
  relevant: (snapshot) => {
    const { round, proxies, positions } = contextOf(snapshot);
    return {
      round,
      proxies,
      positions: parties.map(
        (p) => positions[p] && [positions[p].position, positions[p].how, positions[p].round],
      ),
    };
  },
};
