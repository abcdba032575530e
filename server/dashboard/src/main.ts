/** The dashboard: sign in (a token, or at the OpenID provider), then a hash router over the pages. */
import { ApiError, session } from './api';
import { calendarPage } from './calendar-page';
import { h } from './dom';
import { inboxPage } from './inbox-page';
import { currentActor, SignedOut } from './session';
import { completeOidcSignIn } from './sign-in-oidc';
import { refusalMessage, signInPage } from './sign-in-page';
import { showSignedInActor } from './sign-in-status';
import { problemPage } from './problem-page';
import { filtersOf, processList } from './process-list';
import { processPage } from './process-page';
import { startPage } from './start-page';
import { titleAfterRender } from './page-title';

const main = (() => {
  const element = document.querySelector('main');
  if (!element) throw new Error('the page has no <main>');
  return element;
})();
let current = new AbortController();

function navigation(): void {
  const nav = document.querySelector('nav');
  nav?.replaceChildren(
    h('a', { href: '#/' }, 'Wat wacht op mij'),
    h('a', { href: '#/processen' }, 'Processen'),
    h('a', { href: '#/calendar' }, 'Kalender'),
    session.token() ? h('a', { href: '#/start' }, 'Proces starten') : '',
    session.token()
      ? h(
          'button',
          {
            type: 'button',
            onclick: () => {
              session.signOut();
              void route();
            },
          },
          'Afmelden',
        )
      : '',
  );
}

/** The sign-in page, the address left as it is: after sign-in the same page opens. */
async function showSignIn(message?: string): Promise<void> {
  const signal = current.signal;
  const page = await signInPage(message, () => void route());
  if (!signal.aborted) main.replaceChildren(page);
}

async function route(): Promise<void> {
  titleAfterRender(main);
  current.abort();
  current = new AbortController();
  navigation();
  void showSignedInActor(document.querySelector('.signed-in-actor'), session.token() !== null);
  if (!session.token()) {
    await showSignIn(session.expired() ? refusalMessage(401, 'expired') : undefined);
    return;
  }
  // A refused credential (expired, or a role the arrangement does not know) shows why at once.
  const refusal = await currentActor().then(
    () => null,
    (error: unknown) => (error instanceof SignedOut ? error : null),
  );
  if (refusal) {
    session.signOut();
    navigation();
    void showSignedInActor(document.querySelector('.signed-in-actor'), false);
    await showSignIn(refusalMessage(refusal.status, refusal.reason));
    return;
  }
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  main.replaceChildren(h('p', { role: 'status' }, 'Laden…'));
  try {
    if (path.startsWith('/process/')) {
      await processPage(main, decodeURIComponent(path.slice('/process/'.length)), current.signal);
    } else if (path === '/start' || path.startsWith('/start/')) {
      await startPage(main, decodeURIComponent(path.slice('/start/'.length)) || undefined);
    } else if (path === '/calendar') {
      await calendarPage(main);
    } else if (path === '/' && query === '') {
      // The landing page is the inbox; the list's older links (`#/?kind=…`) still open the list.
      await inboxPage(main, current.signal);
    } else {
      await processList(main, filtersOf(new URLSearchParams(query)), current.signal);
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.signOut();
      navigation();
      await showSignIn(refusalMessage(401, undefined));
      return;
    }
    main.replaceChildren(problemPage(error));
  }
}

window.addEventListener('hashchange', () => void route());
// Signing in or out in another tab signs this one in or out too.
session.onChange(() => void route());
void completeOidcSignIn().then(async (outcome) => {
  if (outcome && !outcome.signedIn) {
    navigation();
    await showSignIn(outcome.message);
    return;
  }
  await route();
});
