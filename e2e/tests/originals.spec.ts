import { fillThroughApi, moveThroughApi, submitFilled } from './api';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { originalsJourney, signedInOfficer, signIn } from './people';

/** What the applicant reads, in the language each project runs this journey in. */
const words = {
  zh: {
    originals: '纸质原件', health: '机动车驾驶人身体条件证明', photo: '数码照片回执', contact: '联系人姓名', phone: '联系人手机号码',
    district: '所在区', detail: '街道、门牌号和房间号', book: '预约上门收件', required: '必须填写', chooseOne: '请选择一项',
    mobile: '请输入 11 位手机号码，例如 13800138000', minhang: '闵行区', waybill: '运单号', from: '上门收件地址',
    delivered: '已送达受理部门', collected: '已上门收取', checkedIn: '受理部门已收到并核验原件',
  },
  en: {
    originals: 'Paper originals', health: "Driver's medical fitness certificate", photo: 'Digital photo receipt', contact: "Contact's name",
    phone: "Contact's mobile number", district: 'District', detail: 'Street, number and flat', book: 'Book the collection',
    required: 'Enter this', chooseOne: 'Choose one', mobile: 'Enter an 11-digit mobile number, like 13800138000', minhang: 'Minhang',
    waybill: 'Waybill number', from: 'Collected from', delivered: 'Delivered to the department', collected: 'Collected from you',
    checkedIn: 'The department has received and checked the originals',
  },
};

test('paper originals are collected at the door, tracked to the department and checked in by the officer', async ({ page, browser }, testInfo) => {
  const desktop = testInfo.project.name === 'desktop';
  const who = originalsJourney(desktop);
  const w = desktop ? words.zh : words.en;
  await page.goto('/sign-in');
  await signIn(page, who.id);
  await expect(page).toHaveURL(/\/account$/);
  const { id } = await submitFilled(page, await fillThroughApi(page, 'JT-001', who), who.phone);
  await page.goto(`/applications/${id}`);
  if (!desktop) {
    // The application is read again in the new language and the page drawn again: wait for it, so
    // nothing is typed into the page it replaces.
    await openMenu(page);
    const reread = page.waitForResponse((r) => r.url().endsWith(`/api/v1/applications/${id}`) && r.request().method() === 'GET');
    await page.getByRole('button', { name: 'English' }).click();
    await reread;
  }

  // The renewal checks two originals; they can be brought in, or collected at the door.
  const originals = page.getByRole('region', { name: w.originals });
  await expect(originals.getByRole('listitem').filter({ hasText: w.health })).toBeVisible();
  await expect(originals.getByRole('listitem').filter({ hasText: w.photo })).toBeVisible();

  // An empty form and a mistyped number are caught, next to each field and in the summary; nothing typed is lost.
  await originals.getByRole('button', { name: w.book }).click();
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('link', { name: w.required }).first()).toBeVisible();
  await expect(summary.getByRole('link', { name: w.chooseOne })).toBeVisible();
  await page.getByLabel(w.contact).fill(who.name);
  await page.getByLabel(w.phone).fill('1301113003');
  await page.getByLabel(w.district).selectOption({ label: w.minhang });
  await page.getByLabel(w.detail).fill('七莘路 1888 弄 5 号 302 室');
  await originals.getByRole('button', { name: w.book }).click();
  await expect(summary.getByRole('link', { name: w.mobile })).toBeVisible();
  await summary.getByRole('link', { name: w.mobile }).click();
  await expect(page.getByLabel(w.phone)).toBeFocused();
  await expect(page.getByLabel(w.detail)).toHaveValue('七莘路 1888 弄 5 号 302 室');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByLabel(w.phone).fill(who.phone);
  await originals.getByRole('button', { name: w.book }).click();

  // Booked: where it is collected, and the form gone. The courier's waybill is asked for apart
  // from the booking (a courier out of reach delays it and loses nothing), so it may come a moment later.
  await expect(originals).toContainText(w.from);
  await expect(originals.getByRole('button', { name: w.book })).toHaveCount(0);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('region', { name: w.originals }).locator('dd').filter({ hasText: /^11\d{11}$/ })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);

  // The courier collects them and brings them to the traffic police over half a minute here.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('region', { name: w.originals }).getByRole('status')).toContainText(w.delivered, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const tracking = page.getByRole('region', { name: w.originals }).getByRole('listitem').filter({ hasText: '·' });
  await expect(tracking.last()).toContainText(w.collected);
  await expectNoHorizontalScroll(page);

  // The officer sees them delivered, must say they checked them, and records them as received.
  const { officer, context } = await signedInOfficer(browser, page, testInfo, who.officer);
  await expect(officer.getByRole('heading', { level: 1, name: '待办件' })).toBeVisible();
  await moveThroughApi(context, officer.request, id, ['accept', 'start_review']);
  await officer.goto(`/staff/applications/${id}`);
  const onCase = officer.getByRole('region', { name: '纸质原件' });
  await expect(onCase.getByRole('status').first()).toContainText('已送达受理部门');
  await onCase.getByRole('button', { name: '确认收到原件' }).click();
  await expect(officer.getByRole('alert').getByRole('link', { name: '请先核对原件与网上提交的材料是否一致' })).toBeVisible();
  await expectAccessible(officer);
  await onCase.getByLabel('原件已收到，且与网上提交的材料一致').check();
  await onCase.getByRole('button', { name: '确认收到原件' }).click();
  await expect(onCase.getByRole('status').filter({ hasText: '受理部门已收到并核验原件' })).toContainText('确认收到');
  await expect(onCase.getByRole('button', { name: '确认收到原件' })).toHaveCount(0);
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);
  await context.close();

  // The applicant reads that they arrived and were checked.
  await page.reload();
  await expect(page.getByRole('region', { name: w.originals }).getByRole('status').filter({ hasText: w.checkedIn })).toBeVisible();
  await expectAccessible(page);
});
