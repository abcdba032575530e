/**
 * What an operator reads of a run in Temporal's own tools (Web UI, `temporal workflow describe`):
 * the run's summary and details, where it stands now, and what each timer and reminder activity
 * is for. Pure and in Dutch, like everything civil servants read; none of it is a command, so none
 * of it changes what a history replays.
 */
import { roleLabels, type Actor, type Party } from '../../machines/actors';
import { dueText, momentText } from '../../machines/due-date-display';
import { organisationLabel } from '../../machines/organisations';
import type { ProcessDefinition } from '../../machines/process-definition';
import type { AllowedEvent, DeadlineRecord, ReminderNotice } from '../contract';
import type { ResumptionReader } from '../deadline-book';
import { activeLabels, statePaths } from '../snapshot-reading';
import type { HostState } from './host-state';
import type { AllowedReader } from './visibility';

/**
 * The server refuses a summary whose payload, as it arrives, exceeds 400 bytes (the default of
 * `limit.userMetadataSummarySize`); for a timer or an activity that fails the workflow task again
 * and again, so the run would stand still. The payload codec seals each payload with its key id,
 * cipher, IV, tag and, for a workflow's payloads, the namespace and workflow id in the clear:
 * SEALED_OVERHEAD_BYTES is what it adds besides those two, with a key id of the longest allowed
 * (64), checked against the codec itself in test/server/summary-budget.test.ts.
 */
export const SUMMARY_LIMIT_BYTES = 400;
export const SEALED_OVERHEAD_BYTES = 270;
/** The Web UI cuts timeline labels at 120 characters; longer is not read anyway. */
export const SUMMARY_MAX_BYTES = 120;
/** Below this a summary says too little to be worth it: none is sent. */
const SUMMARY_MIN_BYTES = 24;

const utf8 = new TextEncoder();
/** The bytes of a summary's payload data: the JSON string, quotes and escapes included. */
const jsonBytes = (text: string): number => utf8.encode(JSON.stringify(text)).length;

/**
 * How many bytes a summary of a payload sealed for this run may have. An activity's payloads are
 * not bound to a run (the codec binds workflow contexts only): pass no run for those.
 */
export function summaryBudget(run?: { namespace: string; workflowId: string }): number {
  const bound = run ? utf8.encode(run.namespace).length + utf8.encode(run.workflowId).length : 0;
  return Math.min(SUMMARY_MAX_BYTES, SUMMARY_LIMIT_BYTES - SEALED_OVERHEAD_BYTES - bound);
}

/**
 * One line within the budget (JSON bytes), cut at a character with "…" where too long; none when
 * the budget leaves too little (a run id near its longest).
 */
export function clampSummary(text: string, budget: number): string | undefined {
  if (budget < SUMMARY_MIN_BYTES) return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  if (jsonBytes(line) <= budget) return line;
  let cut = '';
  for (const character of line) {
    if (jsonBytes(`${cut}${character}…`) > budget) break;
    cut += character;
  }
  return `${cut.trimEnd()}…`;
}

/** A run's static summary: its process in Dutch and its business key. */
export const runSummary = (
  title: string,
  businessKey: string,
  budget: number,
): string | undefined => clampSummary(`${title} (${businessKey})`, budget);

const partyNames: Record<Party, string> = { rijk: 'Rijk', vng: 'VNG', ipo: 'IPO', uvw: 'UvW' };

/** Who, as an operator knows them: "OGB Beheer (VNG)", "Operationele beheerorganisatie (Kadaster)". */
function whoText(who: { role: Actor['role']; party?: Party; organisation?: string }): string {
  const role = who.role === 'system' ? 'Temporal (het proces zelf)' : roleLabels[who.role];
  const narrowed = who.party
    ? partyNames[who.party]
    : who.organisation
      ? organisationLabel(who.organisation)
      : undefined;
  return narrowed ? `${role} (${narrowed})` : role;
}

/** An actor with their credential's id: "Tactische beheerorganisatie, `tbo`". */
export const actorText = (actor: Actor): string => `${whoText(actor)}, \`${actor.id}\``;

export type StartedFrom = { api: Actor } | { parent: string };

/** A run's static details: what it is, and who or what started it. */
export function runDetails(kind: string, businessKey: string, from: StartedFrom): string {
  const started =
    'api' in from
      ? `Gestart via de API door ${actorText(from.api)}.`
      : `Gestart als deelproces van \`${from.parent}\`.`;
  return [`Soort proces \`${kind}\`, sleutel \`${businessKey}\`.`, '', started].join('\n');
}

/** Who may act now, each with what they may do: "OGB Beheer (Rijk): Criteria vaststellen". */
function whoMustAct(allowed: readonly AllowedEvent[]): string[] {
  const byWho = new Map<string, { who: string; events: string[] }>();
  for (const event of allowed) {
    const who = whoText(event);
    const entry = byWho.get(who) ?? { who, events: [] };
    if (!entry.events.includes(event.label)) entry.events.push(event.label);
    byWho.set(who, entry);
  }
  return [...byWho.values()].map(({ who, events }) => `${who}: ${events.join(', ')}`);
}

