import { call, moveThroughApi, submitThroughApi } from './api';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { propertyTransfer, signedInOfficer, signIn } from './people';

/** What the company's agent reads, in the language each project runs this journey in. */
const words = {
  zh: {
    fee: '收费标准', assessed: '受理时核定', residential: '住宅（每件） ¥80.00', fees: '费用', due: '待缴费', payFee: '去缴费',
    noPay: '您在该企业的授权不包括缴费', told: '应缴费用已核定',
  },
  en: {
    fee: 'Fee', assessed: 'Assessed at acceptance', residential: 'Residential (per unit) ¥80.00', fees: 'Fees', due: 'To pay', payFee: 'Pay the fee',
    noPay: 'Your authorisation for this company does not cover payments', told: 'Fee assessed',
  },
};

test('the officer assesses a property transfer\'s fee; the company\'s agent without "pay" cannot pay it, its representative does', async ({ page, browser }, testInfo) => {
  const desktop = testInfo.project.name === 'desktop';
  const who = propertyTransfer(desktop);
  const w = desktop ? words.zh : words.en;
  await page.goto('/sign-in?return=%2Fapplications');
  await signIn(page, who.agent);
  await expect(page).toHaveURL(/\/applications$/);
  if (!desktop) {
    await openMenu(page);
    await page.getByRole('button', { name: 'English' }).click();
  }
  // The guide says the fee is assessed at acceptance, and by which standard.
  await page.goto('/services/GH-001');
  const facts = page.locator('dl').first();
  await expect(facts).toContainText(w.assessed);
  await expect(facts).toContainText(w.residential);
  await expect(facts).toContainText('2559');
  await call(page.context(), page.request, '/session/acting-as', { credit_code: who.code });
  const { id, number } = await submitThroughApi(page, 'GH-001', { name: who.company, id: who.agent, phone: who.agentPhone });

  // The planning officer accepts it and assesses the fee; a form sent empty, then too many units, is caught.
  const { officer, context } = await signedInOfficer(browser, page, testInfo, who.officer);
  await expect(officer.getByRole('heading', { level: 1, name: '待办件' })).toBeVisible();
  await moveThroughApi(context, officer.request, id, ['accept', 'start_review']);
  await officer.goto(`/staff/applications/${id}`);
  await expect(officer.getByRole('heading', { level: 1, name: `申请编号 ${number}` })).toBeVisible();
  const assess = officer.getByRole('region', { name: '核定收费' });
  await assess.getByRole('button', { name: '核定并通知申请人' }).click();
  const summary = officer.getByRole('alert');
  await expect(summary.getByRole('link', { name: '请选择一项' })).toBeVisible();
  await expect(summary.getByRole('link', { name: '必须填写' })).toBeVisible();
  await assess.getByLabel('非住宅（每件） ¥550.00').check();
  await assess.getByLabel('件数').fill('21');
  await assess.getByRole('button', { name: '核定并通知申请人' }).click();
  await expect(summary.getByRole('link', { name: '必须在 1 到 20 之间' })).toBeVisible();
  await expect(assess.getByLabel('非住宅（每件） ¥550.00')).toBeChecked();
  await expectAccessible(officer);
  await assess.getByLabel('件数').fill('2');
  await expect(assess).toContainText('应缴金额: ¥1100.00');
  await assess.getByRole('button', { name: '核定并通知申请人' }).click();
  const caseFees = officer.getByRole('region', { name: '费用' });
  await expect(caseFees).toContainText('非住宅（每件） ¥550.00 × 2');
  await expect(caseFees).toContainText('¥1100.00');
  await expect(officer.getByRole('region', { name: '核定收费' })).toHaveCount(0);
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);

  // The agent is told, sees the fee, and is told who can pay it, with no way to pay.
  await page.goto(`/applications/${id}`);
  const fees = page.getByRole('region', { name: w.fees });
  await expect(fees).toContainText('¥1100.00');
  await expect(fees).toContainText(w.due);
  await expect(fees).toContainText(w.noPay);
  await expect(fees.getByRole('button', { name: w.payFee })).toHaveCount(0);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.goto('/messages');
  await expect(page.getByRole('listitem').filter({ hasText: w.told }).first()).toBeVisible();

  // The company's legal representative pays it.
  const repContext = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined, baseURL: testInfo.project.use.baseURL });
  const rep = await repContext.newPage();
  await rep.goto('/sign-in?return=%2Fapplications');
  await signIn(rep, who.rep);
  await expect(rep).toHaveURL(/\/applications$/);
  await call(repContext, rep.request, '/session/acting-as', { credit_code: who.code });
  await rep.goto(`/applications/${id}`);
  await rep.getByRole('region', { name: '费用' }).getByRole('button', { name: '去缴费' }).click();
  await rep.getByLabel('支付宝').check();
  await rep.getByRole('button', { name: '去支付' }).click();
  await expect(rep.getByRole('heading', { level: 1, name: '支付宝（沙箱）收银台' })).toBeVisible();
  await expect(rep.getByText('¥1100.00')).toBeVisible();
  await rep.getByRole('button', { name: '确认' }).click();
  await expect(rep.getByRole('status').filter({ hasText: '缴费成功' })).toContainText('¥1100.00');
  await repContext.close();

  // Paid: the officer approves and issues the result.
  await moveThroughApi(context, officer.request, id, ['approve', 'issue_result']);
  await context.close();
});
