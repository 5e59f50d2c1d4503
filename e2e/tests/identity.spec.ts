import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu, expectInMenu } from './fixtures';
import { people, lastCode, signIn, PASSWORD } from './people';

test('register, see the account, sign out, sign in again', async ({ page, request }, testInfo) => {
  const { newcomer } = people(testInfo);
  await page.goto('/register');
  await expectAccessible(page);
  await page.getByLabel('姓名').fill(newcomer.name);
  await page.getByLabel('居民身份证号码').fill(newcomer.id);
  await page.getByLabel('手机号码').fill(newcomer.phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('status').filter({ hasText: '验证码已发送到' })).toBeVisible();
  await expect(page.getByRole('button', { name: /秒后可重新获取/ })).toBeDisabled();

  await page.goto('/dev/outbox');
  await expect(page.getByText(newcomer.phone).first()).toBeVisible();
  await expectAccessible(page);
  await page.goBack();

  const code = await lastCode(request, newcomer.phone);
  // Another person's ID number under a name the register does not give it is refused, without
  // saying which of the two is wrong, and nothing typed is lost.
  await page.getByLabel('姓名').fill(newcomer.name + '某');
  await page.getByLabel('居民身份证号码').fill(newcomer.id);
  await page.getByLabel('手机号码').fill(newcomer.phone);
  await page.getByLabel('短信验证码').fill(code);
  await page.getByLabel('密码', { exact: true }).fill('Lantern-river-42');
  await page.getByLabel('再次输入密码').fill('Lantern-river-42');
  await page.getByRole('button', { name: '注册并登录' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '出现问题' });
  await expect(summary).toBeFocused();
  await expect(summary.getByText('姓名与身份证号码和人口信息不一致，请核对').first()).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('居民身份证号码')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('密码', { exact: true })).toHaveValue('Lantern-river-42');
  await expectAccessible(page);

  await page.getByLabel('姓名').fill(newcomer.name);
  // The code was used up by the refused attempt: a new one, once the server's resend wait is over
  // (the page was left for the outbox, so its own countdown started again).
  await expect(async () => {
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.getByRole('status').filter({ hasText: '验证码已发送到' })).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect.poll(() => lastCode(request, newcomer.phone)).not.toBe(code);
  await page.getByLabel('短信验证码').fill(await lastCode(request, newcomer.phone));
  await page.getByRole('button', { name: '注册并登录' }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
  await expect(page.getByText('一级：手机号码已验证')).toBeVisible();
  await expect(page.getByText(newcomer.id.slice(0, 3) + '***********' + newcomer.id.slice(-4))).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  // The residence permit needs level 2: applying leads through real-name verification.
  await page.goto('/services/GA-001');
  await expect(page.getByText('二级账户（实名认证）')).toBeVisible();
  await expect(page.getByText('本事项需要二级账户')).toBeVisible();
  await page.getByRole('button', { name: '在线办理' }).click();
  await expect(page).toHaveURL(/\/account\/verify\?return=%2Fservices%2FGA-001/);
  await expect(page.getByRole('heading', { level: 1, name: '实名认证' })).toBeVisible();
  if (newcomer.card) {
    await page.getByRole('link', { name: '本人银行卡' }).click();
    await page.getByLabel('银行卡号').fill(newcomer.card);
    await page.getByLabel('银行预留手机号码').fill('13900000000');
    await page.getByRole('button', { name: '确认并认证' }).click();
    await expect(page.getByRole('alert')).toContainText('银行未能确认该卡属于您');
    await page.getByLabel('银行预留手机号码').fill(newcomer.phone);
    await expectAccessible(page);
    await page.getByRole('button', { name: '确认并认证' }).click();
  } else {
    await expect(page.getByText('验证码将发送到您户籍信息中登记的手机')).toBeVisible();
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.getByRole('status').filter({ hasText: '验证码已发送到' })).toBeVisible();
    await page.getByLabel('短信验证码').fill(await lastCode(request, newcomer.phone));
    await expectAccessible(page);
    await page.getByRole('button', { name: '确认并认证' }).click();
  }
  await expect(page.getByText('实名认证已完成，您的账户现在是二级。')).toBeVisible();
  await page.getByRole('link', { name: '返回办事指南' }).click();
  await expect(page.getByRole('button', { name: '开始申请' })).toBeVisible();

  await openMenu(page);
  await page.getByRole('button', { name: '退出', exact: true }).click();
  const signInLink = page.getByRole('banner').getByRole('link', { name: '登录', exact: true });
  await expectInMenu(page, signInLink);
  await signInLink.click();
  await signIn(page, newcomer.phone, 'Lantern-river-42');
  // Back where the sign-in link was followed from: the home page, now signed in.
  await expect(page.getByRole('heading', { level: 1, name: '一网通办，一次办成' })).toBeVisible();
  await openMenu(page);
  await expect(page.getByRole('banner').getByRole('link', { name: newcomer.name })).toBeVisible();
});

