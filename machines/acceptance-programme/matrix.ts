import { assessingBodies, assessmentLabels, assessments } from '../acceptance/assessments';
import type { AcceptanceReport } from '../acceptance/types';
import type { ProgrammeContext, ProvisionEntry } from './types';

function provisionStatus(entry: ProvisionEntry): string {
  if (entry.report?.definitivelyAccepted) return 'definitivelyAccepted';
  if (entry.report?.phase === 'phase2') return 'phase2';
  if (entry.report?.delivered) return 'delivered';
  return entry.readyReport === null ? 'notReported' : 'phase1';
}

/**
 * A provision's deadlines as the matrix shows them: `overdue` those it still owes past their date,
 * `late` those it met after it. The run's own report keeps every deadline that ever passed (its
 * flags never clear), so a signed agreement would otherwise stay "overdue" for good.
 */
export function deadlineStanding(report: AcceptanceReport | null): {
  overdue: string[];
  late: string[];
} {
  const passed = report?.overdue ?? [];
  const met: Record<string, boolean> = {
    phase1: report?.delivered === true,
    phase2: report?.definitivelyAccepted === true,
    agreement: report?.agreement === 'signed',
  };
  return {
    overdue: passed.filter((deadline) => met[deadline] !== true),
    late: passed.filter((deadline) => met[deadline] === true),
  };
}

export interface MatrixCell {
  outcome: 'positive' | 'negative';
  by: string;
  at: string;
  findings: string;
  round: number;
}

/**
 * The acceptance matrix: provisions × phase × the four assessments × OGB Beheer / TBO, each cell
 * the standing verdict (or null while none is given), with each provision's acceptances,
 * discharge, management-cost start and deadline standing beside it.
 */
export function acceptanceMatrix(context: ProgrammeContext) {
  return {
    assessments: assessments.map((id) => ({ id, label: assessmentLabels[id] })),
    bodies: [...assessingBodies],
    rows: context.provisions.map((entry) => {
      const report = entry.report;
      const cells = (phase: 'phase1' | 'phase2') =>
        Object.fromEntries(
          assessments.map((assessment) => [
            assessment,
            Object.fromEntries(
              assessingBodies.map((body): [string, MatrixCell | null] => [
                body,
                report?.matrix[phase][assessment][body] ?? null,
              ]),
            ),
          ]),
        );
      return {
        provision: entry.id,
        name: entry.name,
        status: provisionStatus(entry),
        summary: entry.summary,
        phase1: cells('phase1'),
        phase2: cells('phase2'),
        provisionalAcceptance: report?.provisionalAcceptance ?? {},
        definitiveAcceptance: report?.definitiveAcceptance ?? {},
        knownState: entry.knownState,
        discharge: report?.discharge ?? null,
        managementCosts: report?.managementCosts ?? null,
        repairs: report?.repairs ?? 0,
        agreement: report?.agreement ?? null,
        ...deadlineStanding(report),
      };
    }),
  };
}
