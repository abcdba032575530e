/**
 * Who is signed in: the credential (a token of the token file, or an OpenID access token) kept
 * in localStorage, so that a new tab and a link from a reminder e-mail find the session; and the
 * actor it stands for, as `GET /api/v1/me` says (other pages offer only this actor's actions).
 */
const SESSION_KEY = 'dso-lv-session';
/** The first version kept the token per tab; read once so a signed-in tab stays signed in. */
const LEGACY_TOKEN_KEY = 'dso-lv-token';

export interface Me {
  actor: string;
  role: string;
  party?: string;
  organisation?: string;
  /** Dutch, e.g. "Tactische beheerorganisatie (TBO)". */
  label: string;
}

interface Stored {
  token: string;
  method: 'token' | 'oidc';
  /** Epoch milliseconds after which the access token no longer counts (OIDC only). */
  expiresAt?: number;
}

function stored(): Stored | null {
  const legacy = sessionStorage.getItem(LEGACY_TOKEN_KEY);
  if (legacy) {
    sessionStorage.removeItem(LEGACY_TOKEN_KEY);
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: legacy, method: 'token' }));
  }
  try {
    const value = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Stored | null;
    return value && typeof value.token === 'string' && value.token !== '' ? value : null;
  } catch {
    return null;
  }
}

let me: Promise<Me> | undefined;
let meToken: string | undefined;

export const session = {
  /** The bearer token, or null when nobody is signed in or the access token has expired. */
  token(): string | null {
    const value = stored();
    if (!value) return null;
    if (value.expiresAt !== undefined && value.expiresAt <= Date.now()) return null;
    return value.token;
  },
  /** Whether the last sign-in ran out (the page then says so rather than a bare sign-in). */
  expired(): boolean {
    const value = stored();
    return value?.expiresAt !== undefined && value.expiresAt <= Date.now();
  },
  signIn(token: string, method: Stored['method'] = 'token', expiresInSeconds?: number): void {
    const value: Stored = { token: token.trim(), method };
    if (expiresInSeconds !== undefined) value.expiresAt = Date.now() + expiresInSeconds * 1000;
    localStorage.setItem(SESSION_KEY, JSON.stringify(value));
    me = undefined;
  },
  signOut(): void {
    localStorage.removeItem(SESSION_KEY);
    me = undefined;
  },
  /** Another tab signed in or out: `listener` runs, so this tab follows. */
  onChange(listener: () => void): void {
    window.addEventListener('storage', (event) => {
      if (event.key === SESSION_KEY || event.key === null) {
        me = undefined;
        listener();
      }
    });
  },
};

export class SignedOut extends Error {
  constructor(
    readonly status: number,
    /** The API's `details.reason`, e.g. "expired" or "unknown-role". */
    readonly reason?: string,
  ) {
    super('niet aangemeld');
  }
}

/** The signed-in actor, asked once per credential; rejects with SignedOut for a refused token. */
export function currentActor(): Promise<Me> {
  const token = session.token();
  if (!token) return Promise.reject(new SignedOut(401));
  if (!me || meToken !== token) {
    meToken = token;
    me = fetch('/api/v1/me', {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    }).then(async (response) => {
      if (response.status === 401 || response.status === 403) {
        me = undefined;
        const problem = (await response.json().catch(() => ({}))) as {
          details?: { reason?: unknown };
        };
        const reason = problem.details?.reason;
        throw new SignedOut(response.status, typeof reason === 'string' ? reason : undefined);
      }
      if (!response.ok) {
        me = undefined;
        throw new Error(`/api/v1/me: ${response.status}`);
      }
      return (await response.json()) as Me;
    });
  }
  return me;
}
