/**
 * The statechart as a diagram in real Chromium: states as boxes, transitions as arrows with Dutch
 * labels, initial markers, the current states and the path taken from the run's history, and the
 * same chart as a list for screen readers. The layout runs under the dashboard's own CSP.
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiClient, startApiStack, type ApiStack } from '../helpers/api-stack';
import { expectNoAxeViolations, expectNoSidewaysScroll } from '../helpers/axe';
import {
  buildDashboard,
  cspRefusals,
  launchChromium,
  repositoryRoot,
  signInAs,
} from '../helpers/dashboard-browser';

let stack: ApiStack;
let browser: Browser;
const token = (actorId: string) => stack.tokens[actorId] ?? `missing-${actorId}`;
const RUN = 'acceptance:diagram-dash';
const criteria = {
  technicalFunctional: 'Functioneel en technisch getest',
  readyForUse: 'Documentatie en gebruik',
  transferProcess: 'Overdrachtsplan',
  operatorReady: 'Beheerorganisatie ingericht',
};

beforeAll(async () => {
  buildDashboard();
  stack = await startApiStack('diagram-browser-test');
  const call = apiClient(stack);
  const started = await call('POST', '/api/v1/kinds/acceptance/processes', {
    token: token('programma-dso'),
    body: { provision: 'diagram-dash', phase1Due: '2030-03-01', agreementDue: '2030-05-01' },
  });
  expect(started.status).toBe(201);
  const events = '/api/v1/kinds/acceptance/processes/diagram-dash/events';
  const advice = await call('POST', events, {
    token: token('tbo'),
    body: { type: 'CRITERIA_ADVICE', advice: 'Let op de koppelvlakken' },
  });
  expect(advice.status).toBe(200);
  const fixed = await call('POST', events, {
    token: token('ogb-rijk'),
    body: { type: 'FIX_CRITERIA', criteria },
  });
  expect(fixed.status).toBe(200);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await stack.stop();
});

const pathsOf = async (nodes: Locator): Promise<(string | null)[]> =>
  Promise.all((await nodes.all()).map((node) => node.getAttribute('data-path')));

async function openRun(width: number): Promise<{ page: Page; refused: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'nl-NL' });
  const refused = cspRefusals(page);
  await signInAs(page, stack.baseUrl, token('tbo'));
  await page.goto(`${stack.baseUrl}/#/process/${encodeURIComponent(RUN)}`);
  await page.locator('svg.dg-svg').waitFor();
  return { page, refused };
}

test('the diagram draws states, arrows, initial markers, the current states and the path', async () => {
  const { page, refused } = await openRun(1400);
  const diagram = page.locator('svg.dg-svg');
  // Every active leaf of the view is drawn as current, and nothing else.
  const view = (await apiClient(stack)('GET', `/api/v1/processes/${RUN}`, { token: token('tbo') }))
    .body as { state: string[] };
  const current = await pathsOf(diagram.locator('g.dg-current'));
  expect(current.sort()).toEqual([...view.state].sort());
  expect(await diagram.locator('g.dg-current .dg-now').count()).toBe(view.state.length);
  // Arrows: many transitions, each a polyline ending in an arrow head.
  const arrows = diagram.locator('g.dg-edge polyline[marker-end]');
  expect(await arrows.count()).toBeGreaterThan(10);
  expect(await diagram.locator('circle.dg-initial').count()).toBeGreaterThan(2);
  // The path taken: fixing the criteria led from the criteria to the assessment.
  const fix = diagram.locator(
    'g.dg-edge[data-edge^="acceptance.phase1.criteria|"][data-edge$="|acceptance.phase1.assessment"]',
  );
  expect(await fix.getAttribute('class')).toContain('dg-taken');
  expect(
    await diagram.locator('g.dg-visited[data-path="acceptance.phase1.criteria"]').count(),
  ).toBe(1);
  // Parallel regions are drawn as such (dashed), the two regions of the acceptance run.
  expect(await diagram.locator('g.dg-region').count()).toBe(2);
  // Dutch throughout: no event type (UPPER_CASE) nor state key is shown.
  // A label's lines are tspans: read them as the words they are.
  const words = (
    await diagram.locator('text > tspan, text:not(:has(tspan))').allTextContents()
  ).join(' ');
  expect(words).toContain('Fase 2 geopend');
  expect(words).toContain('Beoordelingscriteria vaststellen');
  expect(words).not.toMatch(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/);
  for (const key of ['agreement', 'phase1', 'criteria', 'always', 'DEADLINE_PASSED']) {
    expect(words).not.toMatch(new RegExp(`\\b${key}\\b`));
  }
  // The text alternative marks the same current states for screen readers.
  const listed = await pathsOf(page.locator('#sc-list section[aria-current="step"]'));
  expect(listed.sort()).toEqual([...view.state].sort());
  await page.getByRole('button', { name: 'Toon als lijst' }).click();
  await page.getByRole('heading', { name: 'Toestanden en overgangen' }).waitFor();
  expect(await page.locator('#sc-list').textContent()).toContain('begintoestand');
  await page.getByRole('button', { name: 'Verberg de lijst' }).click();

  await expectNoAxeViolations(page, 'process page with the diagram');
  expect(refused).toEqual([]);
  await page.locator('#chart-heading').scrollIntoViewIfNeeded();
  await page.screenshot({
    path: join(repositoryRoot, 'docs', 'screenshots', 'process-diagram.png'),
    fullPage: true,
    clip: await page
      .locator('section:has(#chart-heading)')
      .boundingBox()
      .then((box) => ({
        x: 0,
        y: box?.y ?? 0,
        width: 1400,
        height: Math.min(box?.height ?? 900, 1400),
      })),
  });
  await page.close();
});

test('at 390 px the diagram scrolls within its frame, never the page', async () => {
  const { page } = await openRun(390);
  await expectNoSidewaysScroll(page, 'process page at 390 px');
  // The diagram is wider than the phone: its frame scrolls (the test project has no DOM types).
  const frame = await page.evaluate<{ scroll: number; client: number }>(
    "(() => { const n = document.querySelector('.dg-scroll'); return { scroll: n.scrollWidth, client: n.clientWidth }; })()",
  );
  expect(frame.scroll).toBeGreaterThan(frame.client);
  await page.close();
});
