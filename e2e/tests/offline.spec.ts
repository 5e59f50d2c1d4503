import { test, expect, expectAccessible, openMenu } from './fixtures';

test.describe('offline and installed', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a guide read once opens again offline, saying it is offline', async ({ page, context }) => {
    await page.goto('/services/GA-001');
    await expect(page.getByRole('heading', { level: 1, name: '《上海市居住证》申领' })).toBeVisible();
    // The service worker keeps what it fetched from the moment it controls the page.
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: '申请材料' })).toBeVisible();

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '《上海市居住证》申领' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '申请材料' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '您已离线' })).toBeVisible();
    await expectAccessible(page);
    await context.setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: '您已离线' })).toHaveCount(0);
  });

  test('the web app can be installed: a manifest with its name and icon', async ({ page, request }) => {
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await request.get(href!)).json();
    expect(manifest.short_name).toBe('一网通办');
    expect(manifest.display).toBe('standalone');
    expect((await request.get(manifest.icons[0].src)).ok()).toBeTruthy();
  });
});

test('the header folds into a menu on a phone, opened and closed from the keyboard', async ({ page }, testInfo) => {
  await page.goto('/');
  const menu = page.getByRole('banner').getByRole('button', { name: '菜单' });
  const nav = page.getByRole('navigation', { name: '主导航' });
  if (testInfo.project.name === 'desktop') {
    await expect(nav).toBeVisible();
    await expect(menu).toBeHidden();
    return;
  }
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  // The page starts near the top: the header is one row.
  const header = await page.getByRole('banner').boundingBox();
  expect(header!.height).toBeLessThanOrEqual(120);
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: '登录' })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();
  await openMenu(page);
  await nav.getByRole('link', { name: '办事服务' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '办事服务' })).toBeVisible();
  await expect(nav).toBeHidden();
});
