import { test as base, expect, type Locator, type Page } from '@playwright/test';
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
  const nav = page.getByRole('navigation', { name: /主导航|Main navigation/ });
  // The app's header, not the page's loading frame (which has neither).
  await expect(menu.or(nav).first()).toBeVisible();
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click();
    await expect(nav).toBeVisible();
  }
}

/** `target`, in the header's menu, becomes visible: reopens the menu while a navigation that
 *  closes it (a redirect after signing out, say) is still under way. */
export async function expectInMenu(page: Page, target: Locator) {
  await expect(async () => {
    await openMenu(page);
    await expect(target).toBeVisible({ timeout: 1_000 });
  }).toPass();
}

export const test = base;
export { expect };

/** The date `days` from today in Shanghai, as the portal's date fields take it (YYYY-MM-DD):
 * forms that refuse past dates must not depend on when the suite runs. */
export function shanghaiDateIn(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
