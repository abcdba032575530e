/**
 * Listing runs through Temporal visibility, one page at a time: the filters become a visibility
 * query over the Dso* search attributes, and Temporal's own page token is handed out opaque.
 */
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { roles, type Party } from '../machines/actors';
import { searchAttributes } from '../workflows/search-attributes';
import { HttpError } from './http-errors';
import type { ListQuery } from './request-schemas';
import type { ProcessPage, ProcessSummary } from '../workflows/contract';

/** Visibility query values are validated by the request schemas; quoting stays defensive. */
export const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

/** DsoWaitingOn values that mean "this government's member may act", whatever the role. */
export const partyKeys = (party: Party): string[] => roles.map((role) => `${role}:${party}`);

/** `DsoKind IN (...)` over the kinds a caller may read: filtered by Temporal, so pages stay full. */
export const readableClause = (kinds: readonly string[]): string =>
  kinds.length === 0 ? 'DsoKind IS NULL' : `DsoKind IN (${kinds.map(quote).join(', ')})`;

export function visibilityQuery(
  query: Omit<ListQuery, 'pageSize' | 'pageToken'>,
  readable: readonly string[],
): string {
  const clauses = ['DsoKind IS NOT NULL', readableClause(readable)];
  if (query.kind) clauses.push(`DsoKind = ${quote(query.kind)}`);
  if (query.state) clauses.push(`DsoState = ${quote(query.state)}`);
  if (query.businessKey) clauses.push(`DsoBusinessKey = ${quote(query.businessKey)}`);
  if (query.party)
    clauses.push(`DsoWaitingOn IN (${partyKeys(query.party).map(quote).join(', ')})`);
  if (query.overdue !== undefined) clauses.push(`DsoOverdue = ${String(query.overdue)}`);
  if (query.status) {
    clauses.push(
      `ExecutionStatus = ${quote(query.status === 'running' ? 'Running' : 'Completed')}`,
    );
  }
  return clauses.join(' AND ');
}

type RawExecution = NonNullable<
  Awaited<ReturnType<Client['workflowService']['listWorkflowExecutions']>>['executions']
>[number];

/** WorkflowExecutionStatus by number, named as the client's list() names them (lower case). */
const STATUS_NAMES = [
  'unspecified',
  'running',
  'completed',
  'failed',
  'cancelled',
  'terminated',
  'continued_as_new',
  'timed_out',
  'paused',
];

export function summaryOf(execution: RawExecution): ProcessSummary {
  const attributes = decodeTypedSearchAttributes(execution.searchAttributes?.indexedFields);
  const next = attributes.get(searchAttributes.nextDeadline);
  const statusNumber = execution.status ?? 0;
  const seconds = Number(execution.startTime?.seconds ?? 0);
  const nanos = execution.startTime?.nanos ?? 0;
  return {
    id: execution.execution?.workflowId ?? '',
    kind: attributes.get(searchAttributes.kind),
    businessKey: attributes.get(searchAttributes.businessKey),
    state: attributes.get(searchAttributes.state) ?? [],
    nextDeadline: next ? next.toISOString() : null,
    overdue: attributes.get(searchAttributes.overdue) ?? false,
    waitingOn: attributes.get(searchAttributes.waitingOn) ?? [],
    status: STATUS_NAMES[statusNumber] ?? 'other',
    startedAt: new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString(),
  };
}

/**
 * The API's page token wraps Temporal's with a digest of the query it belongs to, signed with
 * HMAC-SHA256 under a server key: a token from another query, or made up, is refused as a bad
 * request before Temporal sees it (the dev server answers a forged token only after seconds, with
 * an internal error). Without PAGE_TOKEN_KEY the key is drawn per process: a restart makes a
 * client start its listing over, and replicas behind one address need the shared key.
 */
const envelopeSchema = z.object({ q: z.string(), t: z.string().min(1) }).strict();
const queryDigest = (query: string) =>
  createHash('sha256').update(query).digest('base64url').slice(0, 22);
const processPageTokenKey = randomBytes(32);
/** An HMAC-SHA256 (32 bytes) in base64url, ending the token; the envelope is base64url too. */
const SIGNATURE_LENGTH = 43;
const signatureOf = (key: Buffer, envelope: string) =>
  createHmac('sha256', key).update(envelope).digest();

function wrapToken(query: string, raw: Uint8Array, key: Buffer): string {
  const envelope = Buffer.from(
    JSON.stringify({ q: queryDigest(query), t: Buffer.from(raw).toString('base64url') }),
  ).toString('base64url');
  return `${envelope}${signatureOf(key, envelope).toString('base64url')}`;
}

function unwrapToken(query: string, token: string, key: Buffer): Buffer {
  const refuse = (message: string) =>
    new HttpError(400, 'invalid_page_token', message, undefined, [
      { name: 'pageToken', in: 'query', code: 'invalid_page_token', detail: message },
    ]);
  const encoded = token.slice(0, -SIGNATURE_LENGTH);
  const given = Buffer.from(token.slice(-SIGNATURE_LENGTH), 'base64url');
  const expected = signatureOf(key, encoded);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw refuse('not a pageToken this API handed out');
  }
  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
  } catch {
    throw refuse('not a pageToken this API handed out');
  }
  if (envelope.q !== queryDigest(query)) {
    throw refuse('this pageToken belongs to other filters; ask again without it');
  }
  return Buffer.from(envelope.t, 'base64url');
}

/** One page of runs matching a visibility query. */
export async function listPage(
  client: Client,
  query: string,
  pageSize: number,
  pageToken: string | undefined,
  pageTokenKey: Buffer = processPageTokenKey,
): Promise<ProcessPage> {
  const response = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    query,
    pageSize,
    nextPageToken: pageToken === undefined ? null : unwrapToken(query, pageToken, pageTokenKey),
  });
  const token = response.nextPageToken;
  return {
    processes: response.executions.map(summaryOf),
    nextPageToken: token.length > 0 ? wrapToken(query, token, pageTokenKey) : null,
  };
}
