import type { Locator, Page } from '@playwright/test';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { people, signedInOfficer, signIn } from './people';

/** "3101**********241X": what lists show of a number. */
function masked(number: string) {
  return `${number.slice(0, 4)}${'*'.repeat(number.length - 8)}${number.slice(-4)}`;
}

test('a holder shows a licence by code, and someone without an account checks it and sees only what was chosen', async ({ page, browser }, testInfo) => {
  const who = people(testInfo).account;
  await page.goto('/sign-in?return=%2Faccount%2Flicences');
  await signIn(page, who.id);
  await expect(page.getByRole('heading', { level: 1, name: '我的电子证照' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '机动车驾驶证（C1）' }) });
  await expect(card).toContainText('有效');
  await expect(card).toContainText(masked(who.id));
  await expect(card).not.toContainText(who.id);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await card.getByRole('link', { name: /查看和亮证/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '机动车驾驶证（C1）' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: who.id })).toBeVisible();
  await expect(page.getByText('电子印章：上海市公安局')).toBeVisible();
  await expect(page.getByRole('link', { name: '下载带签章的副本' })).toHaveAttribute('href', /\/signed$/);
  await expectAccessible(page);

  // Name and validity, not the kind and not the number.
  const show = page.getByRole('region', { name: '亮证' });
  await expect(show.getByLabel('持证人姓名')).toBeChecked();
  await expect(show.getByLabel('证照号码', { exact: true })).not.toBeChecked();
  await show.getByLabel('证照类型', { exact: true }).uncheck();
  await show.getByLabel('有效期', { exact: true }).uncheck();
  await show.getByLabel('持证人姓名').uncheck();
  await show.getByRole('button', { name: '生成亮证码' }).click();
  await expect(show.getByRole('alert')).toContainText('请至少选择一项');
  await show.getByLabel('持证人姓名').check();
  await show.getByLabel('有效期', { exact: true }).check();
  await show.getByRole('button', { name: '生成亮证码' }).click();
  const text = show.getByLabel('亮证码文字（无法扫码时复制或输入）');
  await expect(text).toHaveValue(/^TB1\./);
  await expect(page.getByRole('img', { name: '亮证码二维码，内容与下方文字相同' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '本页打开期间自动更新' })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  const token = await text.inputValue();

  // Another browser, with no session: from the footer of any page.
  const visitor = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined, baseURL: testInfo.project.use.baseURL });
  const check = await visitor.newPage();
  await check.goto('/');
  await check.getByRole('contentinfo').getByRole('link', { name: '核验电子证照' }).click();
  await expect(check.getByRole('heading', { level: 1, name: '核验电子证照' })).toBeVisible();
  await check.getByRole('button', { name: '核验', exact: true }).click();
  await expect(check.getByRole('alert').getByRole('link', { name: '请输入亮证码' })).toBeVisible();
  await expectAccessible(check);

  await check.getByLabel('亮证码').fill(token);
  await check.getByRole('button', { name: '核验', exact: true }).click();
  const valid = check.getByRole('status').filter({ hasText: '有效：这是发证机关签章的真实证照' });
  await expect(valid).toBeVisible();
  await expect(valid).toContainText(who.name);
  await expect(valid).toContainText('2021-05-01 – 2027-01-15');
  await expect(valid).toContainText('上海市公安局交通警察总队');
  await expect(valid).not.toContainText(who.id);
  await expect(valid).not.toContainText('机动车驾驶证');
  await expectAccessible(check);
  await expectNoHorizontalScroll(check);

  // The name changed, the seal kept: refused, and nothing shown.
  const [prefix, payload, seal] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  claims.f.name = '王五';
  const forged = [prefix, Buffer.from(JSON.stringify(claims)).toString('base64url'), seal].join('.');
  await check.getByLabel('亮证码').fill(forged);
  await check.getByRole('button', { name: '核验', exact: true }).click();
  const refused = check.getByRole('alert').filter({ hasText: '无效' });
  await expect(refused).toContainText('签章不符：亮证码被改动过，或是伪造的。');
  await expect(check.getByText('王五')).toHaveCount(0);
  await expect(check.getByText(who.name)).toHaveCount(0);
  await expectAccessible(check);

  // In English.
  await openMenu(check);
  await check.getByRole('button', { name: 'English' }).click();
  await expect(check.getByRole('heading', { level: 1, name: 'Check an e-licence' })).toBeVisible();
  await check.getByLabel('The code you were shown').fill(token);
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(check.getByRole('status').filter({ hasText: 'Valid: a genuine licence' })).toContainText('Shanghai Traffic Police');
  await expectAccessible(check);
  await visitor.close();

  // Stopping takes the code off the screen.
  await page.getByRole('button', { name: '停止亮证' }).click();
  await expect(text).toHaveCount(0);
});

