/**
 * "Inhoud van de zaak" in real Chromium: runs walked through the real API on the dev server, then
 * read on their case pages as an operator reads them, in Dutch and in euros.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { assessments } from '../../machines/acceptance/assessments';
import { adviceEvent, criteria, repairEvent, verdictEvent } from '../helpers/acceptance-script';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';
import { laterTerm } from '../helpers/reselection-script';

const CHROMIUM = '/usr/bin/chromium';
const root = resolve(__dirname, '..', '..');
const screenshots = join(root, 'docs', 'screenshots');

let stack: ApiStack;
let browser: Browser;
let page: Page;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

async function ok(
  actorId: string,
  path: string,
  body: Record<string, unknown>,
  status = 200,
): Promise<void> {
  const answer = await call('POST', path, { token: token(actorId), body });
  if (answer.status !== status) {
    throw new Error(`${actorId} ${path}: ${String(answer.status)} ${JSON.stringify(answer.body)}`);
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm test\` first`);
  execFileSync(process.execPath, [join(root, 'scripts', 'build-dashboard.mjs')], { cwd: root });
  mkdirSync(screenshots, { recursive: true });
  stack = await startApiStack('case-content-browser-test');
  call = apiClient(stack);

  // An acceptance with advice, criteria, a negative verdict and a repair at a development cost.
  const acceptance = '/api/v1/kinds/acceptance/processes';
  await ok(
    'programma-dso',
    acceptance,
    { provision: 'inhoud-loket', phase1Due: '2030-07-01' },
    201,
  );
  const events = `${acceptance}/inhoud-loket/events`;
  await ok('tbo', events, adviceEvent);
  await ok('ogb-rijk', events, { type: 'FIX_CRITERIA', criteria });
  await ok('ogb-rijk', events, verdictEvent('technicalFunctional', 'negative', 'Zoeken faalt'));
  for (const a of assessments.slice(1)) await ok('ogb-rijk', events, verdictEvent(a));
  for (const a of assessments) await ok('tbo', events, verdictEvent(a));
  await ok('ontwikkelpartij', events, repairEvent);

  // A consensus decision of the OGB Beheer: a proxy, and positions present and by proxy.
  const decision = '/api/v1/kinds/decision/processes';
  await ok(
    'sbo',
    decision,
    {
      decisionKey: 'inhoud-besluit',
      body: 'ogb',
      subject: 'Jaarplan 2031',
      proposal: 'Het jaarplan 2031 vaststellen.',
      meetingDate: '2030-11-12',
    },
    201,
  );
  const votes = `${decision}/inhoud-besluit/events`;
  await ok('ogb-uvw', votes, { type: 'AUTHORISE_PROXY', holder: 'ipo' });
  await ok('ogb-vng', votes, { type: 'POSITION', position: 'agree' });
  await ok('ogb-ipo', votes, {
    type: 'POSITION',
    position: 'object',
    onBehalfOf: 'uvw',
    note: 'Eerst de begroting',
  });

  await ok('sbo', '/api/v1/kinds/pc-cycle/processes', { year: 2030 }, 201);
  await ok(
    'sbo',
    '/api/v1/kinds/escalation/processes',
    { disputeKey: 'inhoud-geschil', subject: 'Budget', description: 'Uitleg', origin: 'sbo-tbo' },
    201,
  );
  await ok('sbo', '/api/v1/kinds/reselection/processes', laterTerm, 201);
  await ok(
    'sbo',
    '/api/v1/kinds/sbo-decision/processes',
    {
      decisionKey: 'inhoud-sbo',
      subject: 'Overig besluit',
      proposal: 'Een voorstel',
      decisionType: 'other',
      category: 2,
      responseDue: '2030-05-01',
    },
    201,
  );
  await ok(
    'sbo',
    '/api/v1/kinds/obligation/processes',
    {
      obligationKey: 'inhoud-protocol',
      title: 'Beheerprotocol',
      source: 'Beheerarrangement §6.4',
      owner: { role: 'tbo' },
      recipient: { role: 'sbo' },
      due: '2030-06-01',
    },
    201,
  );
  await ok(
    'programma-dso',
    '/api/v1/kinds/acceptance-programme/processes',
    {
      programme: 'inhoud-programma',
      provisions: [{ id: 'inhoud-stam', name: 'Standaard STAM' }],
      phase1Due: '2030-07-01',
      phase2Due: '2031-01-01',
      agreementDue: '2030-09-01',
      extensionProtocolDue: '2031-10-01',
    },
    201,
  );

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await page.goto(stack.baseUrl);
  await page.getByLabel('Token').fill(token('sbo'));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { name: 'Wat wacht op mij' }).waitFor();
});

afterAll(async () => {
  // Whatever part of the set-up came up is taken down, so a failed start does not hang the run.
  await (browser as Browser | undefined)?.close();
  await (stack as ApiStack | undefined)?.stop();
});

/** Opens a case and answers the text of one block of its content, spaces made plain. */
async function open(id: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/#/process/${encodeURIComponent(id)}`);
  await page.getByRole('heading', { name: 'Inhoud van de zaak' }).waitFor();
}
async function blockText(title: string): Promise<string> {
  const text = await page.getByRole('region', { name: title, exact: true }).textContent();
  // Currency amounts hold a no-break space.
  return (text ?? '').replace(/\s+/g, ' ');
}

