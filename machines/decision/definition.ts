import type { AnyMachineSnapshot } from 'xstate';
import type { Actor, Party } from '../actors';
import { calendarDaysBefore } from '../dutch-time';
import type { BoundParty, ProcessDefinition } from '../process-definition';
import { decisionMachine } from './machine';
import { wrongRole } from '../refusals';
import {
  chairRefusal,
  closingRefusal,
  DECISION_RULES_2026_12,
  followsNewRules,
  isMember,
  positionOpenFor,
  positionRefusal,
  proxyRefusal,
  writtenVoteRefusal,
} from './rules';
import {
  allParties,
  authoriseProxyPayload,
  chairNotePayload,
  decisionInputSchema,
  positionPayload,
  writtenVotePayload,
  type DecisionContext,
  type DecisionInput,
  type DecisionMachineInput,
} from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as DecisionContext;
const bodyName = (context: DecisionContext) =>
  context.body === 'bo' ? 'Bestuurlijk Overleg' : 'OGB Beheer';

/** The meeting binds the body's members, who decide, and its chair (the Minister for the BO). */
const meetingParties = (snapshot: AnyMachineSnapshot): BoundParty[] => {
  const { body, chair } = contextOf(snapshot);
  return [
    { role: body, as: 'actor' },
    { role: chair.role, party: chair.party, as: 'actor' },
  ];
};

const chairOnly = (snapshot: AnyMachineSnapshot, actor: Actor) =>
  chairRefusal(contextOf(snapshot).chair, actor);

export const decisionDefinition: ProcessDefinition<DecisionInput> = {
  kind: 'decision',
  title: 'Besluit bij consensus (OGB Beheer of Bestuurlijk Overleg)',
  machine: decisionMachine,
  input: decisionInputSchema,
  startRoles: ['sbo', 'ogb', 'bo', 'minister'],
  businessKey: (input) => input.decisionKey,
  machineInput: (input, started): DecisionMachineInput => ({
    input,
    at: started.at,
    ...(started.olderRules ? { olderRules: started.olderRules } : {}),
  }),
  ruleRevisions: [DECISION_RULES_2026_12],
  events: {
    // The proxy is always the sender's own government's (`holder` is whom it goes to).
    AUTHORISE_PROXY: {
      label: 'Een andere partij machtigen (bij verhindering)',
      roles: ['ogb', 'bo'],
      payload: authoriseProxyPayload,
      authorise: (snapshot, actor, payload) =>
        isMember(contextOf(snapshot), actor)
          ? proxyRefusal(contextOf(snapshot), actor, payload.holder as Party | undefined)
          : wrongRole('only members authorise a proxy'),
    },
    POSITION: {
      label: 'Standpunt innemen (zelf of als gemachtigde)',
      roles: ['ogb', 'bo'],
      payload: positionPayload,
      authorise: (snapshot, actor, payload) =>
        positionRefusal(contextOf(snapshot), actor, payload.onBehalfOf as Party | undefined),
    },
    // A written vote is sent to the chair (seed §6.2), who registers it for the party it names.
    WRITTEN_VOTE: {
      label: 'Schriftelijke stem registreren (voorzitter)',
      roles: ['ogb', 'bo', 'minister'],
      payload: writtenVotePayload,
      authorise: (snapshot, actor, payload) =>
        chairOnly(snapshot, actor) ??
        writtenVoteRefusal(contextOf(snapshot), payload.party as Party | undefined),
      options: (snapshot) =>
        allParties
          .map((party) => ({ party, position: 'agree' }))
          .filter(({ party }) => positionOpenFor(contextOf(snapshot), party)),
    },
    // Closing presumes the meeting was held: not before its date (missing-earlier-step).
    CLOSE_MEETING: {
      label: 'Vergadering sluiten (voorzitter)',
      roles: ['ogb', 'bo', 'minister'],
      payload: chairNotePayload,
      authorise: (snapshot, actor, _payload, at) =>
        chairOnly(snapshot, actor) ?? closingRefusal(contextOf(snapshot), at),
    },
    OPEN_SECOND_MEETING: {
      label: 'Tweede vergadering openen (voorzitter)',
      roles: ['ogb', 'bo', 'minister'],
      payload: chairNotePayload,
      authorise: chairOnly,
    },
  },
  deadlines: {
    meeting: {
      label: 'Besluit in de vergadering',
      // The meeting is that day: the decision is due by the end of it.
      due: (snapshot) => calendarDaysBefore(contextOf(snapshot).meetingDate, -1),
      remindDaysBefore: [7, 1],
      boundBy: meetingParties,
    },
    secondMeeting: {
      label: 'Volgende vergadering, binnen één maand',
      due: (snapshot) => contextOf(snapshot).secondMeetingDue,
      remindDaysBefore: [7, 1],
      boundBy: meetingParties,
      // "binnen één maand": neither an extension nor a suspension carries it past the month.
      latest: (snapshot) => {
        const context = contextOf(snapshot);
        if (!followsNewRules(context) || context.secondMeetingDue === null) return null;
        return {
          at: context.secondMeetingDue,
          nl: 'het volgend overleg wordt binnen één maand na het eerste gehouden (§6.2)',
          en: 'the next meeting is held within one month of the first (§6.2)',
        };
      },
    },
  },
  summary: (snapshot) => {
    const context = contextOf(snapshot);
    const head = `${bodyName(context)}: ${context.subject}`;
    const late = context.overdue.length > 0 ? ' — over de termijn' : '';
    if (snapshot.matches('adopted')) {
      const bound =
        context.boundAbsent.length > 0 ? `, bindt ook ${context.boundAbsent.join(', ')}` : '';
      return `${head}: besloten bij consensus${bound}`;
    }
    if (snapshot.matches('rejected')) return `${head}: geen consensus`;
    if (snapshot.matches('undecided'))
      return `${head}: niet besloten, geen partij aanwezig in de tweede vergadering`;
    if (snapshot.matches('postponed'))
      return `${head}: aangehouden tot de volgende vergadering${late}`;
    const count = allParties.filter((party) => context.positions[party]).length;
    const round = context.round === 2 ? 'tweede vergadering' : 'vergadering';
    return `${head}: ${round}, ${count} van 4 standpunten${late}`;
  },
  publicContext: (snapshot) => ({ ...contextOf(snapshot) }),
};
