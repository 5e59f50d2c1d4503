import { fillThroughApi, moveThroughApi, submitFilled } from './api';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { postJourney, signedInOfficer, signIn } from './people';

/** What the applicant reads, in the language each project runs this journey in. */
const words = {
  zh: {
    book: '收件地址簿', recipient: '收件人姓名', phone: '收件人手机号码', district: '所在区', detail: '街道、门牌号和房间号', save: '保存地址',
    required: '必须填写', mobile: '请输入 11 位手机号码，例如 13800138000', chooseOne: '请选择一项', xuhui: '徐汇区', remove: '删除',
    post: '邮寄（EMS 政务专递，免费）', fromBook: '从地址簿填入', continue: '保存并继续', fees: '费用', payFee: '去缴费', alipay: '支付宝',
    pay: '去支付', cashier: '支付宝（沙箱）收银台', confirm: '确认', success: '缴费成功', seeApplication: '查看办件进度',
    shipment: '邮寄办理结果', waybill: '运单号', delivered: '已妥投', outForDelivery: '派送中', accepted: '已揽收', closed: '已办结',
    place: '上海市徐汇区漕溪北路 88 号 1201 室',
  },
  en: {
    book: 'Address book', recipient: "Recipient's name", phone: "Recipient's mobile number", district: 'District', detail: 'Street, number and flat',
    save: 'Save the address', required: 'Enter this', mobile: 'Enter an 11-digit mobile number, like 13800138000', chooseOne: 'Choose one',
    xuhui: 'Xuhui', remove: 'Remove', post: 'By post (EMS government delivery, free)', fromBook: 'Fill in from your address book',
    continue: 'Save and continue', fees: 'Fees', payFee: 'Pay the fee', alipay: 'Alipay', pay: 'Continue to payment',
    cashier: 'Alipay (sandbox) cashier', confirm: 'Confirm', success: 'Payment received', seeApplication: 'See your application',
    shipment: 'Your result by post', waybill: 'Waybill number', delivered: 'Delivered', outForDelivery: 'Out for delivery',
    accepted: 'Collected by the courier', closed: 'Closed', place: '漕溪北路 88 号 1201 室, Xuhui, Shanghai',
  },
};

test('an address is saved in the address book, chosen for a renewed licence, and the licence is tracked to the door', async ({ page, browser }, testInfo) => {
  const desktop = testInfo.project.name === 'desktop';
  const who = postJourney(desktop);
  const w = desktop ? words.zh : words.en;
  await page.goto('/sign-in?return=%2Faccount%2Faddresses');
  await signIn(page, who.id);
  await expect(page).toHaveURL(/\/account\/addresses$/);
  if (!desktop) {
    await openMenu(page);
    await page.getByRole('button', { name: 'English' }).click();
  }

  // The address book: an empty form and a mistyped number are caught, nothing typed is lost.
  await expect(page.getByRole('heading', { level: 1, name: w.book })).toBeVisible();
  await page.getByRole('button', { name: w.save }).click();
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('link', { name: w.required }).first()).toBeVisible();
  await expect(summary.getByRole('link', { name: w.chooseOne })).toBeVisible();
  await page.getByLabel(w.recipient).fill(who.name);
  await page.getByLabel(w.phone).fill('1301113002');
  await page.getByLabel(w.district).selectOption({ label: w.xuhui });
  await page.getByLabel(w.detail).fill('漕溪北路 88 号 1201 室');
  await page.getByRole('button', { name: w.save }).click();
  await expect(summary.getByRole('link', { name: w.mobile })).toBeVisible();
  await expect(page.getByLabel(w.detail)).toHaveValue('漕溪北路 88 号 1201 室');
  await expectAccessible(page);
  await page.getByLabel(w.phone).fill(who.phone);
  await page.getByRole('button', { name: w.save }).click();
  await expect(page.getByRole('listitem').filter({ hasText: w.place }).first()).toContainText(who.phone);
  await expect(page.getByLabel(w.detail)).toHaveValue('');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // A renewal whose last page, how to get the licence, is answered here: by post, from the book.
  const id = await fillThroughApi(page, 'JT-001', who, ['delivery']);
  await page.goto(`/applications/${id}/pages/delivery`);
  await page.getByLabel(w.post).check();
  await page.getByLabel(w.fromBook).selectOption({ index: 1 });
  await expect(page.getByLabel(w.recipient)).toHaveValue(who.name);
  await expect(page.getByLabel(w.phone)).toHaveValue(who.phone);
  await expect(page.getByLabel(w.detail)).toHaveValue('漕溪北路 88 号 1201 室');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: w.continue }).click();
  await expect(page).toHaveURL(new RegExp(`/applications/${id}$`));
  await submitFilled(page, id, who.phone);

  // Its fee paid, the officer issues the result, and the courier is asked for a waybill.
  await page.goto(`/applications/${id}`);
  await page.getByRole('region', { name: w.fees }).getByRole('button', { name: w.payFee }).click();
  await page.getByLabel(w.alipay).check();
  await page.getByRole('button', { name: w.pay }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.cashier })).toBeVisible();
  await page.getByRole('button', { name: w.confirm }).click();
  await expect(page.getByRole('status').filter({ hasText: w.success })).toBeVisible();
  const { officer, context } = await signedInOfficer(browser, page, testInfo, who.officer);
  await expect(officer.getByRole('heading', { level: 1, name: '待办件' })).toBeVisible();
  await moveThroughApi(context, officer.request, id, ['accept', 'start_review', 'approve', 'issue_result']);

  // The courier's events come in over half a minute here (a city delivery's half hour), a late
  // scan perhaps after the delivery; the page shows each, and delivered completes the application.
  await page.goto(`/applications/${id}`);
  const shipment = page.getByRole('region', { name: w.shipment });
  await expect(shipment).toContainText(w.place);
  // The waybill is asked for apart from the issuing, so it may come a moment later.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('region', { name: w.shipment }).locator('dd').filter({ hasText: /^11\d{11}$/ })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);
  const tracking = page.getByRole('region', { name: w.shipment }).getByRole('listitem');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('region', { name: w.shipment }).getByRole('status')).toContainText(w.delivered, { timeout: 1000 });
    await expect(tracking).toHaveCount(4, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(tracking.first()).toContainText(w.delivered);
  await expect(tracking.last()).toContainText(w.accepted);
  await expect(page.getByText(w.closed).first()).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The officer answers an applicant who asks from the case: the same waybill and tracking.
  await officer.goto(`/staff/applications/${id}`);
  const posted = officer.getByRole('region', { name: '邮寄办理结果' });
  await expect(posted.getByRole('status')).toContainText('已妥投');
  await expect(posted.locator('dd').filter({ hasText: /^11\d{11}$/ })).toBeVisible();
  await expectAccessible(officer);
  await context.close();
});
