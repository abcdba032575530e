/**
 * Issue 16, "Done when" (3): a deadline moved through the deadline forms — the SBO lays down a
 * dated obligation of the TBO (start form), suspends its term and resumes it; the Bestuurlijk
 * Overleg (VNG's member) extends it; the TBO, whom the term binds and who may not move it, finds
 * the case in "Wat wacht op mij" with the new date and delivers; the SBO confirms receipt from
 * its own inbox. The API is read only to assert the deadline's record at the end.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, expectNoSidewaysScroll } from '../helpers/axe';
import {
  actFromInbox,
  inboxCard,
  readmeScreenshots,
  send,
  startWalk,
  viewOf,
  type Walk,
} from '../helpers/walk-browser';

const KEY = 'wandel-beheerplan';
const ID = `obligation:${KEY}`;
const CASE = `Verplichting met termijn: ${KEY}`;
const TERM = 'Termijn van de verplichting';

let walk: Walk;

beforeAll(async () => {
  walk = await startWalk('walk-deadline-test');
});

afterAll(async () => {
  await (walk as Walk | undefined)?.stop();
});

const deadlineRow = (page: Page) =>
  page.getByRole('table', { name: 'Termijnen' }).getByRole('row', { name: new RegExp(TERM) });

async function changeDeadline(
  page: Page,
  action: 'Termijn opschorten' | 'Termijn hervatten' | 'Termijn verlengen',
  fill: Record<string, string>,
  done: string,
): Promise<void> {
  const form = page.getByRole('form', { name: `${action}: ${TERM}` });
  await form.waitFor();
  for (const [label, value] of Object.entries(fill)) await form.getByLabel(label).fill(value);
  await expectNoAxeViolations(page, `${action}, filled in`);
  await send(page, form, `Termijn ${done}: ${TERM}`, action);
}

test('the SBO lays down the TBO’s obligation, suspends its term and resumes it', async () => {
  const page = await walk.signIn('sbo');
  await page.getByRole('navigation').getByRole('link', { name: 'Proces starten' }).click();
  await page.getByLabel('Soort proces').selectOption({ label: 'Verplichting met termijn' });
  const form = page.getByRole('form', { name: 'Verplichting met termijn' });
  await form.getByLabel('Kenmerk van de verplichting').fill(KEY);
  await form.getByLabel('Titel').fill('Beheerplan 2031');
  await form.getByLabel('Bron').fill('Beheerarrangement §6.4');
  await form
    .getByRole('group', { name: 'Eigenaar' })
    .getByLabel('Rol')
    .selectOption({ label: 'Tactische beheerorganisatie' });
  await form
    .getByRole('group', { name: 'Ontvanger' })
    .getByLabel('Rol')
    .selectOption({ label: 'Strategische beheerorganisatie' });
  await form.getByLabel('Uiterlijk').fill('2031-06-01');
  await expectNoAxeViolations(page, 'obligation start form, filled in');
  await form.getByRole('button', { name: 'Proces starten' }).click();
  await page.getByRole('heading', { level: 1, name: CASE }).waitFor();
  await deadlineRow(page).getByText('uiterlijk 31 mei 2031').waitFor();
  expect(await page.getByTestId('state-labels').textContent()).toBe('Binnen de termijn');

  await changeDeadline(
    page,
    'Termijn opschorten',
    { Reden: 'Wachten op de begroting' },
    'opgeschort',
  );
  await deadlineRow(page).getByText('opgeschort').waitFor();
  await changeDeadline(page, 'Termijn hervatten', { Reden: 'Begroting bekend' }, 'hervat');
  // A whole-day term resumes by whole days: the pause of moments costs the TBO no part of a day.
  await deadlineRow(page).getByText('uiterlijk 1 juni 2031').waitFor();
});

test('the TBO, bound by the term, is offered no deadline form', async () => {
  const page = await walk.signIn('tbo');
  await inboxCard(page, CASE);
  await page.goto(`${walk.stack.baseUrl}/#/process/${encodeURIComponent(ID)}`);
  await page.getByRole('heading', { level: 1, name: CASE }).waitFor();
  await page.getByRole('form', { name: /Geleverd/ }).waitFor();
  expect(await page.getByRole('form', { name: /^Termijn / }).count()).toBe(0);
});

test('the Bestuurlijk Overleg extends the term from the process list', async () => {
  const page = await walk.signIn('bo-vng');
  await page.getByRole('main').getByRole('link', { name: 'Processen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Processen' }).waitFor();
  await expectNoAxeViolations(page, 'process list as the BO');
  await page.getByRole('link', { name: CASE }).click();
  await page.getByRole('heading', { level: 1, name: CASE }).waitFor();
  await changeDeadline(
    page,
    'Termijn verlengen',
    { 'Nieuwe datum': '2031-09-01', Reden: 'Afstemming met de OBO’s' },
    'verlengd',
  );
  await deadlineRow(page).getByText('uiterlijk 31 augustus 2031').waitFor();
  // The deadline form, the table and the history say it in the same Dutch words.
  await page
    .getByRole('form', { name: `Termijn verlengen: ${TERM}` })
    .getByText('Nu uiterlijk 31 augustus 2031')
    .waitFor();
  const history = page.getByRole('table', { name: 'Geschiedenis' });
  await history.getByRole('cell', { name: 'Termijn verlengd', exact: true }).waitFor();
  expect(await history.textContent()).not.toMatch(/DEADLINE_|START|inTime/);
  expect(await page.getByRole('table', { name: 'Termijnen' }).textContent()).not.toContain(
    'planned',
  );
  await page.screenshot({ path: join(readmeScreenshots, 'walk-deadline.png'), fullPage: true });
});

test('the TBO sees the new date in its inbox and delivers; the SBO confirms receipt', async () => {
  let page = await walk.signIn('tbo', 390);
  const card = await inboxCard(page, CASE);
  expect(await card.textContent()).toContain('uiterlijk 31 augustus 2031');
  const deliver = await actFromInbox(page, CASE, 'Geleverd (eigenaar)');
  await expectNoSidewaysScroll(page, 'case page at 390 px');
  await deliver.getByLabel('Verwijzing').fill('Beheerplan 2031, versie 1.0');
  await send(page, deliver, 'Verstuurd: Geleverd (eigenaar).');

  page = await walk.signIn('sbo');
  const accept = await actFromInbox(page, CASE, 'Ontvangst bevestigd (ontvanger)');
  await send(page, accept, 'Verstuurd: Ontvangst bevestigd (ontvanger).');
  await page
    .getByTestId('state-labels')
    .getByText(/bevestigd/i)
    .waitFor();
  await expectNoAxeViolations(page, 'obligation confirmed');

  const view = await viewOf<{
    state: string[];
    deadlines: {
      id: string;
      status: string;
      adjustments?: { action: string; by: { id: string } }[];
    }[];
    history: { actor: { id: string }; event: { type: string } }[];
  }>(walk, ID, 'sbo');
  expect(view.state).toEqual(['accepted']);
  const term = view.deadlines.find((deadline) => deadline.id === 'due');
  expect(term?.status).toBe('met');
  expect(term?.adjustments?.map((change) => `${change.action}:${change.by.id}`)).toEqual([
    'suspend:sbo',
    'resume:sbo',
    'extend:bo-vng',
  ]);
  expect(walk.refusals()).toEqual([]);
});