/** A browser that reads QR codes itself: its camera shows a blank picture, and the code appears
 * in it at the second look. `camera: false` is a camera the person did not allow. */
async function cameraThatSees(page: Page, token: string, camera = true) {
  await page.addInitScript(([code, allowed]) => {
    let looks = 0;
    (window as any).BarcodeDetector = class {
      async detect() {
        looks += 1;
        return looks < 2 ? [] : [{ rawValue: code, format: 'qr_code' }];
      }
    };
    navigator.mediaDevices.getUserMedia = async () => {
      if (!allowed) throw new DOMException('Permission denied', 'NotAllowedError');
      const canvas = document.createElement('canvas');
      canvas.getContext('2d')?.fillRect(0, 0, 10, 10);
      return canvas.captureStream();
    };
  }, [token, camera] as const);
}

test('where the browser reads QR codes, a verifier scans the shown code with the camera', async ({ page, browser }, testInfo) => {
  const who = people(testInfo).account;
  await page.goto('/sign-in?return=%2Faccount%2Flicences');
  await signIn(page, who.id);
  await page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '机动车驾驶证（C1）' }) })
    .getByRole('link', { name: /查看和亮证/ }).click();
  const show = page.getByRole('region', { name: '亮证' });
  await show.getByRole('button', { name: '生成亮证码' }).click();
  const token = await show.getByLabel('亮证码文字（无法扫码时复制或输入）').inputValue();
  expect(token).toMatch(/^TB1\./);
  const options = { locale: 'zh-CN', viewport: page.viewportSize() ?? undefined, baseURL: testInfo.project.use.baseURL };

  // A browser that cannot read codes is not offered the camera.
  const plain = await browser.newContext(options);
  const typed = await plain.newPage();
  await typed.addInitScript(() => { delete (window as any).BarcodeDetector; });
  await typed.goto('/verify');
  await expect(typed.getByRole('heading', { level: 1, name: '核验电子证照' })).toBeVisible();
  await expect(typed.getByRole('button', { name: '用摄像头扫码' })).toHaveCount(0);
  await plain.close();

  // The camera refused: told so, and typing still works.
  const denied = await browser.newContext(options);
  const refusedPage = await denied.newPage();
  await cameraThatSees(refusedPage, token, false);
  await refusedPage.goto('/verify');
  await refusedPage.getByRole('button', { name: '用摄像头扫码' }).click();
  await expect(refusedPage.getByRole('alert')).toContainText('无法打开摄像头');
  await expectAccessible(refusedPage);
  await denied.close();

  const visitor = await browser.newContext(options);
  const check = await visitor.newPage();
  await cameraThatSees(check, token);
  await check.goto('/verify');
  await check.getByRole('button', { name: '用摄像头扫码' }).click();
  const valid = check.getByRole('status').filter({ hasText: '有效：这是发证机关签章的真实证照' });
  await expect(valid).toBeVisible();
  await expect(valid).toContainText(who.name);
  await expect(check.getByLabel('亮证码')).toHaveValue(token);
  await expect(check.getByRole('button', { name: '停止扫码' })).toBeHidden();
  await expectAccessible(check);
  await expectNoHorizontalScroll(check);
  await visitor.close();
});

