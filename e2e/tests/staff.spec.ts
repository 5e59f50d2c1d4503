import type { Page } from '@playwright/test';
import { call, provideMaterials } from './api';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { enterStaffCode, lastCode, PASSWORD, people, signBySmsAndSubmit, signedInOfficer, signIn, withdrawalJourney } from './people';

/** A provident-fund rent withdrawal, filled and submitted through the API by the signed-in person. */
async function submitWithdrawal(page: Page, person: ReturnType<typeof cast>): Promise<{ id: string; number: string }> {
  const context = page.context();
  const request = page.request;
  let detail = await call(context, request, '/applications', { service_code: 'GJJ-002' });
  const pages: [string, unknown][] = [
    ['applicant', { name: person.name, id_number: person.id, phone: person.phone }],
    ['tenancy', { address: { district: 'jingan', detail: '南京西路 1000 号 5 楼' }, contract_filed: 'yes', filing_number: '20260005555',
      lease_start: '2026-03-01', lease_end: '2027-02-28', monthly_rent: '6000' }],
    ['withdrawal', { amount: '4500', bank: 'ccb', account: '6217001234567890123' }],
  ];
  for (const [name, answers] of pages) {
    detail = await call(context, request, `/applications/${detail.id}/pages`, { page: name, answers, version: detail.version });
  }
  await provideMaterials(context, request, detail.id);
  const declaration = await call(context, request, `/applications/${detail.id}/declaration`, {});
  const code = await lastCode(request, person.phone);
  const submitted = await call(context, request, `/applications/${detail.id}/submit`, { digest: declaration.digest, code });
  return { id: submitted.id, number: submitted.number };
}

async function officerAct(officer: Page, action: string) {
  await officer.getByLabel(action, { exact: true }).check();
}

