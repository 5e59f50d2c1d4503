import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, expectNoHorizontalScroll } from './fixtures';
import { freshProofCast, lastCode, PASSWORD, signIn } from './people';

// Run by `cargo xtask test` against a server of its own whose proofs last two seconds
// (PROOF_PHASE=1, TONGBAN_PROOF_FRESH_SECS=2), so that a stale proof is reached by waiting for the
// server to say so, never by sleeping.

/** Waits until the server wants a fresh proof from this browser's session. */
async function proofGoesStale(page: Page) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'tb_csrf')?.value ?? '';
  await expect
    .poll(async () => {
      const answer = await page.request.post('/api/v1/account/passkeys/options', { headers: { 'X-CSRF-Token': csrf }, data: {} });
      return (await answer.json()).code;
    })
    .toBe('proof_needed');
}

test('a sensitive change asks for the password or a code again, then goes ahead @proof', async ({ page, request }, testInfo) => {
  const who = freshProofCast(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Faccount');
  await signIn(page, who.rep);
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: who.company }) });
  await expect(item.getByRole('heading', { name: who.company })).toBeVisible();
  await proofGoesStale(page);

  await item.getByLabel('经办人身份证号码').fill(who.agentId);
  await item.getByLabel('申办事项').check();
  await item.getByRole('button', { name: '添加经办人' }).click();
  const dialog = page.getByRole('dialog', { name: '请确认是您本人' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await dialog.getByLabel('密码', { exact: true }).fill('not-my-password-1');
  await dialog.getByRole('button', { name: '确认', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('当前密码不正确');
  await dialog.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await dialog.getByRole('button', { name: '确认', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(item.getByText('已添加经办人。')).toBeVisible();
  await expect(item.getByRole('listitem').filter({ hasText: who.agentName })).toBeVisible();

  // A code to one's own phone does as well as the password.
  await proofGoesStale(page);
  await item.getByRole('button', { name: `移除经办人 ${who.agentName}` }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '改用短信验证码确认' }).click();
  await dialog.getByRole('button', { name: '获取验证码' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: '验证码已发送到' })).toBeVisible();
  await dialog.getByLabel('短信验证码').fill(await lastCode(request, who.phone));
  await dialog.getByRole('button', { name: '确认', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(item.getByText(who.agentName)).toHaveCount(0);
});