test('a holder authorises a department, its officer uses the licence by code, the holder sees the use, revokes, and the next try is refused', async ({ page, browser }, testInfo) => {
  const desktop = testInfo.project.name === 'desktop';
  const who = people(testInfo).account;
  const staffNumber = desktop ? 'ga01' : 'ga02';
  const purpose = desktop ? '办理港澳通行证' : '开具户籍证明';
  await page.goto('/sign-in?return=%2Faccount%2Flicences');
  await signIn(page, who.id);
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '居民身份证' }) });
  await card.getByRole('link', { name: /查看和亮证/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: '授权用证' })).toBeVisible();

  // Nothing chosen yet: every problem at once, nothing typed lost.
  await page.getByLabel('用途').fill(purpose);
  await page.getByRole('button', { name: '生成用证码' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: '请输入被授权的单位' })).toBeVisible();
  await expect(page.getByLabel('用途')).toHaveValue(purpose);
  await page.getByLabel('部门', { exact: true }).selectOption({ label: '上海市公安局' });
  await page.getByRole('group', { name: '对方可以看到' }).last().getByLabel('证照号码').check();
  await page.getByLabel('有效期内可多次使用').check();
  await page.getByRole('button', { name: '生成用证码' }).click();
  const given = page.getByRole('status').filter({ hasText: '已授权。请把用证码告诉上海市公安局' });
  await expect(given).toBeVisible();
  const code = ((await given.locator('p').nth(1).textContent()) ?? '').trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
  await expect(given.getByRole('img', { name: `用证码二维码：${code}` })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The department's officer types it in the console and sees only what was authorised.
  const { officer, context: officerContext } = await signedInOfficer(browser, page, testInfo, staffNumber);
  await officer.getByRole('link', { name: '凭用证码使用证照' }).click();
  await expect(officer.getByRole('heading', { level: 1, name: '凭用证码使用证照' })).toBeVisible();
  await officer.getByLabel('用证码').fill(code.toLowerCase());
  await officer.getByRole('button', { name: '使用证照' }).click();
  const result = officer.getByRole('status').filter({ hasText: '持证人授权的信息' });
  await expect(result).toContainText(who.name);
  await expect(result).toContainText(who.id);
  await expect(result).toContainText(purpose);
  await expect(result).toContainText('有效期内可多次使用');
  await expectAccessible(officer);
  await expectNoHorizontalScroll(officer);

  // Who used my data, from the account page.
  await page.goto('/account');
  await page.getByRole('link', { name: '谁使用了我的数据' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '谁使用了我的数据' })).toBeVisible();
  const use = page.getByRole('listitem').filter({ hasText: `您的授权：${purpose}` });
  await expect(use).toContainText('上海市公安局');
  await expect(use).toContainText('居民身份证（授权用证）：姓名、证照类型、有效期、证照号码、发证机关、状态');
  await expect(use).toContainText(`g**${staffNumber.slice(-1)}`);
  await expect(page.getByRole('link', { name: '下载 CSV 文件' })).toHaveAttribute('href', /data-uses\.csv\?lang=zh-CN$/);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The holder revokes it; the officer's next try is refused at once.
  await page.goto('/account/licences');
  const authorisation = page.getByRole('listitem').filter({ hasText: code });
  await expect(authorisation).toContainText('上海市公安局');
  await expect(authorisation.getByRole('listitem').first()).toContainText('上海市公安局');
  await authorisation.getByRole('button', { name: '撤销授权' }).click();
  await expect(authorisation.getByRole('group')).toContainText('撤销后，这个用证码立即失效');
  await expectAccessible(page);
  await authorisation.getByRole('group').getByRole('button', { name: '撤销授权' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已撤销，用证码已失效。' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: code })).toContainText('已撤销');

  await officer.getByRole('button', { name: '使用证照' }).click();
  await expect(officer.getByRole('alert').getByRole('link', { name: '持证人已撤销这个授权' })).toBeVisible();
  await officerContext.close();

  // The refused try is on the holder's record too, in English as well.
  await page.goto('/account/data-uses');
  await openMenu(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Who used my data' })).toBeVisible();
  await expect(page.getByText('Refused: you had revoked the authorisation')).toBeVisible();
  await expectAccessible(page);
  await openMenu(page);
  await page.getByRole('button', { name: '中文' }).click();
});

test('an officer of the issuing department revokes a licence with a reason, and the holder sees it and can no longer show it', async ({ page, browser }, testInfo) => {
  const desktop = testInfo.project.name === 'desktop';
  const who = people(testInfo).account;
  const household = desktop ? '沪户100000' : '沪户100001';
  const { officer, context } = await signedInOfficer(browser, page, testInfo, desktop ? 'ga03' : 'ga04');
  await officer.getByRole('link', { name: '注销证照' }).click();
  await officer.getByLabel('证照号码').fill(household);
  await officer.getByRole('button', { name: '查找' }).click();
  const found = officer.getByRole('listitem').filter({ hasText: who.name });
  await expect(found).toContainText('居民户口簿');
  await found.getByRole('button', { name: '注销证照' }).click();
  await expect(found.getByRole('alert').getByRole('link', { name: '请写明理由' })).toBeVisible();
  await found.getByLabel('注销原因').fill('户口已迁出本市');
  await found.getByRole('button', { name: '注销证照' }).click();
  await expect(found.getByRole('status').filter({ hasText: '已注销，已通知持证人。' })).toBeVisible();
  await expectAccessible(officer);
  await context.close();

  await page.goto('/sign-in?return=%2Faccount%2Flicences');
  await signIn(page, who.id);
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '居民户口簿' }) });
  await expect(card).toContainText('已注销');
  await card.getByRole('link', { name: /查看和亮证/ }).click();
  await expect(page.getByText('注销原因：户口已迁出本市')).toBeVisible();
  await expect(page.getByText('这本证照当前不是有效状态，不能亮证。')).toBeVisible();
  await expect(page.getByRole('button', { name: '生成亮证码' })).toHaveCount(0);
  await expectAccessible(page);
});

