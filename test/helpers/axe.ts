/**
 * axe-core in a real page: the helper that browser tests call on every dashboard page. The
 * script is evaluated through the DevTools protocol (the page's CSP forbids inline scripts, and
 * the product's CSP is what is under test), and any violation of WCAG 2.1 A/AA fails the test.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe's violations on the page as it is now (only WCAG 2.1 A and AA rules). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run: (options: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run({ runOnly: { type: 'tag', values: tags } })) as {
      violations: Violation[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, WCAG_21_AA);
}

/** Fails, naming each rule and the elements, where axe finds anything on the page. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n` +
      v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n'),
  );
  expect({ where, violations: report }).toEqual({ where, violations: [] });
}

/**
 * The page's width in CSS pixels against the viewport's (no sideways scrolling when ≤), and the
 * elements that stick out past the viewport, so that a failure names its culprits.
 */
export function pageWidths(page: Page): Promise<PageWidths> {
  return page.evaluate<PageWidths>(PAGE_WIDTHS);
}

interface PageWidths {
  scrollWidth: number;
  viewport: number;
  overflowing: string[];
}

// Evaluated in the page (the test project's types have no DOM). An element sticking out inside
// a box that scrolls or clips (a wide diagram in its frame) does not widen the page.
const PAGE_WIDTHS = `(() => {
  const clipped = (element) => {
    for (let up = element.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const overflowing = [...document.querySelectorAll('body *')]
    .filter((element) => element.getBoundingClientRect().right > innerWidth + 1 && !clipped(element))
    .slice(0, 10)
    .map((element) => element.tagName + '.' + (element.getAttribute('class') || '') +
      ' ' + (element.textContent || '').slice(0, 40));
  return { scrollWidth: document.documentElement.scrollWidth, viewport: innerWidth, overflowing };
})()`;

/** Fails, naming what sticks out, where the page scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const widths = await pageWidths(page);
  const fits = widths.scrollWidth <= widths.viewport;
  expect({ where, tooWide: fits ? null : widths }).toEqual({ where, tooWide: null });
}
