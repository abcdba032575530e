/**
 * The dashboard end to end: the real API stack on the dev server, Debian's chromium driven
 * headless by playwright-core. Screenshots go to test-artifacts/screenshots.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { processLink } from '../../activities/reminder-message';
import { viewWhen } from '../helpers/view-waiting';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';
import { launchChromium } from '../helpers/dashboard-browser';

const root = resolve(__dirname, '..', '..');
const screenshots = join(root, 'test-artifacts', 'screenshots');

let stack: ApiStack;
let browser: Browser;
let page: Page;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  // The page is served from the bundle, so it is built from the sources under test.
  execFileSync(process.execPath, [join(root, 'scripts', 'build-dashboard.mjs')], { cwd: root });
  mkdirSync(screenshots, { recursive: true });
  stack = await startApiStack('dashboard-browser-test');
  const call = apiClient(stack);
  const programme = await call('POST', '/api/v1/kinds/acceptance-programme/processes', {
    token: token('programma-dso'),
    body: {
      programme: 'dso-lv-dashboard',
      provisions: [
        { id: 'loket-dash', name: 'Omgevingsloket' },
        { id: 'stam-dash', name: 'Standaard STAM' },
      ],
      phase1Due: '2030-07-01',
      phase2Due: '2031-01-01',
      agreementDue: '2030-09-01',
      extensionProtocolDue: '2031-10-01',
    },
  });
  expect(programme.status).toBe(201);
  const reported = await call(
    'POST',
    '/api/v1/kinds/acceptance-programme/processes/dso-lv-dashboard/events',
    { token: token('programma-dso'), body: { type: 'READY_REPORT', provision: 'loket-dash' } },
  );
  expect(reported.status).toBe(200);
  await viewWhen(
    stack.client.workflow.getHandle('acceptance:loket-dash'),
    () => true,
    'the programme to start the acceptance run of loket-dash',
  );
  const own = await call('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { provision: 'zelfstandig-dash', phase1Due: '2030-03-01', agreementDue: '2030-05-01' },
  });
  expect(own.status).toBe(201);

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'nl-NL' });
});

afterAll(async () => {
  await browser.close();
  await stack.stop();
});

/** The whole page, and for the README the top of it (docs/screenshots holds chosen copies). */
async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  await page.screenshot({
    path: join(screenshots, `${name}.top.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width: 1400, height: 1250 },
  });
}

async function signIn(actorId: string): Promise<void> {
  await page.getByLabel('Token').fill(token(actorId));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Aanmelden' }).waitFor();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
}

const processRow = (id: string) =>
  page.getByRole('table', { name: 'Processen' }).getByRole('row').filter({ hasText: id });

/** The labels of the highlighted (active leaf) nodes of the statechart. */
const highlighted = () =>
  page.locator('section[aria-current="step"] > header > .sc-label').allTextContents();

async function highlightedBecomes(label: string): Promise<void> {
  await page
    .locator('section[aria-current="step"] > header > .sc-label', { hasText: label })
    .waitFor();
}

test('an operator signs in, filters the list, and acts on a process shown as its statechart', async () => {
  await page.goto(stack.baseUrl);
  await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  await shoot('01-sign-in');
  await signIn('tbo');
  // The landing page is the inbox (test/browser/inbox.test.ts); the list is one click away.
  await page.getByRole('link', { name: 'Processen', exact: true }).click();

  // The list shows all three runs; the filter narrows it to the programme.
  await page.getByRole('heading', { name: 'Processen' }).waitFor();
  await processRow('acceptance:zelfstandig-dash').waitFor();
  for (const id of ['acceptance-programme:dso-lv-dashboard', 'acceptance:loket-dash']) {
    expect(await processRow(id).count()).toBe(1);
  }
  await shoot('02-process-list');
  await page.getByLabel('Soort').selectOption('acceptance-programme');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.getByRole('status').filter({ hasText: '1 proces' }).waitFor();
  expect(await processRow('acceptance-programme:dso-lv-dashboard').count()).toBe(1);
  expect(await processRow('acceptance:').count()).toBe(0);
  expect(page.url()).toContain('kind=acceptance-programme');
  await page.getByLabel('Soort').selectOption('');
  await page.getByLabel('Zaaksleutel').fill('loket-dash');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.getByRole('status').filter({ hasText: '1 proces' }).waitFor();
  await processRow('acceptance:loket-dash').getByRole('link').click();

  // The process page: the statechart with both parallel regions' current states highlighted.
  await page.getByRole('heading', { name: 'Statechart' }).waitFor();
  await highlightedBecomes('Beoordelingscriteria vaststellen');
  expect((await highlighted()).sort()).toEqual(
    [
      'Beoordelingscriteria vaststellen',
      'TBO bereidt de afspraken over operationeel beheer voor',
    ].sort(),
  );
  expect(
    await page.getByRole('group', { name: 'Fase 1: voorlopige acceptatie' }).getAttribute('class'),
  ).toContain('sc-active');
  const deadlines = page.getByRole('table', { name: 'Termijnen' });
  expect(await deadlines.getByRole('row', { name: /Einde fase 1/ }).textContent()).toContain(
    'loopt',
  );
  // Who started it, as an operator knows it: the programme by its title, not its workflow id.
  expect(
    await page.getByRole('definition').filter({ hasText: /^\d/ }).allTextContents(),
  ).toContainEqual(
    expect.stringContaining('door Acceptatie van DSO-LV als geheel (dso-lv-dashboard)'),
  );
  await shoot('03-process-statechart');

  // The TBO advises on the criteria: the history records it, the state stays.
  const advice = page.getByRole('form', { name: 'Advies over de beoordelingscriteria (TBO)' });
  await advice.getByLabel('Advies', { exact: true }).fill('Let op de koppelvlakken');
  await advice.getByRole('button', { name: 'Versturen' }).click();
  const history = page.getByRole('table', { name: 'Geschiedenis' });
  await history.getByRole('cell', { name: 'Advies over de beoordelingscriteria (TBO)' }).waitFor();
  expect(await history.getByRole('row').nth(1).textContent()).toContain(
    'Tactische beheerorganisatie (tbo)',
  );

  // The OGB Beheer fixes the criteria: the highlight moves to the assessment.
  await signOut();
  await signIn('ogb-rijk');
  await page.getByRole('heading', { name: 'Statechart' }).waitFor();
  const fix = page.getByRole('form', { name: 'Beoordelingscriteria vaststellen (OGB Beheer)' });
  const criteria = {
    '1. De technisch-functionele kant van het product': 'Functioneel en technisch getest',
    '2. Zo opgeleverd dat het in gebruik kan worden genomen': 'Documentatie en gebruik',
    '3. Inrichting van het overdrachtsproces naar de beheerpartij': 'Overdrachtsplan',
    '4. De beheerpartij is klaar voor in beheer neming': 'Beheerorganisatie ingericht',
  };
  for (const [label, text] of Object.entries(criteria)) await fix.getByLabel(label).fill(text);
  await fix.getByRole('button', { name: 'Versturen' }).click();
  await highlightedBecomes('Beoordeling door OGB Beheer en TBO');
  expect(await highlighted()).toContain('Beoordeling door OGB Beheer en TBO');
  expect(await highlighted()).not.toContain('Beoordelingscriteria vaststellen');

  // A verdict from the OGB Beheer (rijk), on one of the assessments the view offers.
  const verdict = page
    .getByRole('form', { name: 'Oordeel over een beoordeling' })
    .filter({ hasText: 'Door het OGB Beheer' })
    .first();
  await verdict.getByLabel('Beoordeling', { exact: true }).selectOption({ index: 1 });
  await verdict.getByLabel('Uitkomst').selectOption({ label: 'Positief' });
  await verdict.getByRole('button', { name: 'Versturen' }).click();
  await history.getByRole('cell', { name: 'Oordeel over een beoordeling' }).waitFor();
  await shoot('04-process-after-actions');
});

test('the programme shows its acceptance matrix, and the calendar what is due', async () => {
  // The dashboard's own routes need a token like the rest of /api.
  const call = apiClient(stack);
  expect((await call('GET', '/api/v1/kinds/acceptance/statechart')).status).toBe(401);
  await page.goto(
    `${stack.baseUrl}/#/process/${encodeURIComponent('acceptance-programme:dso-lv-dashboard')}`,
  );
  const matrix = page.getByRole('table', { name: 'Fase 1: voorlopige acceptatie' });
  const loket = matrix.getByRole('row', { name: /Omgevingsloket/ });
  // The child's verdict reaches the programme by its progress report; the page polls.
  await loket.getByRole('cell', { name: '✓ positief' }).waitFor({ timeout: 30_000 });
  expect(await loket.getByRole('cell', { name: '✓ positief' }).count()).toBe(1);
  expect(await loket.textContent()).toContain('Fase 1');
  expect(await matrix.getByRole('row', { name: /Standaard STAM/ }).textContent()).toContain(
    'Nog niet gereed gemeld',
  );
  // The host's own entries (a child's progress) are the system's, in Dutch.
  const progress = page
    .getByRole('table', { name: 'Geschiedenis' })
    .getByRole('row', { name: /Voortgang van een deelproces/ });
  expect(await progress.first().textContent()).toContain('Het proces zelf');
  expect(await page.getByRole('table', { name: 'Geschiedenis' }).textContent()).not.toContain(
    'temporal',
  );
  await page.getByRole('heading', { name: 'Acceptatiematrix' }).scrollIntoViewIfNeeded();
  await shoot('05-programme-matrix');

  await page.getByRole('link', { name: 'Kalender' }).click();
  await page.getByRole('heading', { name: 'Kalender' }).waitFor();
  // Filed by the last day to act, as the inbox, the mail and the feed say it: phase 1 "before
  // 1 March" is due by 28 February.
  const february = page.getByRole('region', { name: 'februari 2030' });
  await february.waitFor();
  expect(await february.textContent()).toContain('uiterlijk 28 februari 2030');
  expect(await february.textContent()).toContain('zelfstandig-dash');
  const june = page.getByRole('region', { name: 'juni 2030' });
  expect(await june.textContent()).toContain('uiterlijk 30 juni 2030');
  expect(await june.textContent()).toContain('loket-dash');
  await shoot('06-calendar');
});

