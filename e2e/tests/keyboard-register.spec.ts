import { test, expect, type Page, type Locator } from '@playwright/test';
import { people, lastCode } from './people';

async function tabTo(page: Page, target: Locator, maxPresses = 40) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`never reached ${target}`);
}

test('keyboard only: register an account', async ({ page, request }, testInfo) => {
  const { keyboardNewcomer: person } = people(testInfo);
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 1, name: '注册个人账户' })).toBeVisible();

  await tabTo(page, page.getByLabel('姓名'));
  await page.keyboard.type(person.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(person.id);
  await page.keyboard.press('Tab');
  await page.keyboard.type(person.phone);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '获取验证码' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '验证码已发送到' })).toBeVisible();

  const code = await lastCode(request, person.phone);
  await tabTo(page, page.getByLabel('短信验证码'));
  await page.keyboard.type(code);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keyboard-only-2026');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keyboard-only-2026');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
});
