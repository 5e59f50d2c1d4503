import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { people, signIn } from './people';

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
  await expect(page.getByLabel('持证人姓名')).toBeChecked();
  await expect(page.getByLabel('证照号码', { exact: true })).not.toBeChecked();
  await page.getByLabel('证照类型', { exact: true }).uncheck();
  await page.getByLabel('有效期', { exact: true }).uncheck();
  await page.getByLabel('持证人姓名').uncheck();
  await page.getByRole('button', { name: '生成亮证码' }).click();
  await expect(page.getByRole('alert')).toContainText('请至少选择一项');
  await page.getByLabel('持证人姓名').check();
  await page.getByLabel('有效期', { exact: true }).check();
  await page.getByRole('button', { name: '生成亮证码' }).click();
  const text = page.getByLabel('亮证码文字（无法扫码时复制或输入）');
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