/** Presses Tab until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`never reached ${target}`);
}

test('keyboard only: show a licence and check its code on the verify page', async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one keyboard journey is enough');
  // A seeded level-2 account the desktop journeys leave alone.
  const holder = { id: '310106198902034174' };
  await page.goto('/sign-in?return=%2Faccount%2Flicences');
  await signIn(page, holder.id);
  const view = page.getByRole('link', { name: /查看和亮证.*居民身份证/ });
  await expect(view).toBeVisible();
  await tabTo(page, view);
  await page.keyboard.press('Enter');
  const show = page.getByRole('region', { name: '亮证' });
  const number = show.getByLabel('证照号码');
  await tabTo(page, number);
  await page.keyboard.press('Space');
  await expect(number).toBeChecked();
  await tabTo(page, show.getByRole('button', { name: '生成亮证码' }));
  await page.keyboard.press('Enter');
  const text = page.getByLabel('亮证码文字（无法扫码时复制或输入）');
  await expect(text).toHaveValue(/^TB1\./);
  const token = await text.inputValue();

  const visitor = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined, baseURL: testInfo.project.use.baseURL });
  const check = await visitor.newPage();
  await check.goto('/verify');
  await expect(check.getByRole('heading', { level: 1, name: '核验电子证照' })).toBeVisible();
  const field = check.getByLabel('亮证码');
  await tabTo(check, field);
  await check.keyboard.insertText(token);
  await check.keyboard.press('Tab');
  await expect(check.getByRole('button', { name: '核验', exact: true })).toBeFocused();
  await check.keyboard.press('Enter');
  const valid = check.getByRole('status').filter({ hasText: '有效：这是发证机关签章的真实证照' });
  await expect(valid).toBeVisible();
  await expect(valid).toContainText(holder.id);
  await visitor.close();
});
