import { amsterdamDate } from '../dutch-time';
import type { ChildRequest } from '../process-definition';
import { nextMeeting } from './meetings';
import { documents, type PcCycleContext } from './types';

export type PlanId = 'strategicPlan' | 'tboPlan';

const slug: Record<PlanId, string> = {
  strategicPlan: 'strategisch-plan',
  tboPlan: 'tactisch-plan',
};

export const decisionKey = (plan: PlanId, attempt: number) => `${plan}-${attempt}`;
export const escalationKey = (plan: PlanId, attempt: number) => `escalation-${plan}-${attempt}`;

/**
 * The OGB Beheer's consensus decision on a plan, at its first meeting on or after the day the plan
 * was submitted (seed §6.3: decisions go to the next meeting).
 */
export function planDecision(context: PcCycleContext, plan: PlanId): ChildRequest {
  const record = context.documents[plan];
  const submittedOn = amsterdamDate(record.submitted?.at ?? context.dues.autumnDue);
  const meeting = nextMeeting(submittedOn, context.cadence) ?? submittedOn;
  return {
    key: decisionKey(plan, record.attempt),
    kind: 'decision',
    input: {
      decisionKey: `pc-${context.year}-${slug[plan]}-${record.attempt}`,
      body: 'ogb',
      subject: `${documents[plan].label} (${context.year + 1})`,
      proposal: record.submitted?.summary ?? documents[plan].label,
      meetingDate: meeting,
    },
  };
}

/** No consensus in the OGB Beheer: the dispute goes up the escalation ladder (Process 4). */
export function planEscalation(context: PcCycleContext, plan: PlanId): ChildRequest {
  const record = context.documents[plan];
  return {
    key: escalationKey(plan, record.attempt),
    kind: 'escalation',
    input: {
      disputeKey: `pc-${context.year}-${slug[plan]}-${record.attempt}`,
      subject: `P&C ${context.year}: geen consensus over ${documents[plan].label.toLowerCase()}`,
      description: record.submitted?.summary ?? documents[plan].label,
      origin: 'ogb-consensus',
    },
  };
}
