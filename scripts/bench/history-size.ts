/**
 * How much history a run leaves, counted as the server stores it: each event's protobuf encoding
 * (what Temporal's 50 MB history limit adds up), the event count (the 51,200 events limit), and
 * the largest single payload in it (the 2 MiB blob limit, which an Update result also meets).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Temporal's default limits (dynamic config `limit.historySize.error`, …). */
export const TEMPORAL_LIMITS = {
  historyBytes: 50 * 1024 * 1024,
  historyEvents: 51_200,
  payloadBytes: 2 * 1024 * 1024,
} as const;

const { EventType } = temporal.api.enums.v1;

export const eventBytes = (event: HistoryEvent): number =>
  temporal.api.history.v1.HistoryEvent.encode(event).finish().length;

const isPayload = (value: object): value is temporal.api.common.v1.IPayload =>
  'data' in value && value.data instanceof Uint8Array && 'metadata' in value;

/** The largest payload anywhere in an event (start input, update result, signal, memo, …). */
function largestPayload(value: unknown): number {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return 0;
  if (isPayload(value)) return temporal.api.common.v1.Payload.encode(value).finish().length;
  let largest = 0;
  for (const inner of Object.values(value)) largest = Math.max(largest, largestPayload(inner));
  return largest;
}

export interface HistorySize {
  /** Runs in the chain (continue-as-new starts a new one, with a history of its own). */
  runs: number;
  /** All runs together. */
  bytes: number;
  events: number;
  /** The largest single run, which is what Temporal's history limits apply to. */
  largestRunBytes: number;
  largestRunEvents: number;
  largestPayloadBytes: number;
  /** The history event type that holds the largest payload (e.g. UPDATE_COMPLETED). */
  largestPayloadIn: string;
  /**
   * Bytes from each accepted Update up to the next one (across runs, a continue-as-new counting to
   * the Update before it): what one event costs. The last one runs to the end of the history.
   */
  bytesPerUpdate: number[];
}

/** The histories of a workflow id's runs, oldest first, following continue-as-new back. */
export async function chainOf(handle: WorkflowHandle): Promise<HistoryEvent[][]> {
  const runs: HistoryEvent[][] = [];
  let runId: string | undefined;
  for (;;) {
    const history = await handle.client.getHandle(handle.workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    runs.unshift(events);
    runId =
      events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    if (!runId) return runs;
  }
}

export async function historySize(handle: WorkflowHandle): Promise<HistorySize> {
  const runs = await chainOf(handle);
  const size: HistorySize = {
    runs: runs.length,
    bytes: 0,
    events: 0,
    largestRunBytes: 0,
    largestRunEvents: 0,
    largestPayloadBytes: 0,
    largestPayloadIn: '',
    bytesPerUpdate: [],
  };
  const perUpdate = size.bytesPerUpdate;
  for (const events of runs) {
    let runBytes = 0;
    for (const event of events) {
      const bytes = eventBytes(event);
      runBytes += bytes;
      const payload = largestPayload(event);
      if (payload > size.largestPayloadBytes) {
        size.largestPayloadBytes = payload;
        size.largestPayloadIn = (EventType[event.eventType ?? 0] ?? 'unknown').replace(
          'EVENT_TYPE_',
          '',
        );
      }
      if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        perUpdate.push(0);
      const last = perUpdate.length - 1;
      if (last >= 0) perUpdate[last] = (perUpdate[last] ?? 0) + bytes;
    }
    size.bytes += runBytes;
    size.events += events.length;
    size.largestRunBytes = Math.max(size.largestRunBytes, runBytes);
    size.largestRunEvents = Math.max(size.largestRunEvents, events.length);
  }
  return size;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Mean bytes per event over the first and the last `window` updates of a run. */
export function growth(size: HistorySize, window: number): { first: number; last: number } {
  const updates = size.bytesPerUpdate;
  if (updates.length < 2 * window)
    throw new Error(`${updates.length} updates in the history, ${2 * window} needed`);
  // The last update's segment runs to the end of the history; leave it out of the window.
  return {
    first: mean(updates.slice(0, window)),
    last: mean(updates.slice(-window - 1, -1)),
  };
}

/** (h) Of many workflows, the largest run's history by bytes and by events, and the largest payload. */
export async function largestHistories(handles: WorkflowHandle[]) {
  const sizes = await Promise.all(
    handles.map(async (handle) => ({ id: handle.workflowId, ...(await historySize(handle)) })),
  );
  const largestBy = (measure: (size: HistorySize) => number) =>
    sizes.reduce((a, b) => (measure(b) > measure(a) ? b : a));
  if (sizes.length === 0) throw new Error('no runs to measure');
  return {
    runs: sizes.length,
    totalBytes: sizes.reduce((sum, size) => sum + size.bytes, 0),
    byBytes: largestBy((size) => size.largestRunBytes),
    byEvents: largestBy((size) => size.largestRunEvents),
    byPayload: largestBy((size) => size.largestPayloadBytes),
  };
}
