import { submitThroughApi } from './api';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { payJourney, signIn } from './people';

/** What the payer reads, in the language each project runs this journey in. */
const words = {
  zh: {
    fees: '费用', due: '待缴费', paid: '已缴费', payFee: '去缴费', payTitle: '缴纳费用', alipay: '支付宝', pay: '去支付',
    cashier: '支付宝（沙箱）收银台', decline: '支付失败（余额不足）', confirm: '确认', paymentTitle: '支付情况', failed: '支付失败',
    declinedNext: '支付渠道拒绝了这笔支付，您没有被扣款', tryAgain: '重新支付', success: '缴费成功：', seeApplication: '查看办件进度',
    earlier: '之前的支付尝试',
  },
  en: {
    fees: 'Fees', due: 'To pay', paid: 'Paid', payFee: 'Pay the fee', payTitle: 'Pay a fee', alipay: 'Alipay', pay: 'Continue to payment',
    cashier: 'Alipay (sandbox) cashier', decline: 'Decline (not enough balance)', confirm: 'Confirm', paymentTitle: 'Your payment',
    failed: 'Declined', declinedNext: 'The payment channel declined this payment and no money was taken', tryAgain: 'Try again',
    success: 'Payment received:', seeApplication: 'See your application', earlier: 'Earlier attempts',
  },
};

test('a fee is paid through the channel\'s cashier after a declined try, and the application shows it paid', async ({ page }, testInfo) => {
  const desktop = testInfo.project.name === 'desktop';
  const who = payJourney(desktop);
  // One project reads in Chinese, the other in English.
  const w = desktop ? words.zh : words.en;
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
  await page.getByRole('button', { name: w.pay }).click();

  // The channel's own cashier, a page of the sandbox channel, not of the portal.
  await expect(page.getByRole('heading', { level: 1, name: w.cashier })).toBeVisible();
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
  await page.getByRole('button', { name: w.pay }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.cashier })).toBeVisible();
  await page.getByRole('button', { name: w.confirm }).click();

  await expect(page.getByRole('status')).toContainText(`${w.success} ¥10.00`);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: w.seeApplication }).click();
  await expect(page.getByRole('region', { name: w.fees })).toContainText(w.paid);
});
