/**
 * The programme with two provisions, on the current rules and on the older ones that also let
 * the bodies accept a provision's known state. Each provision's run reports what its acceptance
 * model really reports, never going back (the host keeps only a child's newest report).
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import type { AcceptanceReport } from '../../../machines/acceptance/types';
import { programmeDefinition } from '../../../machines/acceptance-programme/definition';
import { DEFINITIVE_ACCEPTANCE_ONLY } from '../../../machines/acceptance-programme/rules';
import type {
  ProgrammeContext,
  ProvisionEntry,
} from '../../../machines/acceptance-programme/types';
import { systemActor } from '../../../machines/actors';
import { acceptanceModel } from './acceptance';
import { actor } from './actors';
import { childReports } from './children';
import type { KindModel, ModelStart } from './types';

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as ProgrammeContext;
const at = '2019-02-01T09:00:00.000Z';
const input = { provisions: [{ id: 'loket' }, { id: 'tpod' }] };

/** How far a report says a provision is; what the programme's guards read of it. */
const rank = (report: AcceptanceReport | null | undefined): number =>
  !report ? 0 : report.definitivelyAccepted ? 3 : report.delivered ? 2 : 1;

const reports = () =>
  childReports('acceptance', acceptanceModel, (report) =>
    rank(report as AcceptanceReport),
  ) as AcceptanceReport[];

function progress(snapshot: AnyMachineSnapshot, start: ModelStart): EventObject[] {
  const entries = new Map(contextOf(snapshot).provisions.map((entry) => [entry.id, entry]));
  return (programmeDefinition.children?.(snapshot) ?? []).flatMap((request) => {
    const entry: ProvisionEntry | undefined = entries.get(request.key);
    return reports()
      .filter((report) => rank(report) > rank(entry?.report))
      .map((report) => ({
        type: 'CHILD_PROGRESS',
        key: request.key,
        kind: request.kind,
        childId: `acceptance-${request.key}`,
        summary: `stand ${String(rank(report))}`,
        tags: [],
        report,
        actor: systemActor,
        at: start.at,
      }));
  });
}

export const programmeModel: KindModel = {
  starts: [
    { name: 'current rules', at, input },
    { name: 'known state allowed', at, input, olderRules: [DEFINITIVE_ACCEPTANCE_ONLY] },
  ],
  actors: [actor('programme'), actor('ogb', 'vng'), actor('tbo'), actor('developer')],
  strings: { note: ['Bekende staat'] },
  systemEvents: progress,
  relevant: (snapshot) => {
    const c = contextOf(snapshot);
    return {
      provisions: c.provisions.map((entry) => [
        entry.readyReport !== null,
        rank(entry.report),
        Object.keys(entry.knownState).sort(),
      ]),
      whole: Object.keys(c.wholeAcceptance).sort(),
    };
  },
};
