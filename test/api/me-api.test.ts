/**
 * Who am I, and sign-in through a real OpenID provider (oidc-provider in a child process): the
 * API on the embedded dev server takes the token file's tokens and the provider's access tokens,
 * maps the claims to an actor, and refuses each kind of bad token with a problem that says why.
 */
import { OidcVerifier } from '../../server/oidc';
import { oidcSettingsFrom, oidcEnvironment } from '../../server/oidc-config';
import { z } from 'zod';
import {
  apiClient,
  freePort,
  startApiStack,
  type ApiStack,
  type ProblemAnswer,
} from '../helpers/api-stack';
import {
  signingKey,
  startOidcProvider,
  testClaimNames,
  type OidcProvider,
} from '../helpers/oidc-provider';

const AUDIENCE = 'https://dso-lv.example/api';
const rsa = signingKey('rsa-1');
const ec = signingKey('ec-1', 'ES256');

let stack: ApiStack;
let provider: OidcProvider;
/** Same keys, another issuer: a token of it verifies, but is not from the issuer configured. */
let otherIssuer: OidcProvider;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  const port = await freePort();
  const environment = z.object(oidcEnvironment).parse({
    OIDC_ISSUER: `http://127.0.0.1:${port}`,
    OIDC_AUDIENCE: AUDIENCE,
    OIDC_ALGORITHMS: 'RS256',
    OIDC_ROLE_CLAIM: testClaimNames.role,
    OIDC_PARTY_CLAIM: testClaimNames.party,
    OIDC_ORGANISATION_CLAIM: testClaimNames.organisation,
    OIDC_ROLE_MAP: 'DSO-TBO=tbo,DSO-OGB=ogb,DSO-OBO=obo',
    OIDC_PARTY_MAP: 'IPO=ipo,Rijk=rijk',
  });
  const settings = oidcSettingsFrom(environment);
  if (!settings) throw new Error('OIDC settings expected');
  stack = await startApiStack('me-api', { oidc: new OidcVerifier(settings) });
  call = apiClient(stack);
  const services = {
    'svc-tbo': { claims: { role: 'DSO-TBO' } },
    'svc-ogb-ipo': { claims: { role: ['medewerker', 'DSO-OGB'], party: 'IPO' } },
    'svc-obo-koop': { claims: { role: 'DSO-OBO', organisation: 'KOOP' } },
    'svc-ogb-no-party': { claims: { role: 'DSO-OGB' } },
    'svc-janitor': { claims: { role: 'conciërge' } },
    'svc-short': { claims: { role: 'DSO-TBO' }, ttlSeconds: 1 },
    'svc-es': { claims: { role: 'DSO-TBO' }, alg: 'ES256' },
  };
  provider = await startOidcProvider({ port, audience: AUDIENCE, keys: [rsa, ec], services });
  otherIssuer = await startOidcProvider({ audience: AUDIENCE, keys: [rsa, ec], services });
});

afterAll(async () => {
  await Promise.all([provider.stop(), otherIssuer.stop(), stack.stop()]);
});

const me = (token: string | undefined) =>
  call('GET', '/api/v1/me', token === undefined ? {} : { token });

async function refused(token: string, status: number): Promise<ProblemAnswer> {
  const answer = await call<ProblemAnswer>('GET', '/api/v1/me', { token });
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return answer.body;
}

const part = (token: string, index: number) => token.split('.')[index] ?? '';
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (text: string) =>
  JSON.parse(Buffer.from(text, 'base64url').toString()) as Record<string, unknown>;

