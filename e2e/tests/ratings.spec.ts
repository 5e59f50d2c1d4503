import { moveThroughApi, submitThroughApi } from './api';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { signedInOfficer, signIn } from './people';

/** Seeded level-2 people only this journey uses, each rating a different department's service. */
function cast(desktop: boolean) {
  return desktop
    ? { name: '林晓', id: '310105199205143621', phone: '13011130017', officer: 'jt01', service: 'JT-001' as const, serviceName: '机动车驾驶证换证',
      serviceEn: 'Driving licence renewal', department: '上海市交通委员会' }
    : { name: '周建', id: '310115198709234816', phone: '13011130018', officer: 'yb02', service: 'YB-001' as const, serviceName: '异地就医备案',
      serviceEn: 'Filing for medical treatment in another city', department: '上海市医疗保障局' };
}

test('a bad rating of a decision is followed up and put right, changed once, and published', async ({ page, browser }, testInfo) => {
  const who = cast(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fapplications');
  await signIn(page, who.id);
  await expect(page).toHaveURL(/\/applications$/);
  const { id, number } = await submitThroughApi(page, who.service, who);

  // Decided by the department (its console is tested in staff.spec.ts).
  const { officer, context: officerContext } = await signedInOfficer(browser, page, testInfo, who.officer);
  await expect(officer.getByRole('heading', { level: 1, name: '待办件' })).toBeVisible();
  await moveThroughApi(officerContext, officer.request, id, ['accept', 'start_review', 'approve']);

  await page.goto(`/applications/${id}`);
  const invite = page.getByRole('region', { name: '评价办理情况' });
  await invite.getByRole('button', { name: '去评价' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '评价办理情况' })).toBeVisible();
  await expect(page.getByText(who.serviceName, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: '请选择您对办理情况的评价' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('不满意', { exact: true }).check();
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: '请至少选择一项' })).toBeVisible();
  await page.getByLabel('办理时间长，超过承诺时限').check();
  await page.getByLabel('您的意见（选填）').fill('审批等了很久');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByRole('status').filter({ hasText: '感谢您的评价，我们已经收到。' })).toBeVisible();
  await expect(page.getByText(who.department, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The department's officer finds it, calls, and records what was put right.
  await officer.goto('/staff');
  await officer.getByRole('link', { name: '差评回访' }).click();
  await expect(officer.getByRole('heading', { level: 1, name: '差评回访整改' })).toBeVisible();
  const row = officer.getByRole('row').filter({ has: officer.getByRole('link', { name: number }) });
  await expect(row).toContainText('不满意');
  await expect(row).toContainText('待回访');
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);
  await row.getByRole('link', { name: number }).click();
  await expect(officer.getByRole('heading', { level: 1, name: '差评回访' })).toBeVisible();
  await expect(officer.getByRole('link', { name: who.phone })).toHaveAttribute('href', `tel:${who.phone}`);
  await expect(officer.getByText('审批等了很久')).toBeVisible();
  await officer.getByRole('button', { name: '记录回访' }).click();
  await expect(officer.getByRole('alert').getByRole('link', { name: '必须填写' })).toBeVisible();
  await expectAccessible(officer);
  await officer.getByLabel('回访情况').fill('已电话联系，申请人反映审批时间过长');
  await officer.getByRole('button', { name: '记录回访' }).click();
  await expect(officer.getByRole('status').filter({ hasText: '已记录，评价人已收到消息。' })).toBeVisible();
  await officer.getByLabel('整改情况').fill('已增加审批人员，承诺 3 个工作日内办结');
  await officer.getByRole('button', { name: '记录整改' }).click();
  await expect(officer.getByText('已增加审批人员，承诺 3 个工作日内办结')).toBeVisible();
  await expect(officer.getByRole('button', { name: '记录整改' })).toHaveCount(0);
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);
  await officerContext.close();

  // The person sees the follow-up and changes the rating, once.
  await page.goto(`/applications/${id}`);
  const yours = page.getByRole('region', { name: '您的评价' });
  await expect(yours).toContainText('已电话联系，申请人反映审批时间过长');
  await expect(yours).toContainText('已增加审批人员，承诺 3 个工作日内办结');
  await yours.getByRole('link', { name: '修改评价（只能修改一次）' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '修改评价' })).toBeVisible();
  await expect(page.getByLabel('不满意', { exact: true })).toBeChecked();
  await page.getByLabel('满意', { exact: true }).check();
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByRole('status').filter({ hasText: '感谢您的评价，我们已经收到。' })).toBeVisible();
  await page.getByRole('link', { name: '返回申请' }).first().click();
  await expect(yours).toContainText('满意（由“不满意”修改）');
  await expect(yours.getByRole('link', { name: '修改评价（只能修改一次）' })).toHaveCount(0);
  await expectAccessible(page);

  // Published for anyone, from the footer of any page.
  const visitor = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined, baseURL: testInfo.project.use.baseURL });
  const reader = await visitor.newPage();
  await reader.goto('/');
  await reader.getByRole('contentinfo').getByRole('link', { name: '好差评' }).click();
  await expect(reader.getByRole('heading', { level: 1, name: '好差评' })).toBeVisible();
  await expect(reader.getByRole('link', { name: '本年度' })).toHaveAttribute('aria-current', 'page');
  const byService = reader.getByRole('region', { name: '按事项' });
  const service = byService.getByRole('row').filter({ has: reader.getByRole('link', { name: who.serviceName }) });
  await expect(service.getByRole('cell')).toHaveText(['1', '100.0%', '0', '100.0%']);
  const byDepartment = reader.getByRole('region', { name: '按部门' });
  await expect(byDepartment.getByRole('row').filter({ has: reader.getByRole('rowheader', { name: who.department }) }).getByRole('cell'))
    .toHaveText(['1', '100.0%', '0', '100.0%']);
  await expectAccessible(reader);
  await expectNoHorizontalScroll(reader);
  await reader.getByRole('link', { name: '全部' }).click();
  await expect(reader).toHaveURL(/\/ratings\?period=all$/);
  await expect(reader.getByRole('status').filter({ hasText: '截至' })).toBeVisible();
  await openMenu(reader);
  await reader.getByRole('button', { name: 'English' }).click();
  await expect(reader.getByRole('heading', { level: 1, name: 'Service ratings' })).toBeVisible();
  await expect(reader.getByRole('region', { name: 'By service' }).getByRole('link', { name: who.service === 'JT-001' ? 'Driving licence renewal' : 'Filing for medical treatment in another city' })).toBeVisible();
  await expectAccessible(reader);
  await visitor.close();
});
