/**
 * The walks of issue 16's "Done when": one stack, one Chromium, and the few moves every walk makes
 * through the dashboard — sign in through the sign-in page in a fresh tab, find a case in "Wat
 * wacht op mij" and click through to its form, send a form and wait for its confirmation. Every
 * page the walk reaches is checked with axe (WCAG 2.1 AA) before it moves on.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiClient, startApiStack, type ApiStack } from './api-stack';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './axe';
import { buildDashboard, cspRefusals, launchChromium, repositoryRoot } from './dashboard-browser';

export const readmeScreenshots = join(repositoryRoot, 'docs', 'screenshots');

export interface Walk {
  stack: ApiStack;
  call: ReturnType<typeof apiClient>;
  token(actorId: string): string;
  /** The tab of the actor signed in last. */
  page(): Page;
  /** A fresh tab, signed in as this actor through the sign-in page; lands on the inbox. */
  signIn(actorId: string, width?: number): Promise<Page>;
  /** The pages' CSP refusals so far (none expected). */
  refusals(): string[];
  stop(): Promise<void>;
}

export async function startWalk(taskQueue: string): Promise<Walk> {
  buildDashboard();
  mkdirSync(readmeScreenshots, { recursive: true });
  const stack = await startApiStack(taskQueue);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;
  let current: Page | undefined;
  const refused: string[] = [];
  return {
    stack,
    call: apiClient(stack),
    token,
    page: () => {
      if (!current) throw new Error('no one signed in yet');
      return current;
    },
    async signIn(actorId, width = 1280) {
      // A fresh tab and a fresh context: the session of the actor before does not carry over.
      await current?.context().close();
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        locale: 'nl-NL',
      });
      const page = await context.newPage();
      const collected = cspRefusals(page);
      page.on('close', () => refused.push(...collected));
      current = page;
      await page.goto(stack.baseUrl);
      await page.getByLabel('Token').waitFor();
      await expectNoAxeViolations(page, `sign-in page (${actorId})`);
      await page.getByLabel('Token').fill(token(actorId));
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Wat wacht op mij' }).waitFor();
      return page;
    },
    refusals: () => [...refused],
    async stop() {
      await current?.context().close();
      await browser.close();
      await stack.stop();
    },
  };
}

/** The case's card in "Wat wacht op mij" (waits until it is there). */
export async function inboxCard(page: Page, caseTitle: string): Promise<Locator> {
  const card = page
    .getByRole('list', { name: 'Zaken die op u wachten' })
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: caseTitle, exact: true }) });
  await card.waitFor();
  return card;
}

/**
 * From the inbox to the action's form: the card's link, then the form (focused by the link).
 * The inbox and the case page are both checked with axe on the way.
 */
export async function actFromInbox(
  page: Page,
  caseTitle: string,
  action: string,
  formName: string = action,
): Promise<Locator> {
  const card = await inboxCard(page, caseTitle);
  await expectNoAxeViolations(page, `inbox before "${action}"`);
  await expectNoSidewaysScroll(page, `inbox before "${action}"`);
  await card.getByRole('link', { name: `${action} →` }).click();
  await page.getByRole('heading', { level: 1, name: caseTitle }).waitFor();
  const form = page.getByRole('form', { name: formName }).first();
  await form.locator(':focus').waitFor();
  await expectNoAxeViolations(page, `case page at "${formName}"`);
  return form;
}

/** Sends a form and waits for the page's Dutch confirmation. */
export async function send(
  page: Page,
  form: Locator,
  confirmation: string,
  button = 'Versturen',
): Promise<void> {
  await form.getByRole('button', { name: button }).click();
  await page.getByRole('status').filter({ hasText: confirmation }).first().waitFor();
}

/** The process's view as the API gives it, to assert where a walk ended. */
export async function viewOf<T>(walk: Walk, id: string, actorId: string): Promise<T> {
  const answer = await walk.call<T>('GET', `/api/v1/processes/${id}`, {
    token: walk.token(actorId),
  });
  expect(answer.status).toBe(200);
  return answer.body;
}
