/**
 * Issue 16, "Done when" (1): an acceptance run from the ready report to provisional operation,
 * through the dashboard's forms only, as three actors signed in through the sign-in page — the
 * programme reports the provision ready (start form), the TBO advises on the criteria, the OGB
 * Beheer (Rijk) fixes them, both bodies give a verdict on each of the four assessments and accept
 * provisionally, and the TBO completes the transfer. Each actor finds the case in "Wat wacht op
 * mij" and clicks through to the form; the API is read only to assert where the run ended.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/axe';
import {
  actFromInbox,
  readmeScreenshots,
  send,
  startWalk,
  viewOf,
  type Walk,
} from '../helpers/walk-browser';

const KEY = 'wandel-loket';
const ID = `acceptance:${KEY}`;
const CASE = `Acceptatie van een voorziening: ${KEY}`;
const ASSESSMENTS = [
  '1. De technisch-functionele kant van het product',
  '2. Zo opgeleverd dat het in gebruik kan worden genomen',
  '3. Inrichting van het overdrachtsproces naar de beheerpartij',
  '4. De beheerpartij is klaar voor in beheer neming',
];

let walk: Walk;

beforeAll(async () => {
  walk = await startWalk('walk-acceptance-test');
});

afterAll(async () => {
  await (walk as Walk | undefined)?.stop();
});

/** Four verdicts, each for the first assessment the form still offers. */
async function giveVerdicts(page: Page, body: string): Promise<void> {
  for (let given = 0; given < ASSESSMENTS.length; given++) {
    const form =
      given === 0
        ? await actFromInbox(page, CASE, 'Oordeel over een beoordeling')
        : page.getByRole('form', { name: 'Oordeel over een beoordeling' }).first();
    const assessment = form.getByLabel('Beoordeling', { exact: true });
    // Only the assessments still waiting on this body's verdict are offered; the last one left
    // is preset (a single option cannot say which of its values are limits).
    const remaining = ASSESSMENTS.slice(given);
    if (remaining.length > 1) {
      const offered = (await assessment.locator('option').allTextContents()).filter((o) =>
        ASSESSMENTS.includes(o),
      );
      expect(offered).toEqual(remaining);
    } else {
      expect(await assessment.locator('option:checked').textContent()).toBe(remaining[0]);
    }
    await assessment.selectOption({ label: ASSESSMENTS[given] ?? '' });
    await form.getByLabel('Uitkomst').selectOption({ label: 'Positief' });
    await form.getByLabel('Bevindingen').fill(`${body}: voldoet aan de criteria`);
    await send(page, form, 'Verstuurd: Oordeel over een beoordeling.');
    // The verdict is in the case's content once the view is re-read.
    await page.getByRole('main').getByText(`${body}: voldoet aan de criteria`).nth(given).waitFor();
  }
}

