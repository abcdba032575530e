/**
 * The sign-in page: at the OpenID provider where the server names one (GET /api/v1/sign-in),
 * else with a token of the token file. Either way the address keeps the page asked for, so a
 * deep link opens after sign-in.
 */
import { h } from './dom';
import { session } from './session';
import { startOidcSignIn, type OidcSignIn } from './sign-in-oidc';

type SignInMethod = { method: 'token' } | OidcSignIn;

let method: Promise<SignInMethod> | undefined;

function signInMethod(): Promise<SignInMethod> {
  method ??= fetch('/api/v1/sign-in', { headers: { accept: 'application/json' } })
    .then(async (response) => {
      if (!response.ok) throw new Error(String(response.status));
      return (await response.json()) as SignInMethod;
    })
    .catch((error: unknown) => {
      method = undefined;
      throw error;
    });
  return method;
}

/** The Dutch words for why the API refused a credential (its problem's `details.reason`). */
export function refusalMessage(status: number, reason: string | undefined): string {
  if (reason === 'expired') return 'Uw aanmelding is verlopen. Meld opnieuw aan.';
  if (status === 403 || reason?.startsWith('unknown-') || reason?.startsWith('missing-party')) {
    return 'Uw account heeft geen rol (of partij) in het beheerarrangement. Vraag uw functioneel beheerder die toe te kennen.';
  }
  return 'Het token werd niet geaccepteerd.';
}

function tokenForm(message: string | undefined, onSignedIn: () => void): HTMLElement {
  const token = h('input', {
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
  });
  const form = h(
    'form',
    { class: 'sign-in', 'aria-labelledby': 'sign-in-heading' },
    h('h1', { id: 'sign-in-heading' }, 'Aanmelden'),
    h('p', {}, 'Plak uw bearer-token (uit data/tokens.json of van de beheerder).'),
    message ? h('p', { role: 'alert' }, message) : null,
    h('label', {}, 'Token ', token),
    h('button', { type: 'submit' }, 'Aanmelden'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    session.signIn(token.value);
    onSignedIn();
  });
  return form;
}

function providerForm(config: OidcSignIn, message: string | undefined): HTMLElement {
  const form = h(
    'form',
    { class: 'sign-in', 'aria-labelledby': 'sign-in-heading' },
    h('h1', { id: 'sign-in-heading' }, 'Aanmelden'),
    h(
      'p',
      {},
      `U meldt zich aan met het account van uw organisatie, bij ${new URL(config.issuer).host}. ` +
        'Daarna komt u terug op de pagina die u wilde openen.',
    ),
    message ? h('p', { role: 'alert' }, message) : null,
    h('button', { type: 'submit' }, 'Aanmelden met uw organisatieaccount'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void startOidcSignIn(config);
  });
  return form;
}

export async function signInPage(
  message: string | undefined,
  onSignedIn: () => void,
): Promise<HTMLElement> {
  const config = await signInMethod().catch(() => null);
  if (config === null) {
    return h(
      'section',
      { class: 'sign-in' },
      h('h1', {}, 'Aanmelden'),
      h(
        'p',
        { role: 'alert' },
        'De aanmeldgegevens zijn nu niet op te halen. Probeer het later opnieuw.',
      ),
    );
  }
  return config.method === 'oidc' ? providerForm(config, message) : tokenForm(message, onSignedIn);
}
