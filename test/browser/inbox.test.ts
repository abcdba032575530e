/**
 * "Wat wacht op mij" and the one date rule, end to end: the real API stack on the dev server, the
 * dashboard in Debian's Chromium, a reminder mailed through a real SMTP server, and the calendar
 * feed read back by ical.js. The same deadline must read the same in all three.
 */
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { emailChannel } from '../../activities/email-channel';
import type { DeadlineRecord, ProcessView, ReminderNotice } from '../../workflows/contract';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver';

const ICAL = createRequire(__filename)('ical.js') as typeof ICALModule;
const CHROMIUM = '/usr/bin/chromium';
const root = resolve(__dirname, '..', '..');
const screenshots = join(root, 'docs', 'screenshots');

let stack: ApiStack;
let smtp: SmtpReceiver;
let browser: Browser;
let page: Page;
let call: ReturnType<typeof apiClient>;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm test\` first`);
  execFileSync(process.execPath, [join(root, 'scripts', 'build-dashboard.mjs')], { cwd: root });
  mkdirSync(screenshots, { recursive: true });
  [stack, smtp] = await Promise.all([startApiStack('inbox-browser-test'), startSmtpReceiver()]);
  call = apiClient(stack);
  const started = await Promise.all([
    call('POST', '/api/v1/kinds/acceptance/processes', {
      token: token('programma-dso'),
      body: { provision: 'inbox-loket', phase1Due: '2037-07-01', agreementDue: '2037-07-01' },
    }),
    call('POST', '/api/v1/kinds/acceptance/processes', {
      token: token('programma-dso'),
      body: { provision: 'inbox-later', phase1Due: '2038-03-01', agreementDue: '2038-03-01' },
    }),
    // Due in the past: overdue from the start, and still the TBO's to deliver.
    call('POST', '/api/v1/kinds/obligation/processes', {
      token: token('sbo'),
      body: {
        obligationKey: 'inbox-te-laat',
        title: 'Beheerprotocol',
        source: 'Beheerarrangement §6.4',
        owner: { role: 'tbo' },
        recipient: { role: 'sbo' },
        due: '2026-06-01',
      },
    }),
    call('POST', '/api/v1/kinds/decision/processes', {
      token: token('sbo'),
      body: {
        decisionKey: 'inbox-vergadering',
        body: 'ogb',
        subject: 'Jaarplan',
        proposal: 'Vaststellen jaarplan',
        meetingDate: '2037-11-12',
      },
    }),
  ]);
  expect(started.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
});

afterAll(async () => {
  // Whatever part of the set-up came up is taken down, so a failed start does not hang the run.
  await (browser as Browser | undefined)?.close();
  await Promise.all([
    (stack as ApiStack | undefined)?.stop(),
    (smtp as SmtpReceiver | undefined)?.close(),
  ]);
});

async function signIn(actorId: string): Promise<void> {
  // A fresh tab: the session (sessionStorage) of the one before does not carry over.
  await page.close();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await page.goto(stack.baseUrl);
  await page.getByLabel('Token').fill(token(actorId));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Aanmelden' }).waitFor();
}

const inboxItems = () =>
  page.getByRole('list', { name: 'Zaken die op u wachten' }).getByRole('article');

test('the TBO lands on what waits on it, soonest deadline first, and acts in one click', async () => {
  await signIn('tbo');
  await page.getByRole('heading', { level: 1, name: 'Wat wacht op mij' }).waitFor();
  await page.getByRole('status').filter({ hasText: '3 zaken wachten op u.' }).waitFor();
  const headings = await inboxItems().getByRole('heading').allTextContents();
  expect(headings).toEqual([
    'Verplichting met termijn: inbox-te-laat',
    'Acceptatie van een voorziening: inbox-loket',
    'Acceptatie van een voorziening: inbox-later',
  ]);
  const overdue = inboxItems().filter({ hasText: 'inbox-te-laat' });
  expect(await overdue.textContent()).toContain('termijn verstreken');
  const loket = inboxItems().filter({ hasText: 'inbox-loket' });
  expect(await loket.textContent()).toContain('Volgende termijn: uiterlijk 30 juni 2037');
  expect(await loket.textContent()).not.toContain('termijn verstreken');
  await page.screenshot({ path: join(screenshots, 'inbox.png'), fullPage: true });

  await loket.getByRole('link', { name: /Advies over de beoordelingscriteria/ }).click();
  await page.getByRole('heading', { level: 1, name: /inbox-loket/ }).waitFor();
  const form = page.getByRole('form', { name: 'Advies over de beoordelingscriteria (TBO)' });
  // The focus is in that action's form, so the operator can start typing at once.
  await form.locator(':focus').waitFor();
  expect(await form.locator(':focus').count()).toBe(1);
  // Without a named action the page opens at its top, focus nowhere in a form.
  await page.goto(`${stack.baseUrl}/#/process/${encodeURIComponent('acceptance:inbox-later')}`);
  await page.getByRole('heading', { level: 1, name: /inbox-later/ }).waitFor();
  expect(await page.locator('form :focus').count()).toBe(0);
});

