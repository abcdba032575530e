import type { AnyMachineSnapshot } from 'xstate';
import type { ProcessDefinition } from '../process-definition';
import { wrongParty } from '../refusals';
import { categoryLabels, decisionTypes, otherGovernments } from './decision-types';
import { sboDecisionMachine } from './machine';
import {
  decidePayload,
  respondPayload,
  sboDecisionInputSchema,
  type SboDecisionContext,
  type SboDecisionInput,
} from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as SboDecisionContext;

export const sboDecisionDefinition: ProcessDefinition<SboDecisionInput> = {
  kind: 'sbo-decision',
  title: 'Besluit van de strategische beheerorganisatie',
  machine: sboDecisionMachine,
  input: sboDecisionInputSchema,
  startRoles: ['sbo'],
  businessKey: (input) => input.decisionKey,
  machineInput: (input) => ({ input }),
  events: {
    RESPOND: {
      label: 'Reactie in de afstemming (andere overheden)',
      roles: ['ogb'],
      payload: respondPayload,
      authorise: (_snapshot, actor) =>
        actor.party !== undefined && (otherGovernments as readonly string[]).includes(actor.party)
          ? undefined
          : wrongParty(`only the other governments (${otherGovernments.join(', ')}) respond`),
    },
    DECIDE: { label: 'Besluiten (SBO)', roles: ['sbo'], payload: decidePayload },
  },
  deadlines: {
    consultation: {
      label: 'Reacties van de andere overheden',
      due: (snapshot) => contextOf(snapshot).responseDue,
      remindDaysBefore: [7, 1],
      // The other governments' members of the OGB Beheer respond; the SBO waits for them.
      boundBy: otherGovernments.map((party) => ({ role: 'ogb', party, as: 'actor' }) as const),
    },
  },
  children: (snapshot) => {
    if (!snapshot.matches('consensus')) return [];
    const context = contextOf(snapshot);
    return [
      {
        key: 'ogb',
        kind: 'decision',
        input: {
          decisionKey: `${context.decisionKey}-ogb`,
          body: 'ogb',
          subject: context.subject,
          proposal: context.proposal,
          meetingDate: context.meetingDate,
        },
      },
    ];
  },
  summary: (snapshot) => {
    const context = contextOf(snapshot);
    const head = `${context.subject} (categorie ${context.category})`;
    if (snapshot.matches('consensus')) return `${head}: wacht op consensus in het OGB Beheer`;
    if (snapshot.matches('consultation')) {
      const count = otherGovernments.filter((party) => context.responses[party]).length;
      return `${head}: afstemming, ${count} van ${otherGovernments.length} reacties`;
    }
    if (snapshot.matches('deciding')) return `${head}: de SBO besluit`;
    if (snapshot.matches('noConsensus')) return `${head}: geen consensus, escalatie nodig`;
    if (snapshot.matches('decisionFailed')) return `${head}: het besluitproces is mislukt`;
    const verdict = context.decision?.decision === 'reject' ? 'afgewezen' : 'vastgesteld';
    const told = context.notify.length > 0 ? `, te melden aan ${context.notify.join(', ')}` : '';
    return `${head}: ${verdict}${told}`;
  },
  publicContext: (snapshot) => {
    const context = contextOf(snapshot);
    return {
      ...context,
      categoryLabel: categoryLabels[context.category],
      decisionTypeLabel: decisionTypes[context.decisionType as keyof typeof decisionTypes].label,
    };
  },
};
