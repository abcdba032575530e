/**
 * Sign-in at the OpenID provider: the authorisation-code flow with PKCE (RFC 7636, S256) for a
 * public client. The verifier, the state and the page to return to (a deep link such as
 * `#/process/acceptance:…`) wait in sessionStorage while the browser is at the provider.
 */
import { session } from './session';

export interface OidcSignIn {
  method: 'oidc';
  issuer: string;
  clientId: string;
  scope: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

const PENDING_KEY = 'dso-lv-oidc-pending';

interface Pending {
  state: string;
  verifier: string;
  returnTo: string;
  tokenEndpoint: string;
  clientId: string;
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomText = (size: number): string =>
  base64url(crypto.getRandomValues(new Uint8Array(size)));

/** The redirect URI registered at the provider: the dashboard's own root. */
const redirectUri = (): string => `${location.origin}/`;

export async function startOidcSignIn(config: OidcSignIn): Promise<void> {
  // 32 random bytes: a 43-character verifier, the shortest RFC 7636 allows, of full entropy.
  const verifier = randomText(32);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const pending: Pending = {
    state: randomText(16),
    verifier,
    returnTo: location.hash,
    tokenEndpoint: config.tokenEndpoint,
    clientId: config.clientId,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state: pending.state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Why the return from the provider did not sign in, in Dutch; undefined when it did. */
export type CallbackOutcome = { signedIn: true } | { signedIn: false; message: string } | null;

/**
 * On return from the provider (`/?code=…&state=…`): exchanges the code for an access token and
 * puts the address back to the page the operator came for. Null when this is no such return.
 */
export async function completeOidcSignIn(): Promise<CallbackOutcome> {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `/${pending?.returnTo ?? ''}`);
  if (query.has('error')) {
    return {
      signedIn: false,
      message:
        query.get('error') === 'access_denied'
          ? 'U heeft de aanmelding afgebroken of geen toestemming gegeven.'
          : 'De aanmelding bij de identiteitsprovider is mislukt. Probeer het opnieuw.',
    };
  }
  // A state that does not match is a sign-in this tab did not start: never use its code.
  if (!pending || query.get('state') !== pending.state) {
    return { signedIn: false, message: 'Deze aanmelding is niet hier begonnen. Meld opnieuw aan.' };
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  }).catch(() => null);
  const answer = (await response?.json().catch(() => null)) as {
    access_token?: unknown;
    expires_in?: unknown;
  } | null;
  if (!response?.ok || typeof answer?.access_token !== 'string') {
    return {
      signedIn: false,
      message: 'De identiteitsprovider gaf geen toegang. Meld opnieuw aan.',
    };
  }
  session.signIn(
    answer.access_token,
    'oidc',
    typeof answer.expires_in === 'number' ? answer.expires_in : undefined,
  );
  return { signedIn: true };
}