test('an actor with nothing to do reads so, with the way to every case', async () => {
  await signIn('ontwikkelpartij');
  await page.getByRole('heading', { level: 1, name: 'Wat wacht op mij' }).waitFor();
  await page
    .getByText('U bent bij: er is nu geen zaak waarin u of uw partij aan zet is.')
    .waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Processen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Processen' }).waitFor();
  expect(page.url()).toContain('#/processen');
});

/** The notice the workflow would hand the reminder activity for this deadline. */
function noticeFor(view: ProcessView, deadline: DeadlineRecord): ReminderNotice {
  return {
    processId: view.id,
    kind: view.kind,
    title: view.title,
    businessKey: view.businessKey,
    summary: view.summary,
    deadline: {
      id: deadline.id,
      label: deadline.label,
      due: deadline.due ?? '',
      ...(deadline.moment ? { moment: true } : {}),
    },
    daysBefore: 7,
    scheduledFor: deadline.due ?? '',
    waitingOn: [{ role: 'tbo', events: ['CRITERIA_ADVICE'] }],
  };
}

async function mailedWhen(view: ProcessView, deadline: DeadlineRecord): Promise<string> {
  const channel = emailChannel({
    smtp: smtp.url,
    from: 'DSO-LV <noreply@dso-lv.example.org>',
    recipients: { tbo: ['tbo@example.org'] },
    publicBaseUrl: stack.baseUrl,
  });
  const before = smtp.mails.length;
  const outcome = await channel.deliver(noticeFor(view, deadline), `${view.id}/${deadline.id}`);
  expect(outcome.ok).toBe(true);
  const mail = smtp.mails[before];
  return /^Wanneer: (.*)$/m.exec(mail?.text ?? '')?.[1] ?? 'not in the mail';
}

function feedEvent(text: string, uid: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const event = calendar
    .getAllSubcomponents('vevent')
    .find((vevent) => String(vevent.getFirstPropertyValue('uid')) === uid);
  const start = event?.getFirstPropertyValue('dtstart') as ICALModule.Time | undefined;
  const description = String(event?.getFirstPropertyValue('description') ?? '');
  return {
    day: start?.isDate ? start.toString() : `timed ${String(start)}`,
    when: /^Wanneer: (.*)$/m.exec(description)?.[1] ?? 'not in the feed',
  };
}

test('a deadline due at 00:00 on 1 July reads "uiterlijk 30 juni" on the page, in the mail and in the feed', async () => {
  const feed = await fetch(`${stack.baseUrl}/api/v1/deadlines/calendar.ics`, {
    headers: { authorization: `Bearer ${token('sbo')}` },
  }).then((response) => response.text());
  const cases = [
    { id: 'acceptance:inbox-loket', deadline: 'phase1', row: /Einde fase 1/, day: '2037-06-30' },
    // The meeting is on 12 November; the decision is due by the end of that day.
    {
      id: 'decision:inbox-vergadering',
      deadline: 'meeting',
      row: /Besluit in de vergadering/,
      day: '2037-11-12',
    },
  ];
  await signIn('sbo');
  for (const { id, deadline: deadlineId, row, day } of cases) {
    const view = await call<ProcessView>('GET', `/api/v1/processes/${id}`, { token: token('sbo') });
    const deadline = view.body.deadlines.find((d) => d.id === deadlineId);
    if (!deadline) throw new Error(`${id} has no deadline ${deadlineId}`);

    await page.goto(`${stack.baseUrl}/#/process/${encodeURIComponent(id)}`);
    const cell = page
      .getByRole('table', { name: 'Termijnen' })
      .getByRole('row', { name: row })
      .getByRole('cell')
      .first();
    const onPage = (await cell.textContent())?.trim();
    const inMail = await mailedWhen(view.body, deadline);
    const inFeed = feedEvent(feed, `${id}/${deadlineId}@dso-lv`);

    expect({ inMail, inFeed: inFeed.when }).toEqual({ inMail: onPage, inFeed: onPage });
    expect(inFeed.day).toBe(day);
  }
  expect((await page.getByRole('table', { name: 'Termijnen' }).textContent()) ?? '').toContain(
    'uiterlijk 12 november 2037',
  );
  // The meeting itself is shown on its own day in the content of the case.
  expect(await page.getByRole('region', { name: 'Vergadering' }).textContent()).toContain(
    'Vergaderdatum12 november 2037',
  );
  const loket = feedEvent(feed, 'acceptance:inbox-loket/phase1@dso-lv');
  expect(loket.when).toBe('uiterlijk 30 juni 2037');
});