test('the programme reports the provision ready through the start form', async () => {
  const page = await walk.signIn('programma-dso');
  await page.getByRole('navigation').getByRole('link', { name: 'Proces starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Proces starten' }).waitFor();
  await page.getByLabel('Soort proces').selectOption({ label: 'Acceptatie van een voorziening' });
  const form = page.getByRole('form', { name: 'Acceptatie van een voorziening' });
  await form.getByLabel('Voorziening', { exact: true }).fill(KEY);
  await form.getByLabel('Naam van de voorziening').fill('Wandelloket');
  await form.getByLabel('Einde fase 1').fill('2031-07-01');
  await form.getByLabel('Afspraken operationeel beheer uiterlijk').fill('2031-09-01');
  await expectNoAxeViolations(page, 'start form, filled in');
  await form.getByRole('button', { name: 'Proces starten' }).click();
  await page.getByRole('heading', { level: 1, name: CASE }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Gestart:' }).first().waitFor();
  await expectNoAxeViolations(page, 'case page after the start');
});

test('the TBO finds the case in its inbox and advises on the criteria', async () => {
  const page = await walk.signIn('tbo');
  const form = await actFromInbox(page, CASE, 'Advies over de beoordelingscriteria (TBO)');
  await form.getByLabel('Advies', { exact: true }).fill('Toets ook de koppelvlakken met DSO.');
  await send(page, form, 'Verstuurd: Advies over de beoordelingscriteria (TBO).');
  await page.getByRole('main').getByText('Toets ook de koppelvlakken met DSO.').first().waitFor();
});

test('the OGB Beheer fixes the criteria and gives its four verdicts', async () => {
  const page = await walk.signIn('ogb-rijk');
  const form = await actFromInbox(page, CASE, 'Beoordelingscriteria vaststellen (OGB Beheer)');
  for (const [index, label] of ASSESSMENTS.entries()) {
    await form.getByLabel(label).fill(`Criterium ${index + 1}: getest en gedocumenteerd`);
  }
  await expectNoAxeViolations(page, 'criteria form, filled in');
  await send(page, form, 'Verstuurd: Beoordelingscriteria vaststellen (OGB Beheer).');
  // Back to the inbox: the verdicts now wait on the OGB Beheer.
  await page.getByRole('navigation').getByRole('link', { name: 'Wat wacht op mij' }).click();
  await giveVerdicts(page, 'OGB Beheer');
});

test('the TBO gives its four verdicts and accepts provisionally', async () => {
  const page = await walk.signIn('tbo');
  await giveVerdicts(page, 'TBO');
  const accept = page.getByRole('form', { name: 'Voorlopig accepteren' });
  await accept.waitFor();
  await expectNoAxeViolations(page, 'case page with eight verdicts');
  await page.screenshot({
    path: join(readmeScreenshots, 'walk-acceptance-verdicts.png'),
    fullPage: true,
  });
  await send(page, accept, 'Verstuurd: Voorlopig accepteren.');
});

test('the OGB Beheer accepts provisionally, and the TBO completes the transfer', async () => {
  let page = await walk.signIn('ogb-rijk');
  const accept = await actFromInbox(page, CASE, 'Voorlopig accepteren');
  await send(page, accept, 'Verstuurd: Voorlopig accepteren.');

  page = await walk.signIn('tbo');
  const transfer = await actFromInbox(page, CASE, 'Overdracht afgerond');
  await transfer.getByLabel('Operationele beheerder').fill('Kadaster');
  await send(page, transfer, 'Verstuurd: Overdracht afgerond.');
  await page
    .getByTestId('state-labels')
    .getByText(/Operationeel beheer op voorlopige basis/)
    .waitFor();
  await expectNoAxeViolations(page, 'case page in provisional operation');

  const view = await viewOf<{
    state: string[];
    context: {
      verdicts: Record<string, Record<string, { outcome: string; by: string }>>;
      provisionalAcceptance: Record<string, { by: string }>;
      transfer: { operationalManager: string } | null;
    };
    history: { actor: { id: string } }[];
  }>(walk, ID, 'sbo');
  expect(view.state).toEqual(['acceptance.provisionalOperation', 'agreement.open.preparing']);
  const verdicts = Object.values(view.context.verdicts).flatMap((byBody) => Object.values(byBody));
  expect(verdicts.map((v) => `${v.by}:${v.outcome}`).sort()).toEqual([
    ...Array<string>(4).fill('ogb-rijk:positive'),
    ...Array<string>(4).fill('tbo:positive'),
  ]);
  expect(Object.keys(view.context.provisionalAcceptance).sort()).toEqual(['ogb', 'tbo']);
  expect(view.context.transfer?.operationalManager).toBe('Kadaster');
  // Every event came from the three actors signed in through the page.
  expect([...new Set(view.history.map((entry) => entry.actor.id))].sort()).toEqual([
    'ogb-rijk',
    'programma-dso',
    'tbo',
  ]);
  expect(walk.refusals()).toEqual([]);
});
