import { submitThroughApi } from './api';
import { test, expect, expectAccessible, expectNoHorizontalScroll } from './fixtures';
import { lastCode, signedInOfficer, signIn } from './people';

/** Seeded level-2 people and officers only these journeys use, one set per project. */
function cast(desktop: boolean) {
  return desktop
    ? { name: '沈悦', id: '310106199304182729', phone: '13011130019', officer: 'jt02', service: 'JT-001' as const, department: '上海市交通委员会',
      otherOfficer: 'zj01', otherDepartment: '上海市住房和城乡建设管理委员会', visitorPhone: '13912340001', askDepartment: '上海市教育委员会' }
    : { name: '彭博', id: '31011019810706554X', phone: '13011130020', officer: 'yb03', service: 'YB-001' as const, department: '上海市医疗保障局',
      otherOfficer: 'gh01', otherDepartment: '上海市规划和自然资源局', visitorPhone: '13912340002', askDepartment: '国家税务总局上海市税务局' };
}

test('a complaint about an application goes to its department, is transferred, answered, closed and rated', async ({ page, browser }, testInfo) => {
  const who = cast(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fapplications');
  await signIn(page, who.id);
  await expect(page).toHaveURL(/\/applications$/);
  const { id, number } = await submitThroughApi(page, who.service, who);

  await page.goto(`/applications/${id}`);
  await page.getByRole('link', { name: '对这份申请有疑问或投诉？联系我们' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '联系我们' })).toBeVisible();
  await expect(page.getByLabel('我的一份申请')).toBeChecked();
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: '请选择一项' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('投诉').check();
  await page.getByLabel('标题').fill('审批进度慢');
  await page.getByLabel('内容').fill('提交后一直没有受理，请尽快处理');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已收到，我们已转给负责的部门。' })).toBeVisible();
  await expect(page.getByText(who.department, { exact: true })).toBeVisible();
  const ticketNumber = (await page.locator('strong').filter({ hasText: /^KF\d{14}$/ }).textContent()) ?? '';
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The department sees it in its console with the application, and answers.
  const { officer, context } = await signedInOfficer(browser, page, testInfo, who.officer);
  await officer.getByRole('link', { name: '客服工单' }).click();
  await expect(officer.getByRole('heading', { level: 1, name: '客服工单' })).toBeVisible();
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);
  await officer.getByRole('link', { name: ticketNumber }).click();
  await expect(officer.getByRole('heading', { level: 1, name: '审批进度慢' })).toBeVisible();
  await expect(officer.getByRole('link', { name: number })).toHaveAttribute('href', `/staff/applications/${id}`);
  await expect(officer.getByRole('link', { name: who.phone })).toBeVisible();
  await expect(officer.getByText('提交后一直没有受理，请尽快处理')).toBeVisible();
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByRole('alert').getByRole('link', { name: '请选择一项' })).toBeVisible();
  await expectAccessible(officer);
  // It concerns another department too: passed on, with the reason.
  await officer.getByLabel('转交其他部门').check();
  await officer.getByLabel('转交给').selectOption({ label: who.otherDepartment });
  await officer.getByLabel('内容').fill('涉及住房信息，转相关部门办理');
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByRole('heading', { level: 1, name: '客服工单' })).toBeVisible();
  await expect(officer.getByRole('link', { name: ticketNumber })).toHaveCount(0);
  await context.close();

  const other = await signedInOfficer(browser, page, testInfo, who.otherOfficer);
  await other.officer.getByRole('link', { name: '客服工单' }).click();
  await other.officer.getByRole('link', { name: ticketNumber }).click();
  await expect(other.officer.getByRole('heading', { level: 1, name: '审批进度慢' })).toBeVisible();
  await expect(other.officer.getByRole('listitem').filter({ hasText: '涉及住房信息，转相关部门办理' })).toContainText(who.otherDepartment);
  await other.officer.getByLabel('答复', { exact: true }).check();
  await other.officer.getByLabel('内容').fill('已加快审批，今天内受理');
  await other.officer.getByRole('button', { name: '确认' }).click();
  await expect(other.officer.getByRole('listitem').filter({ hasText: '已加快审批，今天内受理' })).toBeVisible();
  await other.officer.getByLabel('办结').check();
  await other.officer.getByLabel('内容').fill('已受理，问题解决');
  await other.officer.getByRole('button', { name: '确认' }).click();
  await expect(other.officer.getByRole('button', { name: '确认' })).toHaveCount(0);
  await expectAccessible(other.officer);
  await expectNoHorizontalScroll(other.officer);
  await other.context.close();

  // The person reads the answer on the ticket and rates how it was handled.
  await page.getByRole('link', { name: '查看工单进展' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '审批进度慢' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '已加快审批，今天内受理' })).toContainText(who.otherDepartment);
  await expect(page.getByText('已办结', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('region', { name: '评价办理情况' }).getByRole('button', { name: '去评价' }).click();
  await expect(page.getByText('审批进度慢', { exact: true })).toBeVisible();
  await page.getByLabel('非常满意').check();
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByRole('status').filter({ hasText: '感谢您的评价，我们已经收到。' })).toBeVisible();
  await page.getByRole('link', { name: '返回申请' }).first().click();
  await expect(page.getByRole('region', { name: '您的评价' })).toContainText('非常满意');

  await page.goto('/account/tickets');
  await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name: '审批进度慢' }) })).toContainText('已办结');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
});

test('a question without an account proves its phone and gets a reference number', async ({ browser }, testInfo) => {
  const who = cast(testInfo.project.name === 'desktop');
  const visitor = await browser.newContext({ locale: 'zh-CN', viewport: testInfo.project.use.viewport ?? undefined, baseURL: testInfo.project.use.baseURL });
  const page = await visitor.newPage();
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: '联系我们' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '联系我们' })).toBeVisible();
  await expect(page.getByText('未登录时只能咨询')).toBeVisible();
  await expect(page.getByLabel('咨询')).toBeChecked();
  await expect(page.getByLabel('投诉')).toHaveCount(0);
  await page.getByLabel('一个部门').check();
  await page.getByLabel('哪个部门').selectOption({ label: who.askDepartment });
  await page.getByLabel('标题').fill('办事时间');
  await page.getByLabel('内容').fill('周六可以办理吗？');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: '请输入手机号码' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('手机号码').fill(who.visitorPhone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('status').filter({ hasText: '验证码已发送到' })).toBeVisible();
  await page.getByLabel('短信验证码').fill(await lastCode(page.request, who.visitorPhone));
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已收到，我们已转给负责的部门。' })).toBeVisible();
  await expect(page.locator('strong').filter({ hasText: /^KF\d{14}$/ })).toBeVisible();
  await expect(page.getByText('答复会以短信发送到您的手机')).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await visitor.close();
});
