// A real OpenID provider (the certified `oidc-provider`) for the sign-in tests, in a process of its
// own: the package is an ES module, which Jest's module registry cannot load. Started by
// test/helpers/oidc-provider.ts with its settings as JSON in argv[2]; prints its URL when ready.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

/**
 * @typedef {{ role?: string | string[]; party?: string; organisation?: string; name?: string }} Claims
 * @typedef {{
 *   port: number; issuerPath?: string; jwks: { keys: object[] }; audience: string;
 *   dashboardRedirectUri?: string; accounts: Record<string, Claims>;
 *   services: Record<string, { claims: Claims; ttlSeconds?: number; alg?: string }>;
 *   claimNames: { role: string; party: string; organisation: string };
 * }} Settings
 */
/** @type {Settings} */
const settings = JSON.parse(process.argv[2] ?? '{}');
const issuer = `http://127.0.0.1:${settings.port}${settings.issuerPath ?? ''}`;
const SERVICE_SECRET = 'service-secret-for-the-sign-in-tests-only';

/** @param {Claims | undefined} claims */
const tokenClaims = (claims) =>
  claims === undefined
    ? {}
    : Object.fromEntries(
        [
          [settings.claimNames.role, claims.role],
          [settings.claimNames.party, claims.party],
          [settings.claimNames.organisation, claims.organisation],
        ].filter(([, value]) => value !== undefined),
      );

const clients = [
  ...(settings.dashboardRedirectUri
    ? [
        {
          client_id: 'dso-lv-dashboard',
          token_endpoint_auth_method: 'none',
          application_type: 'web',
          redirect_uris: [settings.dashboardRedirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ]
    : []),
  ...Object.keys(settings.services).map((id) => ({
    client_id: id,
    client_secret: SERVICE_SECRET,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
  })),
];

const provider = new Provider(issuer, {
  clients,
  jwks: settings.jwks,
  cookies: { keys: ['cookie-key-for-the-sign-in-tests-only'] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => settings.audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource, client) => {
        const service = settings.services[client.clientId];
        return {
          scope: 'processes',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: service?.ttlSeconds ?? 600,
          jwt: { sign: { alg: service?.alg ?? 'RS256' } },
        };
      },
    },
  },
  scopes: ['openid', 'processes'],
  claims: { openid: ['sub'], profile: ['name'] },
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, name: settings.accounts[id]?.name ?? id }),
  }),
  extraTokenClaims: (_ctx, token) =>
    tokenClaims(
      token.accountId
        ? settings.accounts[token.accountId]
        : settings.services[token.clientId]?.claims,
    ),
  ttl: {
    Session: 3600,
    Interaction: 3600,
    Grant: 3600,
    AccessToken: 600,
    // A service client may be given short-lived tokens (the expiry test's).
    ClientCredentials: (_ctx, _token, client) =>
      settings.services[client.clientId]?.ttlSeconds ?? 600,
  },
  // The browser test lets the dashboard exchange its code from its own origin.
  clientBasedCORS: () => true,
  renderError: (ctx, out) => {
    ctx.type = 'json';
    ctx.body = out;
  },
});
provider.proxy = false;

const server = createServer(provider.callback());
server.listen(settings.port, '127.0.0.1', () => {
  process.stdout.write(`READY ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
