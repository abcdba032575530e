/** The sign-in routes as the OpenAPI document describes them (server/me-route.ts). */
import { z } from 'zod';
import { parties, roles } from '../../machines/actors';
import type { RouteDoc } from './route-doc';
import { problemSchema } from './schemas';

const meSchema = z
  .object({
    actor: z.string().meta({ description: 'The operator, as the audit trail names them' }),
    role: z.enum(roles),
    party: z.enum(parties).optional(),
    organisation: z.string().optional().meta({ description: 'An OBO’s or the TBO’s organisation' }),
    label: z.string().meta({
      description: 'Dutch, for the page header',
      example: 'Tactische beheerorganisatie (TBO)',
    }),
  })
  .meta({ description: 'The signed-in actor' });

const signInSchema = z
  .discriminatedUnion('method', [
    z.object({ method: z.literal('token') }),
    z.object({
      method: z.literal('oidc'),
      issuer: z.url(),
      clientId: z.string(),
      scope: z.string(),
      authorizationEndpoint: z.url(),
      tokenEndpoint: z.url(),
    }),
  ])
  .meta({ description: 'The sign-in method of the dashboard' });

const problem = (description: string) => ({
  description,
  schema: problemSchema,
  contentType: 'application/problem+json',
});

export const signInRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/me',
    summary: 'Who the bearer token signs in: actor, role, party or organisation, Dutch label',
    description:
      'A token of the token file, or an access token (JWT) of the configured OpenID provider: ' +
      'its signature (JWKS, allowed algorithms), issuer, audience and expiry are checked and its ' +
      'claims mapped to a role and party. A refused token answers 401 with `details.reason` ' +
      '(expired, wrong-audience, wrong-issuer, unsigned, bad-signature, …).',
    tag: 'sign-in',
    responses: {
      200: { description: 'The signed-in actor', schema: meSchema },
      403: problem('A valid access token whose claims name no role (or party) of the arrangement'),
      503: problem('The OpenID provider does not answer'),
    },
  },
  {
    method: 'get',
    path: '/sign-in',
    summary: 'How the dashboard signs in: with a token, or at the OpenID provider',
    description:
      'With OpenID Connect configured: the issuer, the public client id and the endpoints of ' +
      'the authorisation-code flow with PKCE (S256).',
    tag: 'sign-in',
    public: true,
    responses: {
      200: { description: 'The sign-in method', schema: signInSchema },
      503: problem('The OpenID provider does not answer'),
    },
  },
];
