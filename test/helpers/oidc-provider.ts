/**
 * A real OpenID provider for the sign-in tests: `oidc-provider` (OpenID certified) run by
 * oidc-provider-process.mjs in a child process, with the claims its tokens carry per account
 * (signed in through its login page) and per service client (client credentials, for API tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from './api-stack';

export interface ProviderClaims {
  role?: string | string[];
  party?: string;
  organisation?: string;
  name?: string;
}

/** The claim names the tests' provider writes and the API is configured to read. */
export const testClaimNames = { role: 'dso_role', party: 'dso_party', organisation: 'dso_org' };
const SERVICE_SECRET = 'service-secret-for-the-sign-in-tests-only';

type Jwk = Record<string, unknown>;

/** A signing key as the provider's JWKS holds it (private, with its kid and algorithm). */
export function signingKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Jwk {
  const { privateKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
}

export interface OidcProvider {
  issuer: string;
  /** An access token for a service client, optionally for another resource (audience). */
  serviceToken(clientId: string, resource?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startOidcProvider(options: {
  port?: number;
  audience: string;
  keys: Jwk[];
  dashboardRedirectUri?: string;
  accounts?: Record<string, ProviderClaims>;
  services?: Record<string, { claims: ProviderClaims; ttlSeconds?: number; alg?: string }>;
}): Promise<OidcProvider> {
  const port = options.port ?? (await freePort());
  const settings = {
    port,
    jwks: { keys: options.keys },
    audience: options.audience,
    dashboardRedirectUri: options.dashboardRedirectUri,
    accounts: options.accounts ?? {},
    services: options.services ?? {},
    claimNames: testClaimNames,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, 'oidc-provider-process.mjs'), JSON.stringify(settings)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\S+)/.exec(output);
      if (ready?.[1]) resolve(ready[1]);
    });
    // Its warnings (Node 20 is not its supported runtime; dev interactions) are expected noise.
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the provider exited (${code}):\n${output}`)));
  });
  return {
    issuer,
    async serviceToken(clientId, resource) {
      const body = new URLSearchParams({ grant_type: 'client_credentials', scope: 'processes' });
      if (resource) body.set('resource', resource);
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${SERVICE_SECRET}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      });
      const answer = (await response.json()) as { access_token?: string };
      if (!answer.access_token)
        throw new Error(`no token for ${clientId}: ${JSON.stringify(answer)}`);
      return answer.access_token;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
