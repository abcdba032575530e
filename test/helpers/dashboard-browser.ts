/**
 * The browser side of the dashboard tests: the bundle built from the sources under test, Debian's
 * Chromium launched headless by playwright-core, sign-in by the page's own form, and the CSP
 * refusals the page meets (a refused script or style would break it silently).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
export const repositoryRoot = resolve(__dirname, '..', '..');

export function buildDashboard(): void {
  execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'build-dashboard.mjs')], {
    cwd: repositoryRoot,
  });
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`npm test\` (its set-up installs it as root)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Console messages of CSP refusals, collected for the life of the page. */
export function cspRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) refused.push(text);
  });
  return refused;
}

/** Signs in through the page's form (opens the base URL first where no form is shown). */
export async function signInAs(page: Page, baseUrl: string, token: string): Promise<void> {
  const field = page.getByLabel('Token');
  if (!(await field.isVisible().catch(() => false))) {
    await page.goto(baseUrl);
    await field.waitFor();
  }
  await field.fill(token);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Aanmelden' }).waitFor();
}
