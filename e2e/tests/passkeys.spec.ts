import type { CDPSession, Page } from '@playwright/test';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu, expectInMenu } from './fixtures';
import { people, signIn } from './people';

/** Chromium's virtual platform authenticator: fingerprint or screen lock always succeeds. */
async function virtualAuthenticator(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  (cdp as CDPSession & { authenticatorId?: string }).authenticatorId = authenticatorId;
  return cdp;
}

async function signOut(page: Page) {
  await openMenu(page);
  await page.getByRole('button', { name: '退出', exact: true }).first().click();
  await expectInMenu(page, page.getByRole('link', { name: '登录' }).first());
}

test('add a passkey, sign in with it, rename and remove it', async ({ page }, testInfo) => {
  const { passkeyAccount: person } = people(testInfo);
  const cdp = await virtualAuthenticator(page);
  await page.goto('/sign-in?return=%2Faccount');
  await signIn(page, person.id);
  const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '通行密钥' }) });
  await expect(section.getByText('您还没有添加通行密钥。')).toBeVisible();
  await expect(page.getByText('二级：已实名认证')).toBeVisible();

  const name = section.getByLabel('通行密钥名称（选填）');
  await name.fill('电脑'.repeat(21));
  await section.getByRole('button', { name: '添加通行密钥' }).click();
  await expect(section.getByRole('alert')).toContainText('不能超过 40 个字符');
  await expect(name).toHaveValue('电脑'.repeat(21));
  await name.fill('我的电脑');
  await section.getByRole('button', { name: '添加通行密钥' }).click();
  await expect(section.getByText('已添加通行密钥“我的电脑”。')).toBeVisible();
  await expect(section.getByRole('listitem').filter({ hasText: '我的电脑' })).toContainText('尚未使用');
  await expect(page.getByText('三级：已实名认证并绑定通行密钥')).toBeVisible();
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: (cdp as any).authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0].isResidentCredential).toBe(true);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  await signOut(page);
  await page.goto('/sign-in?return=%2Faccount');
  await expectAccessible(page);
  await page.getByRole('button', { name: '使用通行密钥登录' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
  await expect(page.getByRole('main').getByText(person.name).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '登录（通行密钥）' }).first()).toBeVisible();

  const item = section.getByRole('listitem').filter({ hasText: '我的电脑' });
  await expect(item).not.toContainText('尚未使用');
  await item.getByRole('button', { name: '重命名 我的电脑' }).click();
  const newName = item.getByLabel('新名称');
  await newName.fill(' ');
  await item.getByRole('button', { name: '保存' }).click();
  await expect(item.getByRole('alert')).toContainText('请输入通行密钥名称');
  await newName.fill('办公室电脑');
  await item.getByRole('button', { name: '保存' }).click();
  await expect(section.getByText('通行密钥已改名为“办公室电脑”。')).toBeVisible();

  const renamed = section.getByRole('listitem').filter({ hasText: '办公室电脑' });
  await renamed.getByRole('button', { name: '删除 办公室电脑' }).click();
  await expect(renamed.getByText('确定删除通行密钥“办公室电脑”吗？')).toBeVisible();
  await renamed.getByRole('button', { name: '确认删除' }).click();
  await expect(section.getByText('已删除通行密钥“办公室电脑”，它不能再用于登录。')).toBeVisible();
  await expect(section.getByText('您还没有添加通行密钥。')).toBeVisible();
  await expect(page.getByText('二级：已实名认证')).toBeVisible();

  // The authenticator still holds the removed passkey; the server no longer accepts it.
  await signOut(page);
  await page.goto('/sign-in');
  await page.getByRole('button', { name: '使用通行密钥登录' }).click();
  await expect(page.getByRole('alert')).toContainText('未能验证通行密钥');
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
});

test('a passkey prompt that is declined changes nothing and says so', async ({ page }) => {
  const cdp = await virtualAuthenticator(page);
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId: (cdp as any).authenticatorId, isUserVerified: false });
  await page.goto('/sign-in');
  await page.getByRole('button', { name: '使用通行密钥登录' }).click();
  await expect(page.getByRole('alert')).toContainText('通行密钥操作已取消或超时');
  await expectAccessible(page);
  await openMenu(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Sign in with a passkey' })).toBeVisible();
  await expectAccessible(page);
});
