/** The OpenID Connect variables: parsed and checked at start, like every other variable. */
import { ConfigError, loadConfig } from '../../server/config';

const base = { OIDC_ISSUER: 'https://login.example.nl/realms/dso', OIDC_AUDIENCE: 'dso-lv-api' };
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

test('without OIDC_ISSUER only the token file signs in', () => {
  expect(loadConfig({}).oidc).toBeUndefined();
});

test('the issuer, audience, algorithms and claim maps are read', () => {
  const { oidc } = loadConfig({
    ...base,
    OIDC_CLIENT_ID: 'dso-lv-dashboard',
    OIDC_ALGORITHMS: 'RS256, ES256',
    OIDC_ROLE_CLAIM: 'realm_access.roles',
    OIDC_ROLE_MAP: 'DSO-TBO=tbo, DSO-OGB=ogb',
    OIDC_PARTY_MAP: '00000001003214345000=rijk',
  });
  expect(oidc).toEqual({
    issuer: base.OIDC_ISSUER,
    audience: 'dso-lv-api',
    clientId: 'dso-lv-dashboard',
    scope: 'openid',
    algorithms: ['RS256', 'ES256'],
    claims: {
      actor: 'sub',
      role: 'realm_access.roles',
      party: 'party',
      organisation: 'organisation',
    },
    roleMap: { 'DSO-TBO': 'tbo', 'DSO-OGB': 'ogb' },
    partyMap: { '00000001003214345000': 'rijk' },
  });
});

test('an issuer needs its audience; an audience without an issuer is a mistake', () => {
  expect(problemsOf({ OIDC_ISSUER: base.OIDC_ISSUER })).toEqual([
    expect.stringMatching(/^OIDC_AUDIENCE: required when OIDC_ISSUER is set/),
  ]);
  expect(problemsOf({ OIDC_AUDIENCE: 'x' })).toEqual([
    expect.stringMatching(/^OIDC_AUDIENCE: needs OIDC_ISSUER/),
  ]);
});

test('"none" and shared-secret algorithms cannot be allowed', () => {
  for (const algorithms of ['none', 'HS256', 'RS256,HS512']) {
    expect(problemsOf({ ...base, OIDC_ALGORITHMS: algorithms })).toEqual([
      expect.stringMatching(/^OIDC_ALGORITHMS\.\d: expected some of RS256/),
    ]);
  }
});

test('a role map names roles of the arrangement only', () => {
  expect(problemsOf({ ...base, OIDC_ROLE_MAP: 'DSO-TBO=tbo,Baas=directeur' })).toEqual([
    expect.stringMatching(/^OIDC_ROLE_MAP\.Baas: /),
  ]);
  expect(problemsOf({ ...base, OIDC_ROLE_MAP: 'tbo' })).toEqual([
    expect.stringMatching(/^OIDC_ROLE_MAP: expected value=target pairs/),
  ]);
});
