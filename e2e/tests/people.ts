import type { Browser, TestInfo, Page, APIRequestContext } from '@playwright/test';
import { expect } from './fixtures';

export const PASSWORD = 'Tongban!2026';

/** Demo people, different for each project so that parallel projects never share a phone. */
export function people(testInfo: TestInfo) {
  const desktop = testInfo.project.name === 'desktop';
  return {
    // Seeded accounts.
    account: desktop
      ? { name: '张伟', id: '31010119900307241X', phone: '13800138000', masked: '310***********241X' }
      : { name: '李娜', id: '310105198511123624', phone: '13900139000', masked: '310***********3624' },
    // Residents in the population register without an account, free to register.
    newcomer: desktop
      ? { name: '王芳', id: '310104199203154427', phone: '13700137000', card: '6222 0212 3456 7890 128' }
      : { name: '刘洋', id: '310115197806213019', phone: '13600136000', card: null },
    keyboardNewcomer: desktop
      ? { name: '陈静', id: '310106199508121629', phone: '13500135000' }
      : { name: '杨磊', id: '310109198801054837', phone: '13300133000' },
    // Seeded level-1 accounts no other test signs in to, for counting sessions (and refused as agents).
    quietAccount: desktop ? { id: '310112197004195518' } : { id: '310225196209031245' },
    // Seeded level-2 accounts that only the passkey journey uses.
    passkeyAccount: desktop
      ? { name: '孙丽', id: '31010419870415122X' }
      : { name: '吴强', id: '31011519830922351X' },
    // An identifier with no account: it locks exactly like one.
    stranger: desktop ? '13312340001' : '13312340002',
  };
}

/** A seeded company, its agent (level 2) and a market-regulation officer, one set per project. */
export function companyFiling(desktop: boolean) {
  return desktop
    ? { agent: '罗军', id: '310114198208150917', phone: '13011130009', company: '上海嘉定味道餐饮有限公司', code: '91310114MA1N5R7K29', officer: 'sj01' }
    : { agent: '梁燕', id: '310117199006120529', phone: '13011130010', company: '上海松江轻食餐饮有限公司', code: '91310117MA1P8T3W6L', officer: 'sj02' };
}

/** Seeded level-2 people and officers that only the officer journey uses, one set per project. */
export function withdrawalJourney(desktop: boolean) {
  return desktop
    ? { name: '马超', id: '310107197906111335', phone: '13011130005', officer: 'gjj01', windowOfficer: 'gjj03' }
    : { name: '何雪', id: '310113199604053201', phone: '13011130008', officer: 'gjj02', windowOfficer: 'gjj04' };
}

/** Seeded level-2 people whose drafts outlive a server crash, one per project. */
export function restartDraftPerson(desktop: boolean) {
  return desktop ? { id: '310101199107182285' } : { id: '310106198902034174' };
}

/** Seeded level-2 people only the file-question journey uses, one per project. */
export function fileQuestionPerson(desktop: boolean) {
  return desktop ? { id: '310104199406111232', phone: '13011130013' } : { id: '310110198702192527', phone: '13011130014' };
}

/** A company the seeded account represents but has not bound, and a verified person to add as its agent. */
export function companyToBind(desktop: boolean) {
  return desktop
    ? { code: '91310104MA1K4B2N3Y', name: '上海浦江餐饮管理有限公司', agentId: '310105199106123828', agentName: '方静' }
    : { code: '91310115MA1H7C8P4C', name: '上海临港物流有限公司', agentId: '310112198603044513', agentName: '韩磊' };
}

/** A representative, their company and a verified person to add as an agent, for the fresh-proof journeys. */
export function freshProofCast(desktop: boolean) {
  return desktop
    ? { rep: '31010119900307241X', phone: '13800138000', company: '上海通办示范科技有限公司', agentId: '310105199106123828', agentName: '方静' }
    : { rep: '310118197503010416', phone: '13011130011', company: '上海嘉定味道餐饮有限公司', agentId: '310112198603044513', agentName: '韩磊' };
}

/** Seeded level-2 people only the payment journey uses, one per project. */
export function payJourney(desktop: boolean) {
  return desktop
    ? { name: '唐亮', id: '310101198902140135', phone: '13011130023' }
    : { name: '韦佳', id: '310104199105030244', phone: '13011130024' };
}

