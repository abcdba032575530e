import type { AnyMachineSnapshot } from 'xstate';
import { roleLabels, roles, type Actor } from '../actors';
import { amsterdamDate } from '../dutch-time';
import {
  DEFAULT_REMINDER_DAYS,
  followsRule,
  type DeadlineDefinition,
  type ProcessDefinition,
} from '../process-definition';
import { missingEarlierStep, wrongParty, wrongRole, type Refusal } from '../refusals';
import { obligationMachine } from './machine';
import {
  acceptPayload,
  deliverPayload,
  obligationInputSchema,
  waivePayload,
  WAIVE_WHEN_LAPSED_RULE,
  type ObligationContext,
  type ObligationInput,
  type Responsible,
} from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as ObligationContext;

const describe = (who: Responsible): string =>
  who.party ? `${roleLabels[who.role]} (${who.party})` : roleLabels[who.role];

/** Whether this actor is the responsible role (and, where one is named, that party's member). */
function refusal(who: Responsible | null, actor: Actor, what: string): Refusal | undefined {
  if (who === null) return wrongRole(`this obligation has no ${what}`);
  const reason = `only the ${what} (${describe(who)}) may do this`;
  if (actor.role !== who.role) return wrongRole(reason);
  if (who.party !== undefined && actor.party !== who.party) return wrongParty(reason);
  return undefined;
}

/** "Before D" as operators read it: the last day still in time is the day before D. */
const dueDay = (context: ObligationContext): string => amsterdamDate(context.due);

/** An obligation still in time is the owner's to deliver: the SBO waives it once it lapsed. */
function stillInTime(snapshot: AnyMachineSnapshot): Refusal | undefined {
  const context = contextOf(snapshot);
  if (!snapshot.matches({ open: 'inTime' })) return undefined;
  if (!followsRule(context.olderRules, WAIVE_WHEN_LAPSED_RULE)) return undefined;
  const day = dueDay(context);
  return missingEarlierStep(
    `de verplichting is nog op tijd (te leveren vóór ${day}): de SBO verklaart haar pas ` +
      `vervallen als de termijn verstreken is / the obligation is still in time (due before ` +
      `${day}): the SBO waives it only once its due date has passed`,
  );
}

const notWaived = (snapshot: AnyMachineSnapshot): boolean => !snapshot.matches('waived');

const deadlines = {
  due: {
    label: 'Termijn van de verplichting',
    due: (snapshot) => (contextOf(snapshot).moment ? null : contextOf(snapshot).due),
    remindDaysBefore: DEFAULT_REMINDER_DAYS,
    // A waived obligation was not met: its deadline is recorded as passed on, not met.
    metWhen: notWaived,
    // The owner delivers (only its government's member, where one is named).
    boundBy: (snapshot) => {
      const { owner } = contextOf(snapshot);
      return [{ role: owner.role, ...(owner.party ? { party: owner.party } : {}), as: 'actor' }];
    },
  },
  moment: {
    label: 'Moment',
    due: (snapshot) => (contextOf(snapshot).moment ? contextOf(snapshot).due : null),
    remindDaysBefore: DEFAULT_REMINDER_DAYS,
    moment: true,
    metWhen: notWaived,
    // Reached by itself: no one acts before it.
    boundBy: [],
  },
} satisfies Record<string, DeadlineDefinition>;

export const obligationDefinition: ProcessDefinition<ObligationInput> = {
  kind: 'obligation',
  title: 'Verplichting met termijn',
  machine: obligationMachine,
  input: obligationInputSchema,
  startRoles: ['sbo'],
  // The principal (SBO) or the highest body (BO) may move a deadline, never the owner it binds.
  deadlineRoles: ['sbo', 'bo'],
  businessKey: (input) => input.obligationKey,
  ruleRevisions: [WAIVE_WHEN_LAPSED_RULE],
  machineInput: (input, started) => ({
    input,
    ...(started.olderRules ? { olderRules: started.olderRules } : {}),
  }),
  events: {
    DELIVER: {
      label: 'Geleverd (eigenaar)',
      // Any role may own an obligation; `authorise` holds each run to its own owner.
      roles,
      payload: deliverPayload,
      authorise: (snapshot, actor) => refusal(contextOf(snapshot).owner, actor, 'owner'),
    },
    ACCEPT: {
      label: 'Ontvangst bevestigd (ontvanger)',
      roles,
      payload: acceptPayload,
      authorise: (snapshot, actor) => refusal(contextOf(snapshot).recipient, actor, 'recipient'),
    },
    WAIVE: {
      label: 'Vervallen verklaren (SBO)',
      roles: ['sbo'],
      payload: waivePayload,
      authorise: stillInTime,
    },
  },
  deadlines,
  summary: (snapshot) => {
    const context = contextOf(snapshot);
    const head = `${context.title} (${describe(context.owner)})`;
    if (snapshot.matches('awaitingMoment')) return `${head}: op ${dueDay(context)}`;
    if (snapshot.matches({ open: 'inTime' })) return `${head}: te leveren vóór ${dueDay(context)}`;
    if (snapshot.matches({ open: 'overdue' })) {
      return `${head}: termijn verstreken (vóór ${dueDay(context)}), nog niet geleverd`;
    }
    const late = context.delivery?.late ? ' (te laat)' : '';
    if (snapshot.matches('awaitingAcceptance') && context.recipient) {
      return `${head}: geleverd${late}, wacht op bevestiging door ${describe(context.recipient)}`;
    }
    if (snapshot.matches('accepted')) return `${head}: geleverd${late} en bevestigd`;
    if (snapshot.matches('delivered')) return `${head}: geleverd${late}`;
    if (snapshot.matches('reached')) return `${head}: bereikt`;
    return `${head}: vervallen verklaard (${context.waiver?.reason ?? ''})`;
  },
  publicContext: (snapshot) => {
    // The rule revisions a run follows are the host's business, not the operators'.
    const context: Omit<ObligationContext, 'olderRules'> & { olderRules?: unknown } = {
      ...contextOf(snapshot),
    };
    delete context.olderRules;
    return {
      ...context,
      ownerLabel: describe(context.owner),
      recipientLabel: context.recipient ? describe(context.recipient) : null,
      dueDay: dueDay(contextOf(snapshot)),
    };
  },
};

/**
 * The definition one run is hosted with: the reminder days are the run's own (its start input),
 * which the shared definition cannot know. Pure, so the workflow stays deterministic; an input
 * that does not parse gets the shared definition, whose input check then fails the run.
 */
export function obligationDefinitionFor(rawInput: unknown): ProcessDefinition<ObligationInput> {
  const parsed = obligationInputSchema.safeParse(rawInput);
  if (!parsed.success) return obligationDefinition;
  const remindDaysBefore = parsed.data.reminderDays;
  return {
    ...obligationDefinition,
    deadlines: {
      due: { ...deadlines.due, remindDaysBefore },
      moment: { ...deadlines.moment, remindDaysBefore },
    },
  };
}