test('an officer asks for two corrections in one notice; the citizen fixes both and the officer approves', async ({ page, browser }, testInfo) => {
  const person = withdrawalJourney(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fapplications');
  await signIn(page, person.id);
  await expect(page.getByRole('heading', { level: 1, name: '我的办件' })).toBeVisible();
  const { id, number } = await submitWithdrawal(page, person);

  const officerContext = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined, baseURL: testInfo.project.use.baseURL });
  const officer = await officerContext.newPage();
  await officer.goto('/staff');
  await expect(officer).toHaveURL(/\/staff\/sign-in\?return=%2Fstaff/);
  await expectAccessible(officer);
  await officer.getByLabel('工号').fill(person.officer);
  await officer.getByLabel('密码').fill('wrong password');
  await officer.getByRole('button', { name: '登录', exact: true }).click();
  await expect(officer.getByRole('alert')).toContainText('工号或密码不正确');
  await officer.getByLabel('密码').fill(PASSWORD);
  await officer.getByRole('button', { name: '登录', exact: true }).click();
  // The password alone opens nothing: a code to the officer's work phone finishes signing in.
  await expect(officer.getByRole('status').filter({ hasText: '验证码已发送到您的工作手机' })).toBeVisible();
  await officer.getByLabel('短信验证码').fill('000000');
  await officer.getByRole('button', { name: '登录', exact: true }).click();
  await expect(officer.getByRole('alert')).toContainText('验证码不正确');
  await expectAccessible(officer);
  await enterStaffCode(officer, person.officer);
  await expect(officer.getByRole('heading', { level: 1, name: '待办件' })).toBeVisible();
  await expect(officer.getByText('工作人员工作台 · 上海市公积金管理中心')).toBeVisible();
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);
  await officer.getByRole('link', { name: new RegExp(number) }).click();

  await expect(officer.getByRole('heading', { level: 1, name: `申请编号 ${number}` })).toBeVisible();
  await expect(officer.getByText('核验有效')).toBeVisible();
  await expectAccessible(officer);
  await officerAct(officer, '受理');
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByText('已完成操作，申请人已收到消息和短信。')).toBeVisible();
  await expect(officer.getByText('承诺办结日')).toBeVisible();

  await officerAct(officer, '一次性告知补正');
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByRole('alert')).toContainText('请至少选择一项');
  await officer.getByLabel('网签备案编号').check();
  await officer.getByLabel('收款账号').check();
  await officer.getByLabel('补正原因：网签备案编号').fill('备案编号与网签系统不一致');
  await officer.getByLabel('补正原因：收款账号').fill('收款账号须为本人一类账户');
  await expectAccessible(officer);
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByRole('heading', { level: 2, name: '一次性补正告知' })).toBeVisible();

  // The citizen: one message, one notice with both items.
  await page.goto('/applications');
  await openMenu(page);
  await expect(page.getByRole('link', { name: /消息 \d+/ })).toBeVisible();
  await page.getByRole('link', { name: /^消息/ }).click();
  const notice = page.getByRole('listitem').filter({ hasText: '需要补正材料或信息' }).first();
  await expect(notice).toContainText('共 2 项需要补正');
  await expectAccessible(page);
  await notice.getByRole('link', { name: '查看办件' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '一次性补正告知' })).toBeVisible();
  await expect(page.getByText('备案编号与网签系统不一致')).toBeVisible();
  await expect(page.getByText('收款账号须为本人一类账户')).toBeVisible();
  await expect(page.getByRole('link', { name: '申请人' })).toHaveCount(0);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await page.getByRole('link', { name: '去修改 网签备案编号' }).click();
  await page.getByLabel('网签备案编号').fill('20260006666');
  await page.getByRole('button', { name: '保存并返回检查页' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '检查您的答案' })).toBeVisible();
  await expect(page.getByRole('link', { name: '更改 姓名' })).toHaveCount(0);
  await page.getByRole('link', { name: '更改 收款账号' }).click();
  await page.getByLabel('收款账号').fill('6217001234567890999');
  await page.getByRole('button', { name: '保存并返回检查页' }).click();
  await signBySmsAndSubmit(page, person.phone);

  await officer.reload();
  await expect(officer.getByText('已补正', { exact: true }).first()).toBeVisible();
  await expect(officer.getByText('核验有效')).toBeVisible();
  await officerAct(officer, '开始审查');
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByRole('strong').filter({ hasText: '审查中' })).toBeVisible();
  await officerAct(officer, '批准');
  await officer.getByLabel('备注（选填）').fill('符合租房提取条件');
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByRole('strong').filter({ hasText: '已批准' })).toBeVisible();
  await expectAccessible(officer);
  await officerContext.close();

  await page.goto(`/applications/${id}`);
  await expect(page.getByRole('strong').filter({ hasText: '已批准' })).toBeVisible();
  const timeline = page.getByRole('region', { name: '办理进度' });
  for (const step of ['已提交申请', '已受理', '一次性告知补正', '已补正并重新提交', '开始审查', '审批通过']) {
    await expect(timeline.getByText(step, { exact: true })).toBeVisible();
  }
  await expect(timeline).toContainText('符合租房提取条件');
  await page.goto('/messages');
  await expect(page.getByRole('listitem').filter({ hasText: '已审批通过' }).first()).toBeVisible();
  await expectAccessible(page);

  // Read in English, the messages and the timeline the server wrote have no Chinese but what
  // people typed: the applicant's name and the officer's note.
  const typed = (text: string) => text.replaceAll(person.name, '').replaceAll('符合租房提取条件', '');
  const chinese = /[\u4e00-\u9fff]/;
  await openMenu(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  const approved = page.getByRole('listitem').filter({ hasText: ': approved' }).first();
  await expect(approved).toContainText(`Application ${number}: approved.`);
  await expect(page.getByRole('listitem').filter({ hasText: '2 things need correcting' })).toHaveCount(1);
  expect(typed(await page.getByRole('main').innerText())).not.toMatch(chinese);
  await expectAccessible(page);
  await page.goto(`/applications/${id}`);
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(progress).toContainText('Shanghai Housing Provident Fund Management Centre');
  await expect(progress).toContainText('2 things need correcting');
  expect(typed(await progress.innerText())).not.toMatch(chinese);

  // Texts follow the account's language, chosen on the account page.
  await page.goto('/account');
  const texts = page.getByRole('region', { name: 'Text messages' });
  await texts.getByLabel('English').check();
  await texts.getByRole('button', { name: 'Save the language of texts' }).click();
  await expect(texts.getByRole('status')).toContainText('Saved: texts will be written in this language from now on.');
  await expectAccessible(page);
});

test('an officer starts an application at the window; it appears in the person\'s applications', async ({ page, browser }, testInfo) => {
  const { account } = people(testInfo);
  const officerNumber = withdrawalJourney(testInfo.project.name === 'desktop').windowOfficer;
  const { officer, context: officerContext } = await signedInOfficer(browser, page, testInfo, officerNumber);
  const start = officer.getByRole('region', { name: '在窗口为办事人创建申请' });
  await start.getByRole('button', { name: '创建申请' }).click();
  await expect(officer.getByRole('alert')).toContainText('请输入办理事项');
  await start.getByLabel('办理事项').selectOption({ label: '住房公积金提取（租房）' });
  await start.getByLabel('办事人身份证号码').fill(account.id);
  await start.getByRole('button', { name: '创建申请' }).click();
  await expect(officer.getByText(`已为${account.name}创建申请，对方已收到消息和短信。`)).toBeVisible();
  await expectAccessible(officer);
  await officerContext.close();

  await page.goto('/sign-in?return=%2Fapplications');
  await signIn(page, account.id);
  const item = page.getByRole('listitem').filter({ hasText: '住房公积金提取（租房）' });
  await expect(item.first()).toContainText('草稿');
});
