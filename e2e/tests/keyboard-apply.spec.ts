import { test, expect, type Page, type Locator } from '@playwright/test';
import { expectAccessible } from './fixtures';

async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`never reached ${target}`);
}

function driver(desktop: boolean) {
  return desktop ? { id: '31011019930827246X' } : { id: '310112198501305153' };
}

test('keyboard only: sign in, start the driving licence renewal, answer a page of radios, dates and text', async ({ page }, testInfo) => {
  const { id } = driver(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fservices%2FJT-001');
  await tabTo(page, page.getByLabel('身份证号码或手机号码'));
  await page.keyboard.type(id);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Tongban!2026');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '机动车驾驶证换证' })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: '开始申请' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText(/已完成 0 \/ \d 部分/)).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: '驾驶证', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '驾驶证信息' })).toBeVisible();

  // Continue with nothing answered: the error summary takes focus and links to each question.
  await tabTo(page, page.getByRole('button', { name: '保存并继续' }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await tabTo(page, summary.getByRole('link', { name: '请选择准驾车型' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('C1 小型汽车')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('C1 小型汽车')).toBeChecked();

  await tabTo(page, page.getByLabel('驾驶证有效期至'));
  await page.keyboard.type('01152027');
  await tabTo(page, page.getByLabel('有效期满'));
  await page.keyboard.press('Space');
  await expect(page.getByLabel('有效期满')).toBeChecked();
  await expectAccessible(page);
  await tabTo(page, page.getByRole('button', { name: '保存并继续' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '身体条件' })).toBeVisible();
});
