/**
 * The forms made from the schemas, in real Chromium against the API on the dev server: the
 * programme starts a run, the TBO advises on the criteria (a field error first, at its field),
 * its typing survives another operator's event, a verdict is given with the keyboard only, and
 * the SBO extends a deadline. Screenshots go to test-artifacts/screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';

const CHROMIUM = '/usr/bin/chromium';
const root = resolve(__dirname, '..', '..');
const screenshots = join(root, 'test-artifacts', 'screenshots');
const KEY = 'formulier-loket';
const PROCESS = `acceptance:${KEY}`;

let stack: ApiStack;
let browser: Browser;
let page: Page;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;
/** The actors as GET /api/v1/me describes them (the contract of issue 16). */
const actors: Record<string, { role: string; party?: string; label: string }> = {
  'programma-dso': { role: 'programme', label: 'Programma DSO' },
  tbo: { role: 'tbo', label: 'Tactische beheerorganisatie (TBO)' },
  sbo: { role: 'sbo', party: 'rijk', label: 'Strategische beheerorganisatie (SBO)' },
};

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`npm test\` (its set-up installs it as root)`);
  }
  execFileSync(process.execPath, [join(root, 'scripts', 'build-dashboard.mjs')], { cwd: root });
  mkdirSync(screenshots, { recursive: true });
  stack = await startApiStack('forms-browser-test');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'nl-NL' });
  // Where this branch runs without the who-am-I route, the page is answered as that route will
  // (the contract); where the route exists, its own answer passes through.
  await page.route('**/api/v1/me', async (route) => {
    const real = await route.fetch();
    if (real.status() !== 404) return route.fulfill({ response: real });
    const bearer = (route.request().headers().authorization ?? '').replace(/^Bearer /, '');
    const id = Object.keys(actors).find((actor) => token(actor) === bearer);
    const actor = id ? actors[id] : undefined;
    return actor
      ? route.fulfill({ json: { actor: id, ...actor } })
      : route.fulfill({ status: 401, json: {} });
  });
});

