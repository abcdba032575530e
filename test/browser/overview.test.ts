/**
 * The overview pages in real Chromium, as the TBO and as OGB-Rijk: the list with Dutch states and
 * who must act, its filters and live refresh, the calendar's subscriptions; and on every page
 * axe (WCAG 2.1 AA), a title, no sideways scrolling at 390 px, the favicon.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';
import { expectNoAxeViolations, expectNoSidewaysScroll } from '../helpers/axe';
import {
  buildDashboard,
  cspRefusals,
  launchChromium,
  repositoryRoot,
  signInAs,
} from '../helpers/dashboard-browser';

let stack: ApiStack;
let browser: Browser;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  buildDashboard();
  stack = await startApiStack('overview-browser-test');
  const call = apiClient(stack);
  for (const provision of ['overzicht-a', 'overzicht-b']) {
    const started = await call('POST', '/api/v1/kinds/acceptance/processes', {
      token: token('programma-dso'),
      body: { provision, phase1Due: '2030-03-01', agreementDue: '2030-05-01' },
    });
    expect(started.status).toBe(201);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await stack.stop();
});

async function pageAs(actor: string, width = 1400): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'nl-NL' });
  await signInAs(page, stack.baseUrl, token(actor));
  // The landing page is the inbox; these tests start at the list.
  await page.goto(`${stack.baseUrl}/#/processen`);
  return page;
}

const row = (page: Page, key: string) =>
  page.getByRole('table', { name: 'Processen' }).getByRole('row').filter({ hasText: key });

test('the list names states and who must act in Dutch, filters, and refreshes without losing input', async () => {
  const page = await pageAs('tbo');
  const refused = cspRefusals(page);
  await row(page, 'overzicht-a').waitFor();
  const text = (await row(page, 'overzicht-a').textContent()) ?? '';
  expect(text).toContain('Beoordelingscriteria vaststellen');
  expect(text).toContain('Tactische beheerorganisatie');
  expect(text).not.toMatch(/acceptance\.phase1|agreement\.open/);
  expect(await page.title()).toBe('Processen — DSO-LV beheerprocessen');
  await page.getByRole('status').filter({ hasText: '2 processen' }).waitFor();

  // Typed into a filter while another operator moves a run on: the text stays, the row changes.
  await page.getByLabel('Zaaksleutel').fill('half getypt');
  const advice = await apiClient(stack)(
    'POST',
    '/api/v1/kinds/acceptance/processes/overzicht-b/events',
    { token: token('tbo'), body: { type: 'CRITERIA_ADVICE', advice: 'Koppelvlakken' } },
  );
  expect(advice.status).toBe(200);
  const fixed = await apiClient(stack)(
    'POST',
    '/api/v1/kinds/acceptance/processes/overzicht-b/events',
    {
      token: token('ogb-rijk'),
      body: {
        type: 'FIX_CRITERIA',
        criteria: {
          technicalFunctional: 'Getest',
          readyForUse: 'Documentatie',
          transferProcess: 'Overdrachtsplan',
          operatorReady: 'Ingericht',
        },
      },
    },
  );
  expect(fixed.status).toBe(200);
  await row(page, 'overzicht-b')
    .filter({ hasText: 'Beoordeling door OGB Beheer en TBO' })
    .waitFor({ timeout: 30_000 });
  expect(await page.getByLabel('Zaaksleutel').inputValue()).toBe('half getypt');

  // One run by its key: the singular.
  await page.getByLabel('Zaaksleutel').fill('overzicht-a');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^1 proces$/ })
    .waitFor();
  // "Wacht op mij": exactly the runs the TBO's inbox holds.
  await page.getByLabel('Zaaksleutel').fill('');
  await page.getByLabel('Wacht op mij').check();
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.getByRole('heading', { name: 'Processen die op mij wachten' }).waitFor();
  await row(page, 'overzicht-a').waitFor();
  const inbox = await apiClient(stack)<{ items: { id: string }[] }>('GET', '/api/v1/inbox', {
    token: token('tbo'),
  });
  const ids = await Promise.all(
    (await page.locator('tbody tr').all()).map((tr) => tr.getAttribute('data-id')),
  );
  expect(ids.sort()).toEqual(inbox.body.items.map((item) => item.id).sort());
  expect(await row(page, 'overzicht-a').textContent()).toContain('Tactische beheerorganisatie');
  await page
    .getByRole('status')
    .filter({ hasText: inbox.body.items.length === 1 ? /^1 proces$/ : /processen$/ })
    .waitFor();
  await expectNoAxeViolations(page, 'process list');
  await page.screenshot({ path: join(repositoryRoot, 'docs', 'screenshots', 'process-list.png') });
  expect(refused).toEqual([]);
  await page.close();
});

test('the calendar links its feeds per role and government; the feed answers', async () => {
  const page = await pageAs('ogb-rijk');
  await page.getByRole('link', { name: 'Kalender' }).click();
  await page.getByRole('heading', { name: 'Abonneren in uw agenda' }).waitFor();
  expect(await page.title()).toBe('Kalender — DSO-LV beheerprocessen');
  await page.getByText('Per overheid').click();
  const rijk = page.getByRole('link', { name: 'Termijnen voor Rijk' });
  const href = (await rijk.getAttribute('href')) ?? '';
  expect(href).toContain('party=rijk');
  await page.getByText('Per rol').click();
  expect(
    await page.getByRole('link', { name: 'Termijnen voor OGB Beheer' }).getAttribute('href'),
  ).toContain('role=ogb');
  const feed = await fetch(href);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toContain('text/calendar');
  await expectNoAxeViolations(page, 'calendar');
  await page.close();
});

test('every page passes axe, has a title and fits 390 px; the favicon is served', async () => {
  const signIn = await browser.newPage({ viewport: { width: 390, height: 800 }, locale: 'nl-NL' });
  await signIn.goto(stack.baseUrl);
  await signIn.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  await expectNoAxeViolations(signIn, 'sign-in');
  await expectNoSidewaysScroll(signIn, 'sign-in at 390 px');
  await signIn.close();

  const page = await pageAs('ogb-rijk', 390);
  await row(page, 'overzicht-a').waitFor();
  await expectNoSidewaysScroll(page, 'list at 390 px');
  await page.goto(`${stack.baseUrl}/#/`);
  await page.getByRole('heading', { level: 1, name: 'Wat wacht op mij' }).waitFor();
  await expectNoAxeViolations(page, 'inbox');
  await expectNoSidewaysScroll(page, 'inbox at 390 px');
  await page.goto(`${stack.baseUrl}/#/start`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expectNoAxeViolations(page, 'start page');
  await expectNoSidewaysScroll(page, 'start page at 390 px');
  await page.goto(`${stack.baseUrl}/#/calendar`);
  await page.getByRole('heading', { name: 'Abonneren in uw agenda' }).waitFor();
  await expectNoSidewaysScroll(page, 'calendar at 390 px');
  await page.goto(`${stack.baseUrl}/#/process/${encodeURIComponent('acceptance:overzicht-b')}`);
  await page.locator('svg.dg-svg').waitFor();
  await expectNoSidewaysScroll(page, 'process page at 390 px');
  await expectNoAxeViolations(page, 'process page at 390 px');
  await page.goto(`${stack.baseUrl}/#/process/${encodeURIComponent('acceptance:bestaat-niet')}`);
  await page.getByRole('alert').waitFor();
  await expectNoAxeViolations(page, 'problem page');
  await expectNoSidewaysScroll(page, 'problem page at 390 px');
  expect(await page.title()).toContain('DSO-LV beheerprocessen');

  const icon = await fetch(`${stack.baseUrl}/favicon.svg`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toContain('image/svg+xml');
  expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('favicon.svg');
  await page.close();
});

test('at 1400 px the verdict forms stay within their own columns', async () => {
  const page = await pageAs('ogb-rijk');
  await page.goto(`${stack.baseUrl}/#/process/${encodeURIComponent('acceptance:overzicht-b')}`);
  const forms = page.locator('form.action');
  await forms.first().waitFor();
  const boxes = await Promise.all((await forms.all()).map((form) => form.boundingBox()));
  const children = await Promise.all(
    (await forms.all()).map(async (form) =>
      Promise.all(
        (await form.locator('select, textarea, input, button').all()).map((c) => c.boundingBox()),
      ),
    ),
  );
  boxes.forEach((box, index) => {
    for (const child of children[index] ?? []) {
      if (!box || !child) continue;
      expect(child.x + child.width).toBeLessThanOrEqual(box.x + box.width + 1);
    }
    for (const other of boxes.slice(index + 1)) {
      if (!box || !other) continue;
      const apart =
        box.x + box.width <= other.x + 1 ||
        other.x + other.width <= box.x + 1 ||
        box.y + box.height <= other.y + 1 ||
        other.y + other.height <= box.y + 1;
      expect(apart).toBe(true);
    }
  });
  await expectNoAxeViolations(page, 'process page with verdict forms');
  await page.close();
});