describe('the token file', () => {
  test.each([
    ['tbo', { actor: 'tbo', role: 'tbo', label: 'Tactische beheerorganisatie (TBO)' }],
    ['ogb-rijk', { actor: 'ogb-rijk', role: 'ogb', party: 'rijk', label: 'OGB Beheer – Rijk' }],
    [
      'obo-kadaster',
      {
        actor: 'obo-kadaster',
        role: 'obo',
        organisation: 'kadaster',
        label: 'Operationele beheerorganisatie (OBO) – Kadaster',
      },
    ],
  ])('%s learns who it is signed in as', async (actorId, expected) => {
    const answer = await me(stack.tokens[actorId]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(expected);
  });

  test('without a token the answer is 401 with the bearer challenge', async () => {
    const answer = await me(undefined);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="dso-lv"');
  });

  test('a token that is neither in the file nor a JWT is unknown', async () => {
    const body = await refused('0123456789abcdef0123456789abcdef', 401);
    expect(body.detail).toBe('unknown token');
  });
});

describe('access tokens of the OpenID provider', () => {
  test('the claims are mapped to role, party and organisation', async () => {
    expect((await me(await provider.serviceToken('svc-tbo'))).body).toEqual({
      actor: 'svc-tbo',
      role: 'tbo',
      label: 'Tactische beheerorganisatie (TBO)',
    });
    // Of several role values, the one the map knows counts; the party goes through its map.
    expect((await me(await provider.serviceToken('svc-ogb-ipo'))).body).toEqual({
      actor: 'svc-ogb-ipo',
      role: 'ogb',
      party: 'ipo',
      label: 'OGB Beheer – IPO (provincies)',
    });
    expect((await me(await provider.serviceToken('svc-obo-koop'))).body).toMatchObject({
      role: 'obo',
      organisation: 'koop',
    });
  });

  test('a signed-in actor reaches the rest of the API as itself', async () => {
    const token = await provider.serviceToken('svc-tbo');
    const listing = await call('GET', '/api/v1/processes', { token });
    expect(listing.status).toBe(200);
    const inbox = await call('GET', '/api/v1/inbox', { token });
    expect(inbox.status).toBe(200);
  });

  test('a role the arrangement does not know is refused with 403, naming the claim', async () => {
    const body = await refused(await provider.serviceToken('svc-janitor'), 403);
    expect(body.type).toBe('urn:dso-lv:problem:wrong-role');
    expect(body.detail).toContain('"dso_role"');
    expect(body.detail).toContain('"conciërge"');
    expect(body.details).toMatchObject({ reason: 'unknown-role', values: ['conciërge'] });
  });

  test('an OGB member without a government is refused with 403', async () => {
    const body = await refused(await provider.serviceToken('svc-ogb-no-party'), 403);
    expect(body.details).toMatchObject({ reason: 'missing-party', claim: 'dso_party' });
  });

  test('an expired token is refused with 401', async () => {
    const token = await provider.serviceToken('svc-short');
    const { exp, iat } = decode(part(token, 1)) as { exp: number; iat: number };
    expect(exp - iat).toBe(1);
    // jose refuses a token from its `exp` second on; wait for the clock to get there.
    while (Date.now() / 1000 < exp) await new Promise((resolve) => setTimeout(resolve, 200));
    const body = await refused(token, 401);
    expect(body.type).toBe('urn:dso-lv:problem:unauthenticated');
    expect(body.details).toEqual({ reason: 'expired' });
  });

  test('a token for another audience is refused with 401', async () => {
    const token = await provider.serviceToken('svc-tbo', 'https://other.example/api');
    expect(decode(part(token, 1)).aud).toBe('https://other.example/api');
    expect((await refused(token, 401)).details).toEqual({ reason: 'wrong-audience' });
  });

  test("another issuer's token is refused with 401, even signed with the same key", async () => {
    const token = await otherIssuer.serviceToken('svc-tbo');
    expect((await refused(token, 401)).details).toEqual({ reason: 'wrong-issuer' });
  });

  test('an unsigned token (alg "none") is refused with 401', async () => {
    const token = await provider.serviceToken('svc-tbo');
    const unsigned = `${encode({ alg: 'none', typ: 'at+jwt' })}.${part(token, 1)}.`;
    expect((await refused(unsigned, 401)).details).toEqual({ reason: 'unsigned' });
  });

  test('a token whose claims were changed after signing is refused with 401', async () => {
    const token = await provider.serviceToken('svc-janitor');
    const claims = { ...decode(part(token, 1)), dso_role: 'DSO-TBO' };
    const forged = `${part(token, 0)}.${encode(claims)}.${part(token, 2)}`;
    const body = await refused(forged, 401);
    expect(body.details).toEqual({ reason: 'bad-signature' });
    expect(body.detail).not.toContain(token);
  });

  test('a token signed with an algorithm outside the allow-list is refused with 401', async () => {
    const token = await provider.serviceToken('svc-es');
    expect(decode(part(token, 0)).alg).toBe('ES256');
    expect((await refused(token, 401)).details).toEqual({ reason: 'algorithm-not-allowed' });
  });

  test('the dashboard learns where to sign in, without a token', async () => {
    const answer = await call('GET', '/api/v1/sign-in');
    expect(answer.status).toBe(200);
    // No client id configured: the API takes the provider's tokens, the page still asks a token.
    expect(answer.body).toEqual({ method: 'token' });
  });
});
