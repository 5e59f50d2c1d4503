import { test, expect, expectAccessible, expectNoHorizontalScroll, shanghaiDateIn } from './fixtures';
import { call, provideMaterials, PDF } from './api';
import { fileQuestionPerson, signBySmsAndSubmit, signedInOfficer, signIn } from './people';

test('a question answered with a file, asked only when an earlier answer calls for it, and opened by the officer', async ({ page, browser }, testInfo) => {
  const who = fileQuestionPerson(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fservices%2FYB-001');
  await signIn(page, who.id);
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.getByRole('link', { name: '就医信息' }).click();
  await expect(page.getByLabel('异地工作证明')).toHaveCount(0);
  await page.getByLabel('异地工作', { exact: true }).check();
  await page.getByLabel('就医城市').fill('成都');
  await page.getByLabel('备案开始日期').fill(shanghaiDateIn(7));
  await page.getByRole('button', { name: '保存并继续' }).click();
  await expect(page.getByRole('alert')).toContainText('请上传异地工作证明');
  await expect(page.getByLabel('就医城市')).toHaveValue('成都');

  const upload = page.getByRole('button', { name: '上传', exact: true });
  await page.getByLabel('异地工作证明').setInputFiles({ name: '派驻证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 a program, renamed') });
  await upload.click();
  await expect(page.getByText('只能上传 PDF、JPEG 或 PNG 文件，这个文件的内容不是其中任何一种')).toBeVisible();
  await page.getByLabel('异地工作证明').setInputFiles({ name: '派驻证明.pdf', mimeType: 'application/pdf', buffer: PDF });
  await upload.click();
  await expect(page.getByRole('link', { name: '派驻证明.pdf' })).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: '保存并继续' }).click();
  await expect(page.getByText(/已完成 \d \/ 3 部分/)).toBeVisible();

  // Saved with the page: there after a reload, and kept while the question is hidden and shown again.
  await page.reload();
  await page.getByRole('link', { name: '就医信息' }).click();
  await expect(page.getByRole('link', { name: '派驻证明.pdf' })).toBeVisible();
  await page.getByLabel('异地长期居住').check();
  await expect(page.getByLabel('异地工作证明')).toHaveCount(0);
  await page.getByLabel('异地工作', { exact: true }).check();
  await expect(page.getByRole('link', { name: '派驻证明.pdf' })).toBeVisible();
  await page.getByRole('button', { name: '保存并继续' }).click();

  await page.getByRole('link', { name: '参保人' }).click();
  await page.getByRole('button', { name: '保存并继续' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f]+$/);
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  await provideMaterials(page.context(), page.request, id);
  await page.reload();
  await page.getByRole('button', { name: '检查答案' }).click();
  await expect(page.getByText('派驻证明.pdf')).toBeVisible();
  const number = await signBySmsAndSubmit(page, who.phone);
  expect((await call(page.context(), page.request, `/applications/${id}`)).state).toBe('submitted');

  const { officer, context } = await signedInOfficer(browser, page, testInfo, 'yb01');
  await officer.getByRole('link', { name: new RegExp(number) }).click();
  const file = officer.getByRole('region', { name: '申请内容' }).getByRole('link', { name: '派驻证明.pdf' });
  const opened = await officer.request.get((await file.getAttribute('href')) ?? '');
  expect(opened.headers()['content-type']).toBe('application/pdf');
  await expectAccessible(officer);
  await context.close();
});
