import { test, expect, expectAccessible, expectNoHorizontalScroll } from './fixtures';
import { call, provideMaterials } from './api';
import { people, signBySmsAndSubmit, signedInOfficer, signIn } from './people';

test('book a slot at a window for the marriage registration appointment, then submit; the window\'s officer sees the visit', async ({ page, browser }, testInfo) => {
  const { passkeyAccount: person } = people(testInfo);
  const phone = testInfo.project.name === 'desktop' ? '13011130001' : '13011130002';
  await page.goto('/sign-in?return=%2Fservices%2FMZ-001');
  await signIn(page, person.id);
  await page.getByRole('button', { name: '开始申请' }).click();
  await expect(page.getByText('该事项需要到窗口办理，请预约办理时段。')).toBeVisible();
  const id = page.url().split('/').pop() ?? '';
  const context = page.context();
  let detail = await call(context, page.request, `/applications/${id}`);
  const pages: [string, unknown][] = [
    ['applicant', { name: person.name, id_number: person.id, phone }],
    ['partner', { partner_name: '李娜', partner_id: '310105198511123624', partner_phone: '13900139000' }],
    ['appointment', { district: 'xuhui', date: '2026-12-10', half_day: 'am' }],
  ];
  for (const [name, answers] of pages) {
    detail = await call(context, page.request, `/applications/${id}/pages`, { page: name, answers, version: detail.version });
  }
  await provideMaterials(context, page.request, id);
  await page.reload();
  await page.getByRole('link', { name: /^更改/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: '办理方式' })).toBeVisible();
  await page.getByRole('button', { name: '预约', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('请选择受理窗口');
  await page.getByLabel('所在区').selectOption({ label: '长宁区' });
  const windows = page.getByRole('group', { name: '受理窗口' }).getByRole('radio');
  await expect(windows).toHaveCount(1);
  await windows.first().check();
  await page.getByLabel('日期').selectOption({ index: 1 });
  await page.getByRole('group', { name: '时段' }).getByRole('radio').first().check();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: '预约', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: '已预约' })).toBeVisible();
  await expect(page.getByRole('region', { name: '已预约' }).getByText(/上海市民政局/)).toBeVisible();

  await page.getByRole('link', { name: '返回申请概览' }).click();
  await expect(page.getByText(/到窗口办理: .*民政/)).toBeVisible();
  await page.getByRole('button', { name: '检查答案' }).click();
  const number = await signBySmsAndSubmit(page, phone);

  const { officer, context: officerContext } = await signedInOfficer(browser, page, testInfo, 'mz01');
  await expect(officer.getByText(/工作人员工作台 · 上海市民政局 · 上海市民政局服务窗口/)).toBeVisible();
  await officer.getByRole('link', { name: '只看预约到本窗口的办件' }).click();
  await expect(officer).toHaveURL(/window=mine/);
  const visit = officer.getByRole('listitem').filter({ hasText: number });
  await expect(visit).toContainText('预约到窗口: 上海市民政局服务窗口');
  await expectAccessible(officer);
  await officerContext.close();
});
