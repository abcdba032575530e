/**
 * The identity Temporal records for an operator's start or Update: who (role, party or
 * organisation, the credential's id) through which API process. Temporal takes the identity per
 * client, not per call, so the API makes a workflow client per call that shares its connection.
 */
import { WorkflowClient, type Client } from '@temporalio/client';
import type { Actor } from '../machines/actors';

/** "ogb:vng:ogb-vng via 4711@api-1": the actor first, as the Web UI cuts long identities. */
export function operatorIdentity(actor: Actor, apiIdentity: string): string {
  const narrowedTo = actor.party ?? actor.organisation;
  const who = [actor.role, ...(narrowedTo ? [narrowedTo] : []), actor.id].join(':');
  return `${who} via ${apiIdentity}`;
}

/** A workflow client like the API's own (connection, codec, interceptors), for this actor. */
export function workflowClientFor(client: Client, actor: Actor): WorkflowClient {
  const options = client.workflow.options;
  return new WorkflowClient({ ...options, identity: operatorIdentity(actor, options.identity) });
}