test('a run the role may not read says so in Dutch, with a way back', async () => {
  await page.goto(stack.baseUrl);
  await signOut();
  await signIn('ontwikkelpartij');
  // The id alone decides, so a P&C cycle that does not exist is refused just the same.
  await page.goto(`${stack.baseUrl}/#/process/${encodeURIComponent('pc-cycle:2030')}`);
  const alert = page.getByRole('alert');
  await alert
    .getByText('Uw rol mag processen van deze soort niet inzien.', { exact: false })
    .waitFor();
  expect(await alert.textContent()).toContain('403 not_readable');
  await alert.getByRole('link', { name: 'Terug naar het overzicht' }).click();
  await page.getByRole('heading', { name: 'Processen' }).waitFor();
  await processRow('acceptance:zelfstandig-dash').waitFor();
  await shoot('07-not-readable');
});

// Reminders and the calendar feed link here ("Het OGB Beheer bespreekt daarnaast tenminste twee
// maal per jaar de voortgang"): whoever follows the link lands on that run's page, signed in or not.
test('the link of a reminder and of the calendar opens that run in the dashboard', async () => {
  await page.goto(stack.baseUrl);
  await signOut();
  await page.goto(processLink(stack.baseUrl, 'acceptance:loket-dash'));
  await signIn('tbo');
  await page.getByRole('heading', { name: 'Statechart' }).waitFor();
  const deadlines = page.getByRole('table', { name: 'Termijnen' });
  expect(await deadlines.getByRole('row', { name: /Einde fase 1/ }).textContent()).toContain(
    'loopt',
  );
  expect(decodeURIComponent(page.url())).toContain('#/process/acceptance:loket-dash');
});
