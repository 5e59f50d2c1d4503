import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { signedInOfficer } from './people';

test('a visitor says a guide was not useful and why; the department reads it', async ({ page, browser }, testInfo) => {
  // Each project its own department, so the counts are its own.
  const desktop = testInfo.project.name === 'desktop';
  const guide = desktop ? { code: 'RS-001', name: '失业保险金申领', officer: 'rs01' } : { code: 'WJ-001', name: '出生医学证明首次签发', officer: 'wj01' };
  await page.goto(`/services/${guide.code}`);
  await expect(page.getByRole('heading', { level: 1, name: guide.name })).toBeVisible();
  const feedback = page.getByRole('complementary', { name: '这个页面对您有帮助吗？' });
  await feedback.getByRole('button', { name: '没有帮助' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '帮助我们改进这份办事指南' })).toBeVisible();
  await expect(page.getByText(guide.name, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '提交反馈' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: '请至少选择一项' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('缺少我需要的信息').check();
  await page.getByLabel('还有什么想告诉我们的（选填）').fill('没有写清楚需要哪些证明材料');
  await page.getByRole('button', { name: '提交反馈' }).click();
  await expect(page.getByRole('status').filter({ hasText: '谢谢您的反馈，我们会用它改进办事指南。' })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('link', { name: '返回办事指南' }).click();
  await expect(page.getByRole('heading', { level: 1, name: guide.name })).toBeVisible();

  // In English, and useful.
  const visitor = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined, baseURL: testInfo.project.use.baseURL });
  const other = await visitor.newPage();
  await other.goto(`/services/${guide.code}`);
  await openMenu(other);
  await other.getByRole('button', { name: 'English' }).click();
  const useful = other.getByRole('complementary', { name: 'Is this page useful?' });
  await useful.getByRole('button', { name: 'Yes' }).click();
  await expect(useful.getByRole('status')).toHaveText('Thank you for your feedback: we use it to improve our guides.');
  await expectAccessible(other);
  await visitor.close();

  const { officer, context } = await signedInOfficer(browser, page, testInfo, guide.officer);
  await officer.getByRole('link', { name: '指南反馈' }).click();
  await expect(officer.getByRole('heading', { level: 1, name: '办事指南反馈' })).toBeVisible();
  const row = officer.getByRole('row').filter({ has: officer.getByRole('rowheader', { name: guide.name }) });
  await expect(row.getByRole('cell')).toHaveText(['1', '1']);
  const latest = officer.getByRole('region', { name: '最新反馈' });
  await expect(latest.getByRole('listitem').first()).toContainText('有帮助');
  await expect(latest.getByRole('listitem').nth(1)).toContainText('没有帮助：缺少我需要的信息');
  await expect(latest.getByRole('listitem').nth(1)).toContainText('没有写清楚需要哪些证明材料');
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);
  await context.close();
});
