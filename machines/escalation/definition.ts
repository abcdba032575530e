import type { AnyMachineSnapshot } from 'xstate';
import type { Actor, Role } from '../actors';
import { amsterdamDate, calendarDaysBefore } from '../dutch-time';
import { addDays } from '../working-days';
import {
  DEFAULT_REMINDER_DAYS,
  mustAct,
  type BoundParty,
  type ProcessDefinition,
} from '../process-definition';
import { wrongRole, type Refusal } from '../refusals';
import { escalationMachine } from './machine';
import {
  escalationInputSchema,
  governmentRoles,
  notePayload,
  origins,
  resolvePayload,
  type EscalationContext,
  type EscalationInput,
  type Rung,
} from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as EscalationContext;
const rungLabels: Record<Rung, string> = {
  principalAgent: 'de opdrachtgever–opdrachtnemerlijn',
  ogb: 'het OGB Beheer',
  bo: 'het Bestuurlijk Overleg',
  settlement: 'de minnelijke regeling',
  court: 'de bevoegde rechter te Den Haag',
};

/** Only the actors of the rung the dispute is on may resolve it there. */
function resolveRefusal(snapshot: AnyMachineSnapshot, actor: Actor): Refusal | undefined {
  const context = contextOf(snapshot);
  if (snapshot.matches('principalAgent')) {
    const line: readonly string[] = origins[context.origin].line;
    return line.includes(actor.role)
      ? undefined
      : wrongRole(`only ${line.join(' and ')} resolve it in their line`);
  }
  if (snapshot.matches('ogb'))
    return actor.role === 'ogb' ? undefined : wrongRole('only the OGB Beheer resolves it now');
  if (snapshot.matches('settlement') || snapshot.matches('court')) {
    return governmentRoles.includes(actor.role as never)
      ? undefined
      : wrongRole('only the parties settle');
  }
  return undefined;
}

const governmentsOnly = (_snapshot: AnyMachineSnapshot, actor: Actor) =>
  governmentRoles.includes(actor.role as never)
    ? undefined
    : wrongRole('only the governments, as parties');

/** A rung's time box is met only if the dispute was resolved there, not handed on. */
const resolvedOn = (snapshot: AnyMachineSnapshot, rung: Rung) =>
  contextOf(snapshot).resolution?.rung === rung;

/** When the current rung's time box ends. */
function rungDue(
  snapshot: AnyMachineSnapshot,
  rung: 'principalAgent' | 'ogb' | 'bo' | 'settlement',
) {
  const context = contextOf(snapshot);
  const record = [...context.rungs].reverse().find((r) => r.rung === rung);
  const unit = context.timeBoxUnit ?? 'calendar';
  return record ? addDays(record.startedAt, context.timeBoxDays[rung], unit) : null;
}

/**
 * A rung's time box binds the parties to the dispute, on every rung, and those who must act on
 * that rung: the OGB Beheer, the BO and its chair, or the governments settling.
 */
const bindsRung =
  (...rungActors: Role[]) =>
  (snapshot: AnyMachineSnapshot): BoundParty[] => [
    ...origins[contextOf(snapshot).origin].sides.map(
      (role) => ({ role, as: 'disputant' }) as const,
    ),
    ...mustAct(...rungActors),
  ];

export const escalationDefinition: ProcessDefinition<EscalationInput> = {
  kind: 'escalation',
  title: 'Escalatie en geschilbeslechting',
  machine: escalationMachine,
  input: escalationInputSchema,
  startRoles: ['sbo', 'tbo', 'ogb', 'bo', 'minister'],
  businessKey: (input) => input.disputeKey,
  machineInput: (input, started) => ({ input, at: started.at }),
  events: {
    RESOLVE: {
      label: 'Geschil opgelost met de afgesproken uitkomst',
      roles: ['sbo', 'tbo', 'obo', 'ogb', 'bo', 'minister'],
      payload: resolvePayload,
      authorise: resolveRefusal,
    },
    MANDATE_LACKING: {
      label: 'Leden OGB Beheer missen het mandaat: naar het BO',
      roles: ['ogb'],
      payload: notePayload,
    },
    SETTLEMENT_FAILED: {
      label: 'Minnelijke regeling biedt geen oplossing',
      roles: ['sbo', 'ogb', 'bo', 'minister'],
      payload: notePayload,
    },
    GO_TO_COURT: {
      label: 'Naar de bevoegde rechter te Den Haag',
      roles: ['sbo', 'ogb', 'bo', 'minister'],
      payload: notePayload,
      authorise: governmentsOnly,
    },
    COURT_RULING: {
      label: 'Uitspraak van de rechter vastleggen',
      roles: ['sbo', 'ogb', 'bo', 'minister'],
      payload: resolvePayload,
    },
  },
  deadlines: {
    principalAgent: {
      label: 'Termijn in de opdrachtgever–opdrachtnemerlijn',
      due: (snapshot) => rungDue(snapshot, 'principalAgent'),
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: bindsRung(),
      metWhen: (snapshot) => resolvedOn(snapshot, 'principalAgent'),
    },
    ogb: {
      label: 'Termijn in het OGB Beheer',
      due: (snapshot) => rungDue(snapshot, 'ogb'),
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: bindsRung('ogb'),
      metWhen: (snapshot) => resolvedOn(snapshot, 'ogb'),
    },
    bo: {
      label: 'Termijn voor consultatie in het BO',
      due: (snapshot) => rungDue(snapshot, 'bo'),
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: bindsRung('bo', 'minister'),
      metWhen: (snapshot) => resolvedOn(snapshot, 'bo'),
    },
    settlement: {
      label: 'Termijn voor de minnelijke regeling',
      due: (snapshot) => rungDue(snapshot, 'settlement'),
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: bindsRung(...governmentRoles),
      metWhen: (snapshot) => resolvedOn(snapshot, 'settlement'),
    },
  },
  children: (snapshot) => {
    if (!snapshot.matches('bo')) return [];
    const context = contextOf(snapshot);
    const round = context.boRounds.length + 1;
    return [
      {
        key: `bo-${context.boAttempts}`,
        kind: 'decision',
        input: {
          decisionKey: `${context.disputeKey}-bo-${context.boAttempts}`,
          body: 'bo',
          subject: `Escalatie: ${context.subject} (consultatieronde ${round})`,
          proposal: context.description,
          // The BO meets on it two weeks after the round opens.
          meetingDate: amsterdamDate(calendarDaysBefore(context.boRoundStartedAt, -14)),
        },
      },
    ];
  },
  summary: (snapshot) => {
    const context = contextOf(snapshot);
    const current = context.rungs.at(-1);
    if (snapshot.matches('resolved')) {
      return `${context.subject}: beëindigd in ${rungLabels[context.resolution?.rung ?? 'court']}`;
    }
    const late = context.overdue.length > 0 ? ' — termijn verstreken' : '';
    const since = current ? ` sinds ${amsterdamDate(current.startedAt)}` : '';
    const round = snapshot.matches('bo') ? `, consultatieronde ${context.boRounds.length + 1}` : '';
    return `${context.subject}: bij ${rungLabels[current?.rung ?? 'bo']}${since}${round}${late}`;
  },
  publicContext: (snapshot) => {
    const context = contextOf(snapshot);
    const current = context.rungs.at(-1);
    return {
      ...context,
      originLabel: origins[context.origin].label,
      currentRung: current ? { ...current, owner: rungLabels[current.rung] } : null,
    };
  },
};
