/**
 * Idempotency-Key, scoped per actor and bound to the request it was first used for. Temporal is
 * the record: a start keeps the key and a digest of its request in the run's memo; an update's id
 * is the scoped key, and the request it stands for is the accepted update in the run's history.
 * A key reused for another request is refused (422) instead of answering the first result.
 */
import type { Client } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { createHash } from 'node:crypto';
import type { Actor } from '../machines/actors';
import type { HostInput } from '../workflows/contract';
import { HttpError } from './http-errors';

/**
 * Operator A's key K is unrelated to operator B's key K. Keys may hold ":" but never "/", and
 * the actor id is percent-encoded, so no two (actor, key) pairs share a scoped key.
 */
export const scopedIdempotencyKey = (actor: Actor, key: string) =>
  `${encodeURIComponent(actor.id)}/${key}`;

/** Objects with their keys sorted, so that the digest does not depend on the order sent. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The digest of a request as JSON carries it (what Temporal stores is JSON too). */
export function requestDigest(request: unknown): string {
  const asJson: unknown = JSON.parse(JSON.stringify(request ?? null));
  return createHash('sha256')
    .update(JSON.stringify(canonical(asJson)))
    .digest('base64url');
}

export const idempotencyKeyReused = (key: string) =>
  new HttpError(
    422,
    'idempotency_key_reused',
    `Idempotency-Key "${key}" was used before for a different request; use a new key`,
    undefined,
    [
      {
        name: 'Idempotency-Key',
        in: 'header',
        code: 'idempotency_key_reused',
        detail: 'used before for a different request',
      },
    ],
    'idempotency-key-reused',
  );

/**
 * The request Temporal accepted under this update id, as the update's name and the digest of its
 * argument. Temporal answers a repeated update id with the first outcome without looking at the
 * new arguments, so the comparison is made here, against what the history holds. After
 * continue-as-new the host answers an id it carried over from memory, while Temporal records the
 * retry as a new update of the new run: the request that counts is then the earlier run's.
 */
export async function acceptedUpdate(
  client: Client,
  workflowId: string,
  updateId: string,
  runId?: string,
): Promise<{ name: string; digest: string } | undefined> {
  const converter = client.options.loadedDataConverter;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  const request = events
    .map((event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest)
    .find((accepted) => accepted?.meta?.updateId === updateId);
  if (!request) return undefined;
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const previousRun = started?.continuedExecutionRunId;
  if (previousRun) {
    const [input] = (await decodeArrayFromPayloads(converter, started.input?.payloads)) as [
      HostInput | undefined,
    ];
    if (input?.carried?.appliedUpdateIds?.includes(updateId)) {
      return acceptedUpdate(client, workflowId, updateId, previousRun);
    }
  }
  const args = await decodeArrayFromPayloads(converter, request.input?.args?.payloads);
  return { name: request.input?.name ?? '', digest: requestDigest(args[0]) };
}
