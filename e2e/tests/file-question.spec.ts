import { test, expect, expectAccessible, expectNoHorizontalScroll } from './fixtures';
import { PDF } from './api';
import { signIn } from './people';

/** Seeded level-2 people; company-apply.spec.ts files for their companies, this one for themselves. */
function person(desktop: boolean) {
  return desktop ? { id: '310114198208150917' } : { id: '310117199006120529' };
}

test('a question answered with a file, asked only when an earlier answer calls for it', async ({ page }, testInfo) => {
  await page.goto('/sign-in?return=%2Fservices%2FYB-001');
  await signIn(page, person(testInfo.project.name === 'desktop').id);
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.getByRole('link', { name: '就医信息' }).click();
  await expect(page.getByLabel('异地工作证明')).toHaveCount(0);
  await page.getByLabel('异地工作', { exact: true }).check();
  await page.getByLabel('就医城市').fill('成都');
  await page.getByLabel('备案开始日期').fill('2026-12-01');
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
});