test('an acceptance shows the advice, the criteria, the verdicts with findings and the repair cost', async () => {
  await open('acceptance:inhoud-loket');
  expect(await blockText('Advies van de TBO over de criteria')).toContain(adviceEvent.advice);
  const criteriaText = await blockText('Vastgestelde beoordelingscriteria');
  expect(criteriaText).toContain('2. Zo opgeleverd dat het in gebruik kan worden genomen');
  expect(criteriaText).toContain(criteria.readyForUse);
  expect(criteriaText).toContain('door ogb-rijk');

  const negative = page
    .getByRole('table', { name: 'Oordelen' })
    .getByRole('row')
    .filter({ hasText: 'Zoeken faalt' });
  expect((await negative.textContent())?.replace(/\s+/g, ' ')).toContain(
    'OGB Beheer (ogb-rijk)✗ negatiefZoeken faalt',
  );
  expect(await page.getByRole('table', { name: 'Oordelen' }).getByRole('row').count()).toBe(9);

  const repair = await blockText('Herstel (ontwikkelkosten)');
  expect(repair).toContain(repairEvent.summary);
  expect(repair).toContain(
    'OGB Beheer over 1. De technisch-functionele kant van het product: Zoeken faalt',
  );
  expect(repair).toContain('€ 12.500,00');
  expect(repair).toContain('Totaal ontwikkelkosten van herstel: € 12.500,00');
  await page.getByRole('heading', { name: 'Inhoud van de zaak' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'case-content-acceptance.png'), fullPage: true });
});

test('a decision shows the proposal, the meeting day, the proxy and who took which position how', async () => {
  await open('decision:inhoud-besluit');
  expect(await blockText('Voorstel')).toContain('Het jaarplan 2031 vaststellen.');
  const meeting = await blockText('Vergadering');
  // The meeting on its own day; the decision due by the end of it.
  expect(meeting).toContain('Vergaderdatum12 november 2030');
  expect(meeting).toContain('Besluituiterlijk 12 november 2030');
  // An objection leaves no consensus: rejected at once.
  expect(meeting).toContain('Uitkomstverworpen');
  expect(await blockText('Volmachten')).toContain(
    'Unie van Waterschappen machtigt IPO (provincies)',
  );
  const positions = page.getByRole('table', { name: 'Standpunten' });
  const row = async (party: string) =>
    (await positions.getByRole('row', { name: new RegExp(party) }).textContent())?.replace(
      /\s+/g,
      ' ',
    );
  expect(await row('VNG')).toContain('stemt inzelf, ter vergadering');
  expect(await row('Unie van Waterschappen')).toContain('maakt bezwaarbij volmacht');
  expect(await row('Unie van Waterschappen')).toContain('Eerst de begroting');
  expect(await row('Rijk')).toContain('geen standpunt');
  expect(await row('IPO')).toContain('geen standpunt');
});

test('a P&C cycle shows its meetings and each government’s contribution in euros', async () => {
  await open('pc-cycle:2030');
  expect(await blockText('Vergaderingen OGB Beheer in 2030')).toContain('15 januari 2030');
  const table = page.getByRole('table', { name: 'Bijdragen 2030' });
  const rijk = (await table.getByRole('row', { name: /^Rijk/ }).textContent())?.replace(
    /\s+/g,
    ' ',
  );
  expect(rijk).toContain('19 %');
  expect(rijk).toMatch(/€ [\d.]+,\d\d/);
  expect(await blockText('Documenten')).toContain(
    'Jaarrekening en verantwoording SBO over het vorige jaar',
  );
});

test('an escalation shows the rung it is on and that rung’s clock', async () => {
  await open('escalation:inhoud-geschil');
  const rung = await blockText('Huidige trede');
  expect(rung).toContain('Opdrachtgever–opdrachtnemerlijn');
  expect(rung).toMatch(/60 kalenderdagen, uiterlijk \d+ \w+ \d{4} om \d\d:\d\d/);
});

test('every other kind shows its content without raw data', async () => {
  for (const [id, title] of [
    ['reselection:2034-2038', 'Termijn en kalender'],
    ['sbo-decision:inhoud-sbo', 'Voorstel van de SBO'],
    ['obligation:inhoud-protocol', 'Verplichting'],
    ['acceptance-programme:inhoud-programma', 'Voorzieningen'],
  ] as const) {
    await open(id);
    const content = page.locator('section.case-content');
    expect(await content.getByRole('region', { name: title, exact: true }).count()).toBe(1);
    const text = (await content.textContent()) ?? '';
    expect(text).not.toContain('kan niet volledig worden getoond');
    expect(text).not.toMatch(/[{}]|undefined|null|NaN|\d{4}-\d\d-\d\dT/);
  }
});
