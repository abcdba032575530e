import type { AnyMachineSnapshot } from 'xstate';
import { DEFAULT_REMINDER_DAYS, mustAct, type ProcessDefinition } from '../process-definition';
import { acceptanceMatrix } from './matrix';
import { programmeMachine } from './machine';
import { programmeSteps } from './earlier-steps';
import {
  allowsKnownState,
  bodyOf,
  DEFINITIVE_ACCEPTANCE_ONLY,
  isDefinitivelyAccepted,
  isDelivered,
  isKnownStateAccepted,
} from './rules';
import {
  extensionProtocolPayload,
  knownStatePayload,
  programmeInputSchema,
  readyReportPayload,
  wholeAcceptPayload,
  wholeDefectsPayload,
  wholeRepairedPayload,
  type ProgrammeContext,
  type ProgrammeInput,
} from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as ProgrammeContext;

export const programmeDefinition: ProcessDefinition<ProgrammeInput> = {
  kind: 'acceptance-programme',
  title: 'Acceptatie van DSO-LV als geheel',
  machine: programmeMachine,
  input: programmeInputSchema,
  startRoles: ['programme', 'ogb'],
  businessKey: (input) => input.programme,
  machineInput: (input, started) => ({ input, ...started }),
  ruleRevisions: [DEFINITIVE_ACCEPTANCE_ONLY],
  events: {
    READY_REPORT: {
      label: 'Voorziening gereedmelden (of een lopende acceptatie overnemen)',
      roles: ['programme'],
      payload: readyReportPayload,
      options: (snapshot) =>
        contextOf(snapshot)
          .provisions.filter((entry) => entry.readyReport === null)
          .map((entry) => ({ provision: entry.id })),
    },
    ACCEPT_KNOWN_STATE: {
      label: 'Bekende staat van een voorziening aanvaarden',
      roles: ['ogb', 'tbo'],
      payload: knownStatePayload,
      refusedBecause: programmeSteps.ACCEPT_KNOWN_STATE,
      options: (snapshot, actor) =>
        contextOf(snapshot)
          .provisions.filter((entry) => {
            if (!allowsKnownState(contextOf(snapshot))) return false;
            const body = bodyOf({ actor });
            return !isDefinitivelyAccepted(entry) && body && !entry.knownState[body];
          })
          .map((entry) => ({ provision: entry.id, note: 'bekende staat aanvaard' })),
    },
    DEFINITIVELY_ACCEPT_WHOLE: {
      label: 'DSO-LV als geheel definitief accepteren',
      roles: ['ogb', 'tbo'],
      payload: wholeAcceptPayload,
      refusedBecause: programmeSteps.DEFINITIVELY_ACCEPT_WHOLE,
    },
    REPORT_WHOLE_DEFECTS: {
      label: 'Gebreken in het geheel melden',
      roles: ['ogb', 'tbo'],
      payload: wholeDefectsPayload,
      refusedBecause: programmeSteps.REPORT_WHOLE_DEFECTS,
      options: () => [{ findings: 'gebreken' }],
    },
    WHOLE_REPAIRED: {
      label: 'Herstel van het geheel opgeleverd (ontwikkelkosten)',
      roles: ['developer'],
      payload: wholeRepairedPayload,
      refusedBecause: programmeSteps.WHOLE_REPAIRED,
      options: () => [{ summary: 'hersteld', developmentCostCents: 0 }],
    },
    EXTENSION_PROTOCOL_PROPOSED: {
      label: 'Acceptatieprotocol voor uitbouw voorstellen',
      roles: ['tbo'],
      payload: extensionProtocolPayload,
      options: () => [{ summary: 'voorstel' }],
    },
  },
  deadlines: {
    phase1: {
      label: 'Alle voorzieningen voorlopig geaccepteerd (einde fase 1)',
      due: (snapshot) => contextOf(snapshot).dues.phase1Due,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      // The programme reports ready; each provision's acceptance (both bodies, repairs) ends it.
      boundBy: mustAct('programme', 'tbo', 'ogb', 'developer'),
    },
    phase2: {
      label: 'Definitieve acceptatie van de voorzieningen en het geheel (einde fase 2)',
      due: (snapshot) => contextOf(snapshot).dues.phase2Due,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: mustAct('tbo', 'ogb', 'developer', 'programme'),
    },
    extensionProtocol: {
      label: 'Voorstel acceptatieprotocol voor uitbouw (uiterlijk Q3 2020)',
      due: (snapshot) => contextOf(snapshot).dues.extensionProtocolDue,
      remindDaysBefore: DEFAULT_REMINDER_DAYS,
      boundBy: mustAct('tbo'),
    },
  },
  children: (snapshot) => {
    const context = contextOf(snapshot);
    return context.provisions.flatMap((entry) =>
      entry.readyReport === null
        ? []
        : [
            {
              key: entry.id,
              kind: 'acceptance',
              linked: true,
              input: {
                provision: entry.id,
                provisionName: entry.name,
                readyReportNote: entry.readyReport.note,
                ...(entry.readyReport.readyReportedOn
                  ? { readyReportedOn: entry.readyReport.readyReportedOn }
                  : {}),
                phase1Due: context.dues.phase1Due,
                phase2Due: context.dues.phase2Due,
                agreementDue: context.dues.agreementDue,
              },
            },
          ],
    );
  },
  childEvents: (snapshot) => {
    const context = contextOf(snapshot);
    if (context.phase2OpenedAt === null) return [];
    return context.provisions.map((entry) => ({
      key: entry.id,
      id: `phase2:${entry.id}`,
      type: 'PHASE2_OPENED',
      payload: { programme: context.programme.id },
    }));
  },
  summary: (snapshot) => {
    const context = contextOf(snapshot);
    const total = context.provisions.length;
    const late =
      context.overdue.length > 0 ? ` — over de termijn: ${context.overdue.join(', ')}` : '';
    if (snapshot.matches({ acceptance: 'discharged' })) {
      return `${context.programme.name}: definitief geaccepteerd, decharge aan het programma verleend${late}`;
    }
    if (snapshot.matches({ acceptance: { phase2: 'wholeRepair' } })) {
      return `${context.programme.name}: gebreken in het geheel, herstel loopt${late}`;
    }
    if (snapshot.matches({ acceptance: { phase2: 'whole' } })) {
      return `${context.programme.name}: ter definitieve acceptatie als geheel${late}`;
    }
    if (snapshot.matches({ acceptance: 'phase2' })) {
      const accepted = context.provisions.filter(isDefinitivelyAccepted).length;
      const known = context.provisions.filter(
        (entry) => !isDefinitivelyAccepted(entry) && isKnownStateAccepted(entry),
      ).length;
      return `${context.programme.name}: fase 2, ${accepted} van ${total} voorzieningen definitief geaccepteerd${known ? `, ${known} in aanvaarde bekende staat` : ''}${late}`;
    }
    const reported = context.provisions.filter((entry) => entry.readyReport !== null).length;
    const delivered = context.provisions.filter(isDelivered).length;
    return `${context.programme.name}: fase 1, ${reported} van ${total} gereed gemeld, ${delivered} voorlopig geaccepteerd${late}`;
  },
  publicContext: (snapshot) => {
    const context = contextOf(snapshot);
    return {
      programme: context.programme,
      dues: context.dues,
      phase2OpenedAt: context.phase2OpenedAt,
      provisions: context.provisions.map((entry) => ({
        id: entry.id,
        name: entry.name,
        readyReport: entry.readyReport,
        childId: entry.childId,
        summary: entry.summary,
        knownState: entry.knownState,
      })),
      matrix: acceptanceMatrix(context),
      whole: {
        acceptance: context.wholeAcceptance,
        defects: context.wholeDefects,
        discharge: context.discharge,
      },
      extensionProtocol: context.extensionProtocol,
      overdue: context.overdue,
    };
  },
};
