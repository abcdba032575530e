/**
 * Issue 16, "Done when" (2): a consensus decision of the OGB Beheer with a proxy and a written
 * vote, through the dashboard's forms only — the SBO puts the proposal on the agenda (start
 * form), IPO's member gives its proxy to the Rijk, the chair (VNG) registers UvW's written vote
 * and takes VNG's position, and the Rijk's member speaks for IPO and for itself, which decides it.
 * Each member finds the case in "Wat wacht op mij"; the API is read only to assert the outcome.
 */
import { join } from 'node:path';
import { expectNoAxeViolations } from '../helpers/axe';
import {
  actFromInbox,
  readmeScreenshots,
  send,
  startWalk,
  viewOf,
  type Walk,
} from '../helpers/walk-browser';

const KEY = 'wandel-jaarplan';
const ID = `decision:${KEY}`;
const CASE = `Besluit bij consensus (OGB Beheer of Bestuurlijk Overleg): ${KEY}`;
const PROXY = 'Een andere partij machtigen (bij verhindering)';
const POSITION = 'Standpunt innemen (zelf of als gemachtigde)';
const WRITTEN = 'Schriftelijke stem registreren (voorzitter)';

let walk: Walk;

beforeAll(async () => {
  walk = await startWalk('walk-decision-test');
});

afterAll(async () => {
  await (walk as Walk | undefined)?.stop();
});

test('the SBO puts the proposal before the OGB Beheer through the start form', async () => {
  const page = await walk.signIn('sbo');
  await page.getByRole('navigation').getByRole('link', { name: 'Proces starten' }).click();
  await page.getByLabel('Soort proces').selectOption({
    label: 'Besluit bij consensus (OGB Beheer of Bestuurlijk Overleg)',
  });
  const form = page.getByRole('form', { name: /Besluit bij consensus/ });
  await form.getByLabel('Kenmerk van het besluit').fill(KEY);
  await form.getByLabel('Overleg', { exact: true }).selectOption({ label: 'OGB Beheer' });
  await form.getByLabel('Onderwerp').fill('Jaarplan beheer 2031');
  await form.getByLabel('Voorstel').fill('Het OGB Beheer stelt het jaarplan beheer 2031 vast.');
  await form.getByLabel('Vergaderdatum').fill('2031-03-12');
  await expectNoAxeViolations(page, 'decision start form, filled in');
  await form.getByRole('button', { name: 'Proces starten' }).click();
  await page.getByRole('heading', { level: 1, name: CASE }).waitFor();
  await expectNoAxeViolations(page, 'decision case page after the start');
});

test('IPO cannot attend and gives its proxy to the Rijk', async () => {
  const page = await walk.signIn('ogb-ipo');
  const form = await actFromInbox(page, CASE, PROXY);
  await form.getByLabel('Gemachtigde overheid').selectOption({ label: 'Rijk' });
  await send(page, form, `Verstuurd: ${PROXY}.`);
  // IPO now speaks through the Rijk: nothing is left for IPO's member to do here.
  await page
    .getByRole('region', { name: 'Wat u nu kunt doen' })
    .getByText('Er is nu niets dat u kunt doen.')
    .waitFor();
});

test('the chair registers UvW’s written vote and takes VNG’s own position', async () => {
  const page = await walk.signIn('ogb-vng');
  const written = await actFromInbox(page, CASE, WRITTEN);
  await written
    .getByLabel('Overheid', { exact: true })
    .selectOption({ label: 'UvW (waterschappen)' });
  await written.getByLabel('Standpunt').selectOption({ label: 'Akkoord' });
  await written.getByLabel('Toelichting').fill('Brief van de UvW van 10 maart 2031');
  await send(page, written, `Verstuurd: ${WRITTEN}.`);
  const own = page.getByRole('form', { name: POSITION });
  await own.getByLabel('Standpunt').selectOption({ label: 'Akkoord' });
  await send(page, own, `Verstuurd: ${POSITION}.`);
  await expectNoAxeViolations(page, 'decision with two positions');
});

test('the Rijk speaks, as proxy holder, for IPO and then for itself: the decision is taken', async () => {
  const page = await walk.signIn('ogb-rijk');
  // For IPO first: once the Rijk has spoken for itself, the view no longer offers the Rijk a
  // position at all (allowedEvents probe POSITION without `onBehalfOf`), so no form would be left.
  const forIpo = await actFromInbox(page, CASE, POSITION);
  await forIpo.getByLabel('Standpunt').selectOption({ label: 'Akkoord' });
  await forIpo.getByLabel('Namens overheid').selectOption({ label: 'IPO (provincies)' });
  await send(page, forIpo, `Verstuurd: ${POSITION}.`);
  await page
    .getByRole('main')
    .getByText(/3 van 4 standpunten/)
    .first()
    .waitFor();
  const own = page.getByRole('form', { name: POSITION });
  await own.getByLabel('Standpunt').selectOption({ label: 'Akkoord' });
  await send(page, own, `Verstuurd: ${POSITION}.`);
  await page.getByTestId('state-labels').getByText('Besloten: consensus').waitFor();
  await expectNoAxeViolations(page, 'decision taken');
  await page.screenshot({ path: join(readmeScreenshots, 'walk-decision.png'), fullPage: true });

  const view = await viewOf<{
    state: string[];
    context: { finalPositions: { party: string; position: string; how: string; by: string }[] };
  }>(walk, ID, 'sbo');
  expect(view.state).toEqual(['adopted']);
  const how = Object.fromEntries(
    view.context.finalPositions.map((p) => [p.party, `${p.position}/${p.how}/${p.by}`]),
  );
  expect(how).toEqual({
    rijk: 'agree/present/ogb-rijk',
    vng: 'agree/present/ogb-vng',
    ipo: 'agree/proxy/ogb-rijk',
    uvw: 'agree/written/ogb-vng',
  });
  expect(walk.refusals()).toEqual([]);
});
