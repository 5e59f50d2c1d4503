import { test, expect, type Page, type Locator } from '@playwright/test';
import { expectAccessible } from './fixtures';
import { lastCode } from './people';

async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`never reached ${target}`);
}

test('keyboard only: a question without an account, from the footer to its reference number', async ({ page }, testInfo) => {
  const phone = testInfo.project.name === 'desktop' ? '13912340003' : '13912340004';
  await page.goto('/');
  await tabTo(page, page.getByRole('contentinfo').getByRole('link', { name: '联系我们' }), 120);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: '联系我们' })).toBeVisible();

  // Sending nothing: the error summary takes focus and leads to each question.
  await tabTo(page, page.getByRole('button', { name: '提交' }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await tabTo(page, summary.getByRole('link', { name: '请选择一项' }).first());
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('一个部门')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('一个部门')).toBeChecked();
  await tabTo(page, page.getByLabel('哪个部门'));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('哪个部门')).toHaveValue('ga');
  await tabTo(page, page.getByLabel('标题'));
  await page.keyboard.type('办理时间');
  await tabTo(page, page.getByLabel('内容'));
  await page.keyboard.type('周六可以办理居住证吗？');
  await tabTo(page, page.getByLabel('手机号码'));
  await page.keyboard.type(phone);
  await tabTo(page, page.getByRole('button', { name: '获取验证码' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '验证码已发送到' })).toBeVisible();
  await tabTo(page, page.getByLabel('短信验证码'));
  await page.keyboard.type(await lastCode(page.request, phone));
  await expectAccessible(page);
  await tabTo(page, page.getByRole('button', { name: '提交' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '已收到，我们已转给负责的部门。' })).toBeVisible();
  await expect(page.locator('strong').filter({ hasText: /^KF\d{14}$/ })).toBeVisible();
  await expect(page.getByText('上海市公安局', { exact: true })).toBeVisible();
});
