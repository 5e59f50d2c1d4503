import { test, expect, type Page, type Locator } from '@playwright/test';

/** Presses Tab until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, maxPresses = 60) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`never reached ${target}`);
}

test('keyboard only: from home to a guide', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');

  const search = page.getByRole('searchbox', { name: '搜索服务事项' });
  await tabTo(page, search);
  await page.keyboard.type('jzz');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=jzz/);

  const result = page.getByRole('link', { name: '《上海市居住证》申领' });
  await expect(result).toBeVisible();
  await tabTo(page, result);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '《上海市居住证》申领' })).toBeVisible();
  await expect(page.locator('#main')).toBeFocused();

  const apply = page.getByRole('button', { name: '在线办理' });
  await tabTo(page, apply);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sign-in/);
});
