import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { lastCode, signIn } from './people';

/** Seeded level-2 people who only this journey uses, one per project. */
function applicant(desktop: boolean) {
  return desktop
    ? { name: '黄敏', id: '310101199107182285', phone: '13011130003' }
    : { name: '徐磊', id: '310106198902034174', phone: '13011130004' };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000054 00000 n \n0000000105 00000 n \ntrailer\n<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

async function continuePage(page: Page) {
  await page.getByRole('button', { name: '保存并继续' }).click();
}

test('apply for a provident fund withdrawal: task list, pages, check, sign and submit', async ({ page, request }, testInfo) => {
  const person = applicant(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fservices%2FGJJ-002');
  await signIn(page, person.id);
  await expect(page.getByRole('heading', { level: 1, name: '住房公积金提取（租房）' })).toBeVisible();
  await page.getByRole('button', { name: '开始申请' }).click();

  await expect(page.getByText('已完成 0 / 4 部分。')).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('link', { name: '申请人' }).click();
  await expect(page.getByText('部分内容已根据您的账户信息预先填写')).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveValue(person.name);
  await expect(page.getByLabel('手机号码')).toHaveValue(person.phone);
  await expectAccessible(page);
  await continuePage(page);

  // The end of a section leads back to the task list.
  await expect(page.getByText('已完成 1 / 4 部分。')).toBeVisible();
  await page.getByRole('link', { name: '租房情况' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '租赁合同' })).toBeVisible();
  await continuePage(page);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('请填写租赁房屋地址');
  await expect(summary).toContainText('请选择合同是否已网签备案');
  await expect(summary).toContainText('请填写月租金（元）');
  await expect(page).toHaveTitle(/^错误: /);
  await expectAccessible(page);

  await page.getByLabel('所在区').selectOption({ label: '徐汇区' });
  await page.getByLabel('街道、门牌号和房间号').fill('漕溪北路 88 号 1201 室');
  await expect(page.getByLabel('网签备案编号')).toHaveCount(0);
  await page.getByLabel('已备案').check();
  await page.getByLabel('网签备案编号').fill('2026ABC');
  await page.getByLabel('租期开始日期').fill('2026-12-31');
  await page.getByLabel('租期结束日期').fill('2026-01-01');
  await page.getByLabel('月租金（元）').fill('5200');
  await continuePage(page);
  await expect(summary).toContainText('网签备案编号只能包含数字');
  await expect(summary).toContainText('租期结束日期必须晚于租期开始日期');
  await expect(page.getByLabel('月租金（元）')).toHaveValue('5200');
  await page.getByLabel('网签备案编号').fill('20260001234');
  await page.getByLabel('租期开始日期').fill('2026-01-01');
  await page.getByLabel('租期结束日期').fill('2026-12-31');
  await continuePage(page);

  // The draft is on the server: a reload loses nothing already continued past.
  await expect(page.getByText('已完成 2 / 4 部分。')).toBeVisible();
  await page.reload();
  await page.getByRole('link', { name: '租房情况' }).click();
  await expect(page.getByLabel('网签备案编号')).toHaveValue('20260001234');
  await expect(page.getByLabel('所在区')).toHaveValue('xuhui');
  await page.getByRole('link', { name: '返回', exact: true }).click();
  await page.getByRole('link', { name: '提取信息' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '提取金额与收款账户' })).toBeVisible();
  await page.getByLabel('本次提取金额（元）').fill('4500');
  await page.getByLabel('工商银行').check();
  await page.getByLabel('收款账号').fill('6222021234567890128');
  await continuePage(page);

  await expect(page.getByText('已完成 3 / 4 部分。')).toBeVisible();
  await page.getByRole('link', { name: '申请材料' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '申请材料' })).toBeVisible();
  const idCard = page.getByRole('region', { name: /^居民身份证/ });
  await expect(idCard.getByText(person.id)).toBeVisible();
  await idCard.getByRole('button', { name: '使用电子证照' }).click();
  await expect(page.getByRole('alert')).toContainText('请先勾选确认，同意使用该电子证照');
  await idCard.getByLabel('我已核对以上电子证照信息，同意用于本次申请').check();
  await idCard.getByRole('button', { name: '使用电子证照' }).click();
  await expect(idCard.getByText('已提供')).toBeVisible();

  const contract = page.getByRole('region', { name: /^房屋租赁合同/ });
  await contract.getByLabel('上传文件').setInputFiles({ name: '租赁合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 a program, renamed') });
  await contract.getByRole('button', { name: '上传', exact: true }).click();
  await expect(contract).toContainText('只能上传 PDF、JPEG 或 PNG 文件，这个文件的内容不是其中任何一种');
  await expect(page.getByRole('alert')).toContainText('只能上传 PDF');
  await contract.getByLabel('上传文件').setInputFiles({ name: '租赁合同.pdf', mimeType: 'application/pdf', buffer: PDF });
  await contract.getByRole('button', { name: '上传', exact: true }).click();
  await expect(contract.getByRole('link', { name: '租赁合同.pdf' })).toBeVisible();
  const card = page.getByRole('region', { name: /^本人银行卡/ });
  await card.getByLabel('上传文件').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: PNG });
  await card.getByRole('button', { name: '上传', exact: true }).click();
  await expect(card.getByText('已提供')).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: '完成并返回' }).click();
  await expect(page.getByText('已完成 4 / 4 部分。')).toBeVisible();
  await page.getByRole('button', { name: '检查答案' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '检查您的答案' })).toBeVisible();
  await expect(page.getByText('上海市徐汇区漕溪北路 88 号 1201 室')).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('link', { name: '更改 本次提取金额（元）' }).click();
  await page.getByLabel('本次提取金额（元）').fill('4000');
  await page.getByRole('button', { name: '保存并返回检查页' }).click();
  await expect(page.getByText('4000 元')).toBeVisible();

  await page.getByRole('button', { name: '同意并获取验证码' }).click();
  await expect(page.getByText(/验证码已发送至 130\*\*\*\*000\d/)).toBeVisible();
  await page.getByRole('button', { name: '确认签名并提交' }).click();
  await expect(page.getByRole('alert')).toContainText('请输入短信验证码');
  await page.getByLabel('短信验证码').fill(await lastCode(request, person.phone));
  await page.getByRole('button', { name: '确认签名并提交' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '申请已提交' })).toBeVisible();
  const number = (await page.locator('strong').filter({ hasText: /^TB\d{14}$/ }).textContent()) ?? '';
  expect(number).toMatch(/^TB\d{14}$/);
  await expectAccessible(page);
  await openMenu(page);
  await page.getByRole('link', { name: '我的办件' }).first().click();
  const item = page.getByRole('listitem').filter({ hasText: '住房公积金提取（租房）' });
  await expect(item).toContainText('已提交');
  await expect(item).toContainText(number);
  await expectAccessible(page);
  await item.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2, name: '办理进度' })).toBeVisible();
  await expect(page.getByText('已提交申请')).toBeVisible();
});
