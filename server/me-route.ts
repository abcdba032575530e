/**
 * Who am I (`GET /me`): the caller's actor as the credential says it, with the Dutch label the
 * dashboard shows; and how to sign in (`GET /sign-in`, public): with a token, or at the OpenID
 * provider with the authorisation-code flow and PKCE.
 */
import express from 'express';
import { partyLabels } from '../activities/party-labels';
import { roleLabels, type Actor } from '../machines/actors';
import { organisationLabel } from '../machines/organisations';
import { actorOf } from './auth';
import type { OidcVerifier } from './oidc';

export interface Me {
  actor: string;
  role: string;
  party?: string;
  organisation?: string;
  label: string;
}

/** The short names operators use beside the full ones. */
const roleAbbreviations: Partial<Record<Actor['role'], string>> = {
  tbo: 'TBO',
  obo: 'OBO',
  sbo: 'SBO',
  bo: 'BO',
  ogb: 'OGB',
};

/** E.g. "Tactische beheerorganisatie (TBO)", "OGB Beheer (OGB) – Rijk". */
export function actorLabel(actor: Actor): string {
  const role = actor.role === 'system' ? 'Het proces zelf' : roleLabels[actor.role];
  const short = actor.role === 'system' ? undefined : roleAbbreviations[actor.role];
  const base = short && !role.startsWith(short) ? `${role} (${short})` : role;
  const forWhom = actor.organisation
    ? organisationLabel(actor.organisation)
    : actor.party && partyLabels[actor.party];
  return forWhom ? `${base} – ${forWhom}` : base;
}

export function meOf(actor: Actor): Me {
  return {
    actor: actor.id,
    role: actor.role,
    ...(actor.party === undefined ? {} : { party: actor.party }),
    ...(actor.organisation === undefined ? {} : { organisation: actor.organisation }),
    label: actorLabel(actor),
  };
}

export type SignInMethod =
  | { method: 'token' }
  | {
      method: 'oidc';
      issuer: string;
      clientId: string;
      scope: string;
      authorizationEndpoint: string;
      tokenEndpoint: string;
    };

/** Mounted before the bearer check: the page asks it before anyone has signed in. */
export function signInRoute(oidc: OidcVerifier | undefined): express.RequestHandler {
  return async (_request, response) => {
    const clientId = oidc?.settings.clientId;
    if (!oidc || clientId === undefined) {
      response.json({ method: 'token' } satisfies SignInMethod);
      return;
    }
    const discovery = await oidc.discover();
    response.json({
      method: 'oidc',
      issuer: oidc.settings.issuer,
      clientId,
      scope: oidc.settings.scope,
      authorizationEndpoint: discovery.authorization_endpoint,
      tokenEndpoint: discovery.token_endpoint,
    } satisfies SignInMethod);
  };
}

export const meRoute: express.RequestHandler = (_request, response) => {
  response.json(meOf(actorOf(response)));
};
