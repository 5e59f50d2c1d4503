import { call, moveThroughApi, submitThroughApi } from './api';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { payJourney, signedInOfficer, signIn } from './people';

/** What the payer reads, in the language each project runs this journey in. */
const words = {
  zh: {
    fees: '费用', due: '待缴费', paid: '已缴费', payFee: '去缴费', payTitle: '缴纳费用', alipay: '支付宝', wechat: '微信支付', pay: '去支付',
    alipayCashier: '支付宝（沙箱）收银台', wechatCashier: '微信支付（沙箱）收银台', decline: '支付失败（余额不足）', confirm: '确认', paymentTitle: '支付情况', failed: '支付失败',
    declinedNext: '支付渠道拒绝了这笔支付，您没有被扣款', tryAgain: '重新支付', success: '缴费成功：', seeApplication: '查看办件进度',
    earlier: '之前的支付尝试', refunds: '退款', refunded: '已退款', feeRefunded: '已退款 ¥3.00', seePayment: '查看缴费记录',
    seeReceipt: '查看电子票据', receiptTitle: '财政电子票据', supervisor: '上海市财政局', receiptCode: '票据代码', receiptNumber: '票据号码',
    checkCode: '校验码', checkTitle: '核验财政电子票据', check: '核验', valid: '票据有效：内容与开具时一致，收款单位和财政部门的电子印章核验通过',
    myReceipts: '我的票据', pickup: '领取办理结果', pickupQr: '取件码二维码，内容与上面的数字相同',
    collected: '已于', notOwed: '无需缴纳', noLongerOwed: '这笔费用无需再缴纳',
  },
  en: {
    fees: 'Fees', due: 'To pay', paid: 'Paid', payFee: 'Pay the fee', payTitle: 'Pay a fee', alipay: 'Alipay', wechat: 'WeChat Pay', pay: 'Continue to payment',
    alipayCashier: 'Alipay (sandbox) cashier', wechatCashier: 'WeChat Pay (sandbox) cashier', decline: 'Decline (not enough balance)', confirm: 'Confirm', paymentTitle: 'Your payment',
    failed: 'Declined', declinedNext: 'The payment channel declined this payment and no money was taken', tryAgain: 'Try again',
    success: 'Payment received:', seeApplication: 'See your application', earlier: 'Earlier attempts', refunds: 'Refunds',
    refunded: 'Refunded', feeRefunded: 'Refunded ¥3.00', seePayment: 'See the payment', seeReceipt: 'See the e-receipt',
    receiptTitle: 'Fiscal e-receipt', supervisor: 'Shanghai Municipal Finance Bureau', receiptCode: 'Receipt code',
    receiptNumber: 'Receipt number', checkCode: 'Check code', checkTitle: 'Check a fiscal e-receipt', check: 'Check',
    valid: 'Valid: the receipt is as it was issued, and the seals of the issuer and the finance bureau check', myReceipts: 'Your receipts',
    pickup: 'Collecting your result', pickupQr: 'QR code of the pick-up code, holding the same digits as above',
    collected: 'Collected on', notOwed: 'Not owed', noLongerOwed: 'this fee is no longer owed',
  },
};

