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

  // Then move the new account to another phone: a code to the new number, and the password again.
  const newPhone = testInfo.project.name === 'desktop' ? '13400134001' : '13400134002';
  const section = page.getByRole('region', { name: '更换手机号码' });
  await section.getByLabel('新手机号码').fill(newPhone);
  await section.getByRole('button', { name: '获取验证码' }).click();
  await expect(section.getByRole('status').filter({ hasText: '验证码已发送到' })).toBeVisible();
  await section.getByLabel('短信验证码').fill(await lastCode(request, newPhone));
  await section.getByLabel('当前密码').fill('Keyboard-only-2026');
  await section.getByRole('button', { name: '更换手机号码' }).click();
  await expect(section.getByText('手机号码已更换。')).toBeVisible();
  await expect(page.getByText(newPhone.slice(0, 3) + '****' + newPhone.slice(-4), { exact: true })).toBeVisible();
});