test('registration errors are listed at once, beside each field, and nothing typed is lost', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('姓名').fill('王芳');
  await page.getByLabel('居民身份证号码').fill('310104199203154420');
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByRole('button', { name: '注册并登录' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '出现问题' });
  await expect(summary).toBeFocused();
  for (const message of ['请输入 18 位居民身份证号码', '请输入手机号码', '请输入短信验证码', '至少需要 10 个字符', '两次输入的密码不一致']) {
    await expect(summary.getByText(message).first()).toBeVisible();
  }
  await expect(page.getByLabel('居民身份证号码')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('姓名')).toHaveValue('王芳');
  await expect(page.getByLabel('居民身份证号码')).toHaveValue('310104199203154420');
  await summary.getByRole('link', { name: /请输入 18 位居民身份证号码/ }).click();
  await expect(page.getByLabel('居民身份证号码')).toBeFocused();
  await expectAccessible(page);
});

test('five wrong passwords lock the account and say until when', async ({ page }, testInfo) => {
  const { stranger } = people(testInfo);
  await page.goto('/sign-in');
  // Each try waits for its answer: a press while the last one is still answering is ignored.
  const answered = () => page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in/password'));
  for (let i = 0; i < 4; i++) {
    const answer = answered();
    await signIn(page, stranger, 'wrong-password-1');
    await answer;
    await expect(page.getByRole('alert').getByText('证件号码、手机号码或密码不正确')).toBeVisible();
    await expect(page.getByLabel('身份证号码或手机号码')).toHaveValue(stranger);
  }
  await signIn(page, stranger, 'wrong-password-1');
  await expect(page.getByRole('alert')).toContainText(/账户已临时锁定，请于 \d\d:\d\d 后再试/);
  await expectAccessible(page);
});

test('sign in with an SMS code', async ({ page, request }, testInfo) => {
  const { account } = people(testInfo);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: '短信验证码登录' }).click();
  await expect(page).toHaveURL(/method=sms/);
  await page.getByLabel('手机号码').fill(account.phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('status').filter({ hasText: '验证码已发送到' })).toBeVisible();
  await page.getByLabel('短信验证码').fill(await lastCode(request, account.phone));
  await expectAccessible(page);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
  await openMenu(page);
  await expect(page.getByRole('link', { name: account.name })).toBeVisible();
});

test('a protected page sends the visitor to sign in and back', async ({ page }, testInfo) => {
  const { account } = people(testInfo);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?return=%2Faccount$/);
  await signIn(page, account.id);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(account.masked)).toBeVisible();
  await expect(page.getByRole('table')).toContainText('用密码登录');
});

test('see the devices signed in and sign one out', async ({ browser }, testInfo) => {
  const { quietAccount } = people(testInfo);
  const phoneContext = await browser.newContext({ locale: 'zh-CN' });
  const laptopContext = await browser.newContext({ locale: 'zh-CN' });
  const phone = await phoneContext.newPage();
  const laptop = await laptopContext.newPage();
  for (const page of [phone, laptop]) {
    await page.goto('/sign-in?return=%2Faccount');
    await signIn(page, quietAccount.id);
    await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
  }
  await laptop.reload();
  const devices = laptop.getByRole('region', { name: '登录设备' });
  await expect(devices.getByText('当前设备')).toBeVisible();
  await expect(devices.getByRole('listitem')).toHaveCount(2);
  await expectAccessible(laptop);
  await devices.getByRole('button', { name: '退出该设备' }).click();
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await phone.reload();
  await expect(phone.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
  await phoneContext.close();
  await laptopContext.close();
});

test('the timeout warning lets you stay signed in, and then signs you out', async ({ page }, testInfo) => {
  const { account } = people(testInfo);
  await page.clock.install();
  await page.goto('/sign-in?return=%2Faccount');
  await signIn(page, account.id);
  await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
  // Every answer from the server restarts its idle clock, so let the page finish loading first.
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

  await page.clock.fastForward('13:05');
  const dialog = page.getByRole('dialog', { name: '您即将被自动退出' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/将在 \d+ 秒后自动退出/);
  await expect(dialog.getByRole('button', { name: '保持登录' })).toBeFocused();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: '保持登录' }).click();
  await expect(dialog).toBeHidden();

  await page.clock.fastForward('15:05');
  await expect(page).toHaveURL(/\/sign-in\?expired=1&return=%2Faccount/);
  await expect(page.getByText('您长时间未操作')).toBeVisible();
});

test('English sign-in and account pages', async ({ page }, testInfo) => {
  const { account } = people(testInfo);
  await page.goto('/sign-in?return=%2Faccount');
  await openMenu(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Resident ID number or mobile number').fill(account.id);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(page.getByText('Level 2: real-name verified')).toBeVisible();
  await expectAccessible(page);
});