afterAll(async () => {
  await browser.close();
  await stack.stop();
});

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function signInAs(actorId: string, hash: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/${hash}`);
  const signOut = page.getByRole('button', { name: 'Afmelden' });
  if (await signOut.isVisible()) await signOut.click();
  await page.getByLabel('Token').fill(token(actorId));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Aanmelden' }).waitFor();
}

/** The page's own DOM is not this test's: the checks are sent as source to run in the page. */
const isFocused = async (locator: Locator): Promise<boolean> => {
  const id = await locator.getAttribute('id');
  const active = await page.evaluate('document.activeElement ? document.activeElement.id : ""');
  return id !== null && id !== '' && id === active;
};
const outlineOf = (): Promise<string> =>
  page.evaluate('getComputedStyle(document.activeElement).outlineStyle').then(String);

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's WCAG 2.1 A/AA violations within the elements `selector` names. */
async function axeViolations(selector: string): Promise<string[]> {
  // Evaluated over the DevTools protocol: the page's CSP rightly refuses inline scripts.
  await page.evaluate(`${axeSource};undefined`);
  const run =
    `axe.run({ include: [${JSON.stringify(selector)}] }, ` +
    `{ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })` +
    `.then((r) => ({ passes: r.passes.length, ` +
    `violations: r.violations.map((v) => v.id + ' (' + v.nodes.length + ')') }))`;
  const result = await page.evaluate<{ passes: number; violations: string[] }>(run);
  // Rules that passed: axe did look at the elements, so no violations means something.
  expect(result.passes).toBeGreaterThan(3);
  return result.violations;
}

const history = () => page.getByRole('table', { name: 'Geschiedenis' });

test('the programme starts an acceptance run through the start form', async () => {
  await signInAs('programma-dso', '#/start');
  await page.getByRole('heading', { name: 'Proces starten' }).waitFor();
  await page.getByLabel('Soort proces').selectOption({ label: 'Acceptatie van een voorziening' });
  const form = page.getByRole('form', { name: 'Acceptatie van een voorziening' });
  await form.getByLabel('Voorziening', { exact: true }).fill(KEY);
  await form.getByLabel('Naam van de voorziening').fill('Formulierloket');
  await form.getByLabel('Einde fase 1').fill('2030-07-01');
  await form.getByLabel('Afspraken operationeel beheer uiterlijk').fill('2030-09-01');
  await shoot('forms-01-start');
  expect(await axeViolations('main')).toEqual([]);
  await form.getByRole('button', { name: 'Proces starten' }).click();
  await page.getByRole('heading', { name: `Acceptatie van een voorziening: ${KEY}` }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: 'Gestart: Acceptatie van een voorziening.' })
    .waitFor();
  const view = await apiClient(stack)<{ businessKey: string; startedBy: { id: string } }>(
    'GET',
    `/api/v1/processes/${PROCESS}`,
    { token: token('tbo') },
  );
  expect(view.body.startedBy.id).toBe('programma-dso');
});

test('the TBO gives criteria advice: an empty field is refused at the field, typing survives', async () => {
  await signInAs('tbo', `#/process/${encodeURIComponent(PROCESS)}`);
  const advice = page.getByRole('form', { name: 'Advies over de beoordelingscriteria (TBO)' });
  await advice.waitFor();
  // Only the TBO's own forms: fixing the criteria is the OGB Beheer's.
  expect(await page.getByRole('form', { name: /Beoordelingscriteria vaststellen/ }).count()).toBe(
    0,
  );

  // Sent empty: the API names the field, the page says so at it, in Dutch, and focuses it.
  await advice.getByRole('button', { name: 'Versturen' }).click();
  const field = advice.getByLabel('Advies', { exact: true });
  await advice.getByText('Vul dit veld in.').waitFor();
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error')) ?? '';
  expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('Vul dit veld in.');
  expect(await isFocused(field)).toBe(true);
  await shoot('forms-02-field-error');
  // The forms, their error included, and the deadline forms: no WCAG 2.1 AA violations.
  expect(await axeViolations('section[aria-labelledby="actions-heading"]')).toEqual([]);
  expect(await axeViolations('section[aria-labelledby="deadlines-heading"] form')).toEqual([]);
  await page
    .getByRole('region', { name: 'Wat u nu kunt doen' })
    .screenshot({ path: join(screenshots, 'forms-02-field-error.section.png') });

  // Another operator's event refreshes the page; the advice being typed stays.
  await field.fill('Let op de koppelvlakken');
  const other = await apiClient(stack)('POST', `/api/v1/kinds/acceptance/processes/${KEY}/events`, {
    token: token('tbo'),
    body: { type: 'AGREEMENT_PREPARED', operationalManager: 'Kadaster', summary: 'Concept' },
  });
  expect(other.status).toBe(200);
  await history().getByRole('cell', { name: 'Afspraken operationeel beheer voorbereid' }).waitFor();
  expect(await field.inputValue()).toBe('Let op de koppelvlakken');

  await advice.getByRole('button', { name: 'Versturen' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Verstuurd: Advies over de beoordelingscriteria (TBO).' })
    .first()
    .waitFor();
  await history()
    .getByRole('cell', { name: 'Advies over de beoordelingscriteria (TBO)' })
    .waitFor();
});

test('a verdict is given with the keyboard only', async () => {
  const fixed = await apiClient(stack)('POST', `/api/v1/kinds/acceptance/processes/${KEY}/events`, {
    token: token('ogb-rijk'),
    body: {
      type: 'FIX_CRITERIA',
      criteria: {
        technicalFunctional: 'Getest',
        readyForUse: 'Documentatie',
        transferProcess: 'Overdrachtsplan',
        operatorReady: 'Beheer ingericht',
      },
    },
  });
  expect(fixed.status).toBe(200);
  const verdict = page.getByRole('form', { name: 'Oordeel over een beoordeling' });
  await verdict.waitFor();
  const assessment = verdict.getByLabel('Beoordeling', { exact: true });
  await assessment.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  // The outcome: the select after the assessment, then the findings, then the button.
  expect(await isFocused(verdict.getByLabel('Uitkomst'))).toBe(true);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Geen bevindingen');
  await page.keyboard.press('Tab');
  expect(await isFocused(verdict.getByRole('button', { name: 'Versturen' }))).toBe(true);
  // The focused button is visibly marked (a focus outline).
  const outline = await outlineOf();
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await history().getByRole('cell', { name: 'Oordeel over een beoordeling' }).waitFor();
  const view = await apiClient(stack)<{ context: { verdicts: Record<string, unknown> } }>(
    'GET',
    `/api/v1/processes/${PROCESS}`,
    { token: token('tbo') },
  );
  expect(JSON.stringify(view.body.context.verdicts)).toContain('Geen bevindingen');
});

test('the SBO extends a deadline through its form', async () => {
  await signInAs('sbo', `#/process/${encodeURIComponent(PROCESS)}`);
  const extend = page.getByRole('form', {
    name: 'Termijn verlengen: Afspraken met de operationele beheerder vastgelegd',
  });
  await extend.waitFor();
  await extend.getByLabel('Nieuwe datum').fill('2030-10-01');
  await extend.getByLabel('Reden').fill('Beheerder later beschikbaar');
  await extend.getByRole('button', { name: 'Termijn verlengen' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Termijn verlengd: Afspraken met de operationele beheerder vastgelegd' })
    .first()
    .waitFor();
  const row = page
    .getByRole('table', { name: 'Termijnen' })
    .getByRole('row', { name: /Afspraken met de operationele beheerder/ });
  await row.getByText('uiterlijk 30 september 2030').waitFor();
  await shoot('forms-03-deadline-extended');
});
