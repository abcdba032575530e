/**
 * Sign-in through a real OpenID provider in real Chromium: a reminder e-mail's deep link, the
 * provider's own login and consent pages, the authorisation-code flow with PKCE (S256), and the
 * run the link named opens; the session holds in a second tab and signing out there signs out
 * here. An account without a role of the arrangement is told so.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { z } from 'zod';
import { processLink } from '../../activities/reminder-message';
import { OidcVerifier } from '../../server/oidc';
import { oidcEnvironment, oidcSettingsFrom } from '../../server/oidc-config';
import { apiClient, freePort, startApiStack, type ApiStack } from '../helpers/api-stack';
import {
  signingKey,
  startOidcProvider,
  testClaimNames,
  type OidcProvider,
} from '../helpers/oidc-provider';

const CHROMIUM = '/usr/bin/chromium';
const root = resolve(__dirname, '..', '..');
const screenshots = join(root, 'test-artifacts', 'screenshots');
const AUDIENCE = 'https://dso-lv.example/api';
const RUN = 'acceptance:aanmelden-oidc';

let stack: ApiStack;
let provider: OidcProvider;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`npm test\` (its set-up installs it as root)`);
  }
  execFileSync(process.execPath, [join(root, 'scripts', 'build-dashboard.mjs')], { cwd: root });
  mkdirSync(screenshots, { recursive: true });
  const port = await freePort();
  const settings = oidcSettingsFrom(
    z.object(oidcEnvironment).parse({
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_CLIENT_ID: 'dso-lv-dashboard',
      OIDC_SCOPE: 'openid processes',
      OIDC_ROLE_CLAIM: testClaimNames.role,
      OIDC_PARTY_CLAIM: testClaimNames.party,
      OIDC_ROLE_MAP: 'DSO-TBO=tbo,DSO-OGB=ogb',
      OIDC_PARTY_MAP: 'Rijk=rijk',
    }),
  );
  if (!settings) throw new Error('OIDC settings expected');
  stack = await startApiStack('sign-in-oidc-browser', { oidc: new OidcVerifier(settings) });
  provider = await startOidcProvider({
    port,
    audience: AUDIENCE,
    keys: [signingKey('rsa-1')],
    dashboardRedirectUri: `${stack.baseUrl}/`,
    accounts: {
      'anne.de.vries': { role: 'DSO-TBO', name: 'Anne de Vries' },
      'kees.jansen': { role: 'conciërge' },
    },
  });
  const started = await apiClient(stack)('POST', '/api/v1/kinds/acceptance/processes', {
    token: stack.tokens['programma-dso'] ?? '',
    body: { provision: 'aanmelden-oidc', phase1Due: '2030-03-01', agreementDue: '2030-05-01' },
  });
  expect(started.status).toBe(201);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser.close();
  await Promise.all([provider.stop(), stack.stop()]);
});

const newContext = () =>
  browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'nl-NL' });

/** Through the provider's own pages: its login form (any password), then its consent. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.getByRole('button', { name: 'Aanmelden met uw organisatieaccount' }).click();
  await page.waitForURL((url) => url.href.startsWith(provider.issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('een wachtwoord');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.href.startsWith(stack.baseUrl));
}

test('a deep link opens its run after sign-in at the provider with PKCE, in every tab', async () => {
  const context: BrowserContext = await newContext();
  const page = await context.newPage();
  const authorisations: URL[] = [];
  const exchanges: URLSearchParams[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${provider.issuer}/auth`))
      authorisations.push(new URL(request.url()));
    if (request.url() === `${provider.issuer}/token` && request.method() === 'POST') {
      exchanges.push(new URLSearchParams(request.postData() ?? ''));
    }
  });

  await page.goto(processLink(stack.baseUrl, RUN));
  await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  expect(await page.getByLabel('Token').count()).toBe(0);
  await page.screenshot({ path: join(screenshots, 'sign-in-oidc.png') });
  await signInAtProvider(page, 'anne.de.vries');

  // Back on the run the link named, signed in as the provider's account with its mapped role.
  await page.getByRole('heading', { name: 'Statechart' }).waitFor();
  expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/process/${RUN}`);
  expect(new URL(page.url()).search).toBe('');
  const header = page.locator('header.top .signed-in-actor');
  await header.getByText('Tactische beheerorganisatie (TBO)').waitFor();
  expect(await header.textContent()).toBe(
    'Aangemeld als Tactische beheerorganisatie (TBO) (anne.de.vries)',
  );
  await page.screenshot({ path: join(screenshots, 'sign-in-oidc-signed-in.png') });

  // PKCE with S256: the verifier sent to the token endpoint hashes to the challenge sent before.
  const [authorisation] = authorisations;
  const [exchange] = exchanges;
  expect(authorisation?.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorisation?.searchParams.get('response_type')).toBe('code');
  const verifier = exchange?.get('code_verifier') ?? '';
  expect(verifier.length).toBeGreaterThanOrEqual(43);
  expect(createHash('sha256').update(verifier).digest('base64url')).toBe(
    authorisation?.searchParams.get('code_challenge'),
  );
  expect(exchange?.get('grant_type')).toBe('authorization_code');

  // A second tab (as a click in another e-mail opens) is signed in already.
  const second = await context.newPage();
  await second.goto(`${stack.baseUrl}/#/calendar`);
  await second
    .locator('header.top .signed-in-actor')
    .getByText('Tactische beheerorganisatie (TBO)')
    .waitFor();
  expect(await second.getByRole('heading', { name: 'Aanmelden' }).count()).toBe(0);

  // Signing out in one tab signs out the other.
  await second.getByRole('button', { name: 'Afmelden' }).click();
  await second.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  expect(await page.locator('header.top .signed-in-actor').textContent()).toBe('');
  await context.close();
});

test('an account without a role of the arrangement is told so, in Dutch', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(stack.baseUrl);
  await signInAtProvider(page, 'kees.jansen');
  await page
    .getByRole('alert')
    .filter({ hasText: 'Uw account heeft geen rol (of partij) in het beheerarrangement' })
    .waitFor();
  await page.getByRole('button', { name: 'Aanmelden met uw organisatieaccount' }).waitFor();
  await context.close();
});
