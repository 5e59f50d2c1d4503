import { test, expect, expectAccessible } from './fixtures';
import { call, provideMaterials, PNG } from './api';
import { signIn } from './people';

/** Seeded level-2 people only this journey uses, one per project. */
function resident(desktop: boolean) {
  return desktop
    ? { name: '胡静', id: '31011019930827246X', phone: '13011130006' }
    : { name: '郭涛', id: '310112198501305153', phone: '13011130007' };
}

test('apply for the residence permit reusing an e-licence, uploading a file, and signing with a passkey', async ({ page }, testInfo) => {
  const person = resident(testInfo.project.name === 'desktop');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await page.goto('/sign-in?return=%2Faccount');
  await signIn(page, person.id);
  await page.getByLabel('通行密钥名称（选填）').fill('我的电脑');
  await page.getByRole('button', { name: '添加通行密钥' }).click();
  await expect(page.getByText('三级：已实名认证并绑定通行密钥')).toBeVisible();

  await page.goto('/services/GA-001');
  await page.getByRole('button', { name: '开始申请' }).click();
  await expect(page.getByText('已完成 0 / 5 部分。')).toBeVisible();
  const id = page.url().split('/').pop() ?? '';
  const context = page.context();
  let detail = await call(context, page.request, `/applications/${id}`);
  const pages: [string, unknown][] = [
    ['applicant', { name: person.name, id_number: person.id, phone: person.phone }],
    ['home', { address: { district: 'minhang', detail: '莘庄镇莘松路 380 号 2 号楼 301 室' }, registered_on: '2025-04-01', housing: 'owned' }],
    ['basis', { basis: 'work' }],
    ['employer', { employer_name: '上海通办示范科技有限公司', employer_code: '91310101MA1FPX0T5D', employed_since: '2024-07-01' }],
    ['delivery', { delivery: 'window' }],
  ];
  for (const [name, answers] of pages) {
    detail = await call(context, page.request, `/applications/${id}/pages`, { page: name, answers, version: detail.version });
  }
  await provideMaterials(context, page.request, id, ['id_card', 'photo']);
  await page.reload();
  await page.getByRole('link', { name: '申请材料' }).click();

  const idCard = page.getByRole('region', { name: /^居民身份证/ });
  await expect(idCard.getByText('上海市公安局')).toBeVisible();
  await idCard.getByLabel('我已核对以上电子证照信息，同意用于本次申请').check();
  await idCard.getByRole('button', { name: '使用电子证照' }).click();
  await expect(idCard.getByText('已提供')).toBeVisible();
  const photo = page.getByRole('region', { name: /^近期一寸免冠彩色照片/ });
  await photo.getByLabel('上传文件').setInputFiles({ name: '证件照.png', mimeType: 'image/png', buffer: PNG });
  await photo.getByRole('button', { name: '上传', exact: true }).click();
  await expect(photo.getByRole('link', { name: '证件照.png' })).toBeVisible();
  await expect(page.getByText('社会保险缴费记录')).toBeVisible();
  await page.getByRole('button', { name: '完成并返回' }).click();
  await expect(page.getByText('已完成 5 / 5 部分。')).toBeVisible();

  await page.getByRole('button', { name: '检查答案' }).click();
  await expect(page.getByText('电子证照：居民身份证')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: '使用通行密钥签名并提交' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '申请已提交' })).toBeVisible();
  const submitted = await call(context, page.request, `/applications/${id}`);
  expect(submitted.state).toBe('submitted');
});