/** A seeded company buying property: its legal representative, an agent who may apply but not pay, and a planning officer. */
export function propertyTransfer(desktop: boolean) {
  return desktop
    ? { company: '上海徐汇置业发展有限公司', code: '91310104MA1Q3G5R29', rep: '310104198803164528', agent: '310105199005213015',
        agentPhone: '13011130026', officer: 'gh03' }
    : { company: '上海闵行商务楼宇管理有限公司', code: '91310112MA1R6J8T4C', rep: '31011219850709262X', agent: '310113199202145314',
        agentPhone: '13011130028', officer: 'gh04' };
}

/** Seeded level-2 people whose renewed licences are posted to them, and a traffic officer, one set per project. */
export function postJourney(desktop: boolean) {
  return desktop
    ? { name: '邱峰', id: '310106198709234019', phone: '13011130029', officer: 'jt05' }
    : { name: '江雪', id: '310115199403052627', phone: '13011130030', officer: 'jt06' };
}

/** Seeded level-2 people who have the courier collect their originals, and a traffic officer, one set per project. */
export function originalsJourney(desktop: boolean) {
  return desktop
    ? { name: '蒋文', id: '310104199208156034', phone: '13011130031', officer: 'jt07' }
    : { name: '陆瑶', id: '310112199604224828', phone: '13011130032', officer: 'jt08' };
}

/** The code in the newest sandbox SMS to `phone`. */
export async function lastCode(request: APIRequestContext, phone: string): Promise<string> {
  const messages: { phone: string; body: string }[] = await (await request.get('/api/v1/dev/outbox')).json();
  // Progress notices go to the same phone; a code message names the code.
  const message = messages.find((m) => m.phone === phone && /验证码\D{0,3}\d{6}/.test(m.body));
  const code = message?.body.match(/验证码\D{0,3}(\d{6})/)?.[1];
  if (!code) throw new Error(`no code sent to ${phone}`);
  return code;
}

export async function signIn(page: Page, identifier: string, password = PASSWORD) {
  await page.getByLabel('身份证号码或手机号码').fill(identifier);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Signs the declaration on the check page with an SMS code and submits; the application number. */
export async function signBySmsAndSubmit(page: Page, phone: string): Promise<string> {
  await page.getByRole('button', { name: '同意并获取验证码' }).click();
  await expect(page.getByRole('status').filter({ hasText: '验证码已发送至' })).toBeVisible();
  await page.getByLabel('短信验证码').fill(await lastCode(page.request, phone));
  await page.getByRole('button', { name: '确认签名并提交' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '申请已提交' })).toBeVisible();
  return (await page.locator('strong').filter({ hasText: /^TB\d{14}$/ }).textContent()) ?? '';
}

/** A second browser the size of `page`'s, with an officer signed in to the console. */
export async function signedInOfficer(browser: Browser, page: Page, testInfo: TestInfo, staffNumber: string) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined, baseURL: testInfo.project.use.baseURL });
  const officer = await context.newPage();
  await officer.goto('/staff/sign-in');
  await officer.getByLabel('工号').fill(staffNumber);
  await officer.getByLabel('密码').fill(PASSWORD);
  await officer.getByRole('button', { name: '登录', exact: true }).click();
  await enterStaffCode(officer, staffNumber);
  return { officer, context };
}

/** The second step of an officer's sign-in: the code sent to their work phone. */
export async function enterStaffCode(officer: Page, staffNumber: string) {
  await expect(officer.getByRole('heading', { level: 1, name: '输入短信验证码' })).toBeVisible();
  await officer.getByLabel('短信验证码').fill(await lastStaffCode(officer.request, staffNumber));
  await officer.getByRole('button', { name: '登录', exact: true }).click();
}

/** The code in the newest sign-in text to the officer with this staff number. */
export async function lastStaffCode(request: APIRequestContext, staffNumber: string): Promise<string> {
  const messages: { body: string }[] = await (await request.get('/api/v1/dev/outbox')).json();
  const code = messages.find((m) => m.body.includes(`工号 ${staffNumber} 登录验证码`))?.body.match(/登录验证码 (\d{6})/)?.[1];
  if (!code) throw new Error(`no sign-in code sent for ${staffNumber}`);
  return code;
}
