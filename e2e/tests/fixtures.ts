import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Runs axe with the WCAG 2.2 A/AA rules on the page as it is now; any violation fails. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'axe violations').toEqual([]);
}

/** Nothing wider than the viewport: no sideways scrolling at 360 px. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** On a phone the header's links fold behind its menu button: opens it there (nothing on a desktop). */
export async function openMenu(page: Page) {
  const menu = page.getByRole('banner').getByRole('button', { name: /^(菜单|Menu)$/ });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click();
    await expect(page.getByRole('navigation', { name: /主导航|Main navigation/ })).toBeVisible();
  }
}

export const test = base;
export { expect };
