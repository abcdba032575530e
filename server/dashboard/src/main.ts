/** The dashboard: sign in with a bearer token, then a hash router over the pages. */
import { ApiError, session } from './api';
import { calendarPage } from './calendar-page';
import { h } from './dom';
import { inboxPage } from './inbox-page';
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

function signInForm(message?: string): HTMLElement {
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
    void route();
  });
  return form;
}

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

async function route(): Promise<void> {
  titleAfterRender(main);
  current.abort();
  current = new AbortController();
  navigation();
  if (!session.token()) {
    main.replaceChildren(signInForm());
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
      main.replaceChildren(signInForm('Het token werd niet geaccepteerd.'));
      return;
    }
    main.replaceChildren(problemPage(error));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
