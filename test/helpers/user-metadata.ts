/** Reads a run's Temporal user metadata back as an operator's tools do: through the client's codec. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** A user-metadata payload as the client reads it: through its codecs, then its converter. */
export async function decoded(
  client: Client,
  payload: temporal.api.common.v1.IPayload | null | undefined,
): Promise<unknown> {
  if (!payload) return undefined;
  const converter = client.options.loadedDataConverter;
  let payloads = [payload];
  for (const codec of [...converter.payloadCodecs].reverse())
    payloads = await codec.decode(payloads);
  const [plain] = payloads;
  return plain ? converter.payloadConverter.fromPayload(plain) : undefined;
}

export async function historyOf(handle: WorkflowHandle): Promise<HistoryEvent[]> {
  return (await handle.fetchHistory()).events ?? [];
}

async function summariesOf(
  client: Client,
  events: HistoryEvent[],
  has: (event: HistoryEvent) => boolean,
): Promise<unknown[]> {
  const found: unknown[] = [];
  for (const event of events) {
    if (has(event) && event.userMetadata) {
      found.push(await decoded(client, event.userMetadata.summary));
    }
  }
  return found;
}

/** The summaries of the run's timers, in the order they were started. */
export const timerSummaries = (client: Client, events: HistoryEvent[]) =>
  summariesOf(client, events, (e) => Boolean(e.timerStartedEventAttributes));

/** The summaries of the run's activities, in the order they were scheduled. */
export const activitySummaries = (client: Client, events: HistoryEvent[]) =>
  summariesOf(client, events, (e) => Boolean(e.activityTaskScheduledEventAttributes));

/** The identity each accepted Update was sent with. */
export const updateIdentities = (events: HistoryEvent[]) =>
  events
    .flatMap((e) => e.workflowExecutionUpdateAcceptedEventAttributes ?? [])
    .map((accepted) => accepted.acceptedRequest?.meta?.identity);

/** The identity the run was started with. */
export const startIdentity = (events: HistoryEvent[]) =>
  events.find((e) => e.workflowExecutionStartedEventAttributes)
    ?.workflowExecutionStartedEventAttributes?.identity;