const daysBefore = (days: number): string => `${days} ${days === 1 ? 'dag' : 'dagen'} vooraf`;

const dueWords = (record: DeadlineRecord & { due: string }): string =>
  dueText(record.due, { moment: record.moment });

/** The soonest deadline still running or overdue, in words. */
function nextDeadlineText(records: readonly DeadlineRecord[]): string | undefined {
  const next = records
    .filter((r): r is DeadlineRecord & { due: string } => r.due !== null)
    .filter((r) => r.status === 'running' || r.status === 'overdue')
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due))[0];
  if (!next) return undefined;
  return `${next.label}, ${dueWords(next)}${next.status === 'overdue' ? ' (verlopen)' : ''}`;
}

/**
 * The run's current details (Markdown): its state in Dutch, who must act, and the next deadline.
 * Set after each decision that moves the state or a deadline (detailsKeeper).
 */
export function currentDetails(
  definition: ProcessDefinition,
  state: HostState,
  allowed: readonly AllowedEvent[],
): string {
  const { snapshot, deadlines } = state;
  const labels = activeLabels(snapshot);
  const where = labels.length > 0 ? labels.join('; ') : statePaths(snapshot).join('; ');
  const done = snapshot.status === 'done';
  const acting = done ? [] : whoMustAct(allowed);
  const next = done ? undefined : nextDeadlineText(deadlines);
  const suspended = deadlines.filter((r) => r.status === 'suspended').map((r) => r.label);
  return [
    `**Stand:** ${done ? `afgerond (${where})` : where}`,
    '',
    definition.summary(snapshot),
    '',
    acting.length > 0
      ? ['**Aan zet:**', ...acting.map((line) => `- ${line}`)].join('\n')
      : '**Aan zet:** niemand',
    '',
    `**Volgende termijn:** ${next ?? 'geen'}`,
    ...(suspended.length > 0 ? ['', `**Opgeschort:** ${suspended.join('; ')}`] : []),
  ].join('\n');
}

/**
 * The current details anew, or undefined when the state and deadlines are the ones last shown:
 * most decisions (a reminder's outcome, a report already known) change neither, and working out
 * who may act is the costly part. A later date can open an event without a decision; the details
 * then follow at the next one, as the search attributes do.
 */
export function detailsKeeper(
  definition: ProcessDefinition,
  allowed: AllowedReader,
): (state: HostState, at: string) => string | undefined {
  let shown: Pick<HostState, 'snapshot' | 'deadlines'> | undefined;
  return (state, at) => {
    if (shown?.snapshot === state.snapshot && shown.deadlines === state.deadlines) return undefined;
    shown = { snapshot: state.snapshot, deadlines: state.deadlines };
    return currentDetails(definition, state, allowed(state.snapshot, at, true));
  };
}

/** What the main loop's timer waits for: what falls due at `wake`, named by its deadline. */
export function wakeSummary(
  records: readonly DeadlineRecord[],
  wake: number,
  resumesAt: ResumptionReader | undefined,
  budget: number,
): string | undefined {
  const reasons: string[] = [];
  for (const record of records) {
    if (record.status === 'suspended' && resumesAt?.(record) === wake) {
      reasons.push(
        `Einde opschorting: ${record.label}, ${momentText(new Date(wake).toISOString())}`,
      );
    }
    if (record.status !== 'running' || record.due === null) continue;
    const running = { ...record, due: record.due };
    for (const reminder of record.reminders) {
      if (reminder.status === 'planned' && Date.parse(reminder.scheduledFor) === wake) {
        reasons.push(
          `Herinnering ${daysBefore(reminder.daysBefore)}: ${record.label}, ${dueWords(running)}`,
        );
      }
    }
    if (Date.parse(record.due) === wake) {
      reasons.push(
        `${record.moment ? 'Moment' : 'Termijn'}: ${record.label}, ${dueWords(running)}`,
      );
    }
  }
  const [first] = reasons;
  const text =
    first === undefined
      ? `Wekker: ${momentText(new Date(wake).toISOString())}`
      : reasons.length > 1
        ? `${first} (+${reasons.length - 1})`
        : first;
  return clampSummary(text, budget);
}

/** The wait before continuing as new, until reminders and child starts under way are done. */
export const deliveriesWaitSummary = (budget: number): string | undefined =>
  clampSummary(
    'Wacht op lopende herinneringen en deelprocessen, dan verder als nieuwe run',
    budget,
  );

/** A reminder activity's summary: which reminder, for which deadline, to whom. */
export function reminderSummary(notice: ReminderNotice): string | undefined {
  const to = notice.waitingOn.map(whoText);
  return clampSummary(
    `Herinnering ${daysBefore(notice.daysBefore)}: ${notice.deadline.label}, aan ${to.length > 0 ? to.join(', ') : 'niemand'}`,
    summaryBudget(),
  );
}
