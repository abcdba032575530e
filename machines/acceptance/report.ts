import type { AnyMachineSnapshot } from 'xstate';
import { assessingBodies, assessments } from './assessments';
import type { AcceptanceContext, AcceptanceReport, MatrixRow, Phase, Verdict } from './types';

/** The standing verdicts of each phase: the latest one per assessment and body. */
export function matrixRow(verdictLog: readonly Verdict[]): MatrixRow {
  const row = (phase: Phase) =>
    Object.fromEntries(
      assessments.map((assessment) => [
        assessment,
        Object.fromEntries(
          assessingBodies.flatMap((body) => {
            const latest = verdictLog
              .filter((v) => v.phase === phase && v.assessment === assessment && v.body === body)
              .at(-1);
            if (!latest) return [];
            const { outcome, findings, at, by, round } = latest;
            return [[body, { outcome, findings, at, by, round }]];
          }),
        ),
      ]),
    ) as MatrixRow[Phase];
  return { phase1: row('phase1'), phase2: row('phase2') };
}

/** What a provision's run tells its programme: enough for the programme's matrix and gate. */
export function acceptanceReport(snapshot: AnyMachineSnapshot): AcceptanceReport {
  const context = snapshot.context as AcceptanceContext;
  const overdue = [
    ...(context.phase1Overdue ? ['phase1'] : []),
    ...(context.phase2Overdue ? ['phase2'] : []),
    ...(context.agreementOverdue ? ['agreement'] : []),
  ];
  return {
    provision: context.provision,
    phase: context.phase,
    delivered: snapshot.hasTag('delivered'),
    definitivelyAccepted: snapshot.hasTag('definitivelyAccepted'),
    matrix: matrixRow(context.verdictLog),
    provisionalAcceptance: context.provisionalAcceptance,
    definitiveAcceptance: context.definitiveAcceptance,
    discharge: context.discharge,
    managementCosts: context.managementCosts,
    repairs: context.repairs.length,
    agreement: context.agreementSigned ? 'signed' : context.agreement ? 'prepared' : 'preparing',
    overdue,
  };
}