test('a fee is paid through one channel\'s cashier after the other declined, part of it is refunded, and the result is handed over by its pick-up code', async ({ page, browser }, testInfo) => {
  const desktop = testInfo.project.name === 'desktop';
  const who = payJourney(desktop);
  // One project reads in Chinese, the other in English. Alipay declines the first try in each;
  // the retry is paid through WeChat Pay in one and Alipay in the other, so each channel takes a
  // payment and gives money back.
  const w = desktop ? words.zh : words.en;
  const declining = { label: w.alipay, cashier: w.alipayCashier };
  const paying = desktop ? { label: w.wechat, cashier: w.wechatCashier } : declining;
  await page.goto('/sign-in?return=%2Fapplications');
  await signIn(page, who.id);
  await expect(page).toHaveURL(/\/applications$/);
  if (!desktop) {
    await openMenu(page);
    await page.getByRole('button', { name: 'English' }).click();
  }
  const { id } = await submitThroughApi(page, 'JT-001', who);

  await page.goto(`/applications/${id}`);
  const fees = page.getByRole('region', { name: w.fees });
  await expect(fees).toContainText('¥10.00');
  await expect(fees).toContainText(w.due);
  await expectAccessible(page);
  await fees.getByRole('button', { name: w.payFee }).click();

  await expect(page.getByRole('heading', { level: 1, name: w.payTitle })).toBeVisible();
  await expect(page.getByLabel(w.alipay)).toBeChecked();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByLabel(declining.label).check();
  await page.getByRole('button', { name: w.pay }).click();

  // The channel's own cashier, a page of the sandbox channel, not of the portal.
  await expect(page.getByRole('heading', { level: 1, name: declining.cashier })).toBeVisible();
  await expect(page.getByText('¥10.00')).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByLabel(w.decline).check();
  await page.getByRole('button', { name: w.confirm }).click();

  await expect(page.getByRole('heading', { level: 1, name: w.paymentTitle })).toBeVisible();
  await expect(page).toHaveURL(/\/payments\/[0-9a-f]+$/);
  const status = page.getByRole('status');
  await expect(status).toContainText(w.failed);
  await expect(status).toContainText(w.declinedNext);
  await expectAccessible(page);
  await page.getByRole('button', { name: w.tryAgain }).click();

  await expect(page.getByRole('heading', { level: 1, name: w.payTitle })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: w.earlier })).toBeVisible();
  await page.getByLabel(paying.label).check();
  await page.getByRole('button', { name: w.pay }).click();
  await expect(page.getByRole('heading', { level: 1, name: paying.cashier })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: w.confirm }).click();

  await expect(page.getByRole('status')).toContainText(`${w.success} ¥10.00`);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: w.seeApplication }).click();
  await expect(page.getByRole('region', { name: w.fees })).toContainText(w.paid);

  // Its fiscal e-receipt, sealed by the department and the finance bureau; whoever it is given to
  // checks it by the three codes printed on it.
  await page.getByRole('region', { name: w.fees }).getByRole('link', { name: w.seePayment }).click();
  await page.getByRole('link', { name: w.seeReceipt }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.receiptTitle })).toBeVisible();
  await expect(page.getByText(w.supervisor)).toBeVisible();
  await expect(page.getByText('¥10.00').first()).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  const printed = async (term: string) => ((await page.locator(`dt:text-is("${term}") + dd`).textContent()) ?? '').trim();
  const [code, number, checkCode] = [await printed(w.receiptCode), await printed(w.receiptNumber), await printed(w.checkCode)];
  expect(code).toMatch(/^\d{8}$/);
  await page.goto('/account/receipts');
  await expect(page.getByRole('heading', { level: 1, name: w.myReceipts })).toBeVisible();
  await expect(page.getByRole('link', { name: `${code} ${number}` })).toBeVisible();
  await page.goto('/verify/receipt');
  await expect(page.getByRole('heading', { level: 1, name: w.checkTitle })).toBeVisible();
  await page.getByLabel(w.receiptCode).fill(code);
  await page.getByLabel(w.receiptNumber).fill(number);
  await page.getByLabel(w.checkCode).fill(checkCode);
  await page.getByRole('button', { name: w.check, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: w.valid })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.goto(`/applications/${id}`);

  // The window officer gives part of it back, saying why; a mistyped amount is caught first.
  const { officer, context } = await signedInOfficer(browser, page, testInfo, desktop ? 'jt03' : 'jt04');
  await expect(officer.getByRole('heading', { level: 1, name: '待办件' })).toBeVisible();
  await officer.goto(`/staff/applications/${id}`);
  const caseFees = officer.getByRole('region', { name: '费用' });
  await caseFees.getByText('为这笔付款办理退款').click();
  await caseFees.getByLabel('退款金额（元）').fill('3.001');
  await caseFees.getByRole('button', { name: '确认退款' }).click();
  const summary = officer.getByRole('alert');
  await expect(summary.getByRole('link', { name: '请输入以元为单位的金额，最多两位小数，例如 10 或 10.50' })).toBeVisible();
  await expect(summary.getByRole('link', { name: '请写明理由' })).toBeVisible();
  await expectAccessible(officer);
  await caseFees.getByLabel('退款金额（元）').fill('3');
  await caseFees.getByLabel('退款原因').fill('体检费已由医院代收，退回部分费用');
  await caseFees.getByRole('button', { name: '确认退款' }).click();
  await expect(caseFees).toContainText('工作人员办理退款');
  await expect(caseFees).toContainText('¥3.00');
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);

  // The channel gives the money back within seconds here; the payer reads it with the officer's words.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('region', { name: w.fees })).toContainText(w.feeRefunded, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('region', { name: w.fees }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2, name: w.refunds })).toBeVisible();
  await expect(page.getByText('体检费已由医院代收，退回部分费用')).toBeVisible();
  await expect(page.getByText(w.refunded, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The result is issued; the applicant chose to collect it at the window, and reads its pick-up code.
  await moveThroughApi(context, officer.request, id, ['accept', 'start_review', 'approve', 'issue_result']);
  await page.goto(`/applications/${id}`);
  const pickup = page.getByRole('region', { name: w.pickup });
  await expect(pickup.getByRole('img', { name: w.pickupQr })).toBeVisible();
  const pickupCode = ((await pickup.getByText(/^\d{4} \d{4}$/).textContent()) ?? '').replace(' ', '');
  expect(pickupCode).toMatch(/^\d{8}$/);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // At the window: a mistyped code is caught, then the right one shows whose result it is, and it
  // is handed over only once the officer says the identity document was checked.
  await officer.goto('/staff');
  await officer.getByRole('link', { name: '窗口交付办理结果' }).click();
  await expect(officer.getByRole('heading', { level: 1, name: '窗口交付办理结果' })).toBeVisible();
  await officer.getByLabel('取件码').fill('1234');
  await officer.getByRole('button', { name: '查找' }).click();
  await expect(officer.getByRole('alert').getByRole('link', { name: '请输入 8 位数字' })).toBeVisible();
  await officer.getByLabel('取件码').fill(pickupCode);
  await officer.getByRole('button', { name: '查找' }).click();
  const found = officer.getByRole('region', { name: '待领取的办理结果' });
  await expect(found).toContainText(who.name);
  await expectAccessible(officer);
  await found.getByRole('button', { name: '确认交付' }).click();
  await expect(officer.getByRole('alert').getByRole('link', { name: '请先核验领取人的身份证件' })).toBeVisible();
  await found.getByLabel('我已核验领取人的身份证件，与上面的申请人一致').check();
  await found.getByRole('button', { name: '确认交付' }).click();
  await expect(officer.getByRole('region', { name: '这份办理结果已交付' }).getByRole('status')).toContainText('已于');
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);

  // The day's payments and refunds of the department, checked against each channel's statement.
  await officer.goto('/staff');
  await officer.getByRole('link', { name: '每日对账' }).click();
  await expect(officer.getByRole('heading', { level: 1, name: '每日对账' })).toBeVisible();
  await officer.getByLabel('对账日期').fill('2026-13-40');
  await officer.getByRole('button', { name: '对账', exact: true }).click();
  await expect(officer.getByRole('alert').getByRole('link', { name: '请按 年-月-日 输入日期，例如 2026-12-01' })).toBeVisible();
  // Under load the cleared field was once found still holding the bad date (see the session 16 note): cleared and asked again until it answers.
  await expect(async () => {
    await officer.getByLabel('对账日期').fill('');
    await officer.getByRole('button', { name: '对账', exact: true }).click();
    await expect(officer.getByRole('heading', { level: 2, name: /对账结果$/ })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  for (const channel of ['支付宝', '微信支付']) {
    await expect(officer.getByRole('region', { name: channel })).toContainText('本部门缴费');
  }
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);
  await context.close();

  await page.reload();
  await expect(page.getByRole('region', { name: w.pickup }).getByRole('status')).toContainText(w.collected);
  await expectAccessible(page);

  // Withdrawn before its fee was paid, an application owes it no more: it says so, and offers no way to pay.
  const withdrawn = await submitThroughApi(page, 'JT-001', who);
  await call(page.context(), page.request, `/applications/${withdrawn.id}/withdraw`, {});
  await page.goto(`/applications/${withdrawn.id}`);
  const owed = page.getByRole('region', { name: w.fees });
  await expect(owed).toContainText(w.notOwed);
  await expect(owed).toContainText(w.noLongerOwed);
  await expect(owed.getByRole('button', { name: w.payFee })).toHaveCount(0);
  await expectAccessible(page);
});
