import { amsterdamDate } from '../dutch-time';
import { followsRule, type ChildRequest } from '../process-definition';
import { nextMeeting } from './meetings';
import { AUTUMN_MEETING_RULE, documents, type PcCycleContext } from './types';

export type PlanId = 'strategicPlan' | 'tboPlan';

const slug: Record<PlanId, string> = {
  strategicPlan: 'strategisch-plan',
  tboPlan: 'tactisch-plan',
};

export const decisionKey = (plan: PlanId, attempt: number) => `${plan}-${attempt}`;
export const escalationKey = (plan: PlanId, attempt: number) => `escalation-${plan}-${attempt}`;

/**
 * The meeting at which the OGB Beheer decides a plan for year N+1: "in het najaar" of year N (seed
 * §6.2), so the cycle's first meeting from 1 October of N, or the first after a later submission
 * (a plan submitted after the autumn has begun is late, and goes to the next meeting). Never the
 * wall clock alone: a cycle run ahead of its year still decides in its own autumn. Runs started
 * before the revision took the first meeting on or after the day of submission.
 */
export function planMeeting(context: PcCycleContext, submittedOn: string): string {
  if (!followsRule(context.olderRules, AUTUMN_MEETING_RULE)) {
    return nextMeeting(submittedOn, context.cadence) ?? submittedOn;
  }
  const autumn = `${context.year}-10-01`;
  const from = submittedOn > autumn ? submittedOn : autumn;
  return nextMeeting(from, context.cadence) ?? from;
}

/** The OGB Beheer's consensus decision on a plan (§6.3 category 1), at the cycle's autumn meeting. */
export function planDecision(context: PcCycleContext, plan: PlanId): ChildRequest {
  const record = context.documents[plan];
  const submittedOn = amsterdamDate(record.submitted?.at ?? context.dues.autumnDue);
  const meeting = planMeeting(context, submittedOn);
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
