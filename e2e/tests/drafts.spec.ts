import { test, expect, expectAccessible, shanghaiDateIn } from './fixtures';
import { signIn } from './people';

function person(desktop: boolean) {
  return desktop ? { id: '310101199107182285' } : { id: '310106198902034174' };
}

test('what is typed survives losing the network and a reload', async ({ page, context }, testInfo) => {
  const { id } = person(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fservices%2FYB-001');
  await signIn(page, id);
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.getByRole('link', { name: '就医信息' }).click();
  await page.getByLabel('异地长期居住').check();
  await page.getByLabel('就医城市').fill('成都');
  await page.getByLabel('备案开始日期').fill(shanghaiDateIn(7));

  await context.setOffline(true);
  await page.getByRole('button', { name: '保存并继续' }).click();
  await expect(page.getByRole('alert')).toContainText('无法连接');
  await expect(page.getByLabel('就医城市')).toHaveValue('成都');
  await context.setOffline(false);

  await page.reload();
  await expect(page.getByText('已恢复您在这台设备上填写但尚未保存的内容')).toBeVisible();
  await expect(page.getByLabel('就医城市')).toHaveValue('成都');
  await expect(page.getByLabel('异地长期居住')).toBeChecked();
  await expectAccessible(page);
  await page.getByRole('button', { name: '保存并继续' }).click();
  await expect(page.getByText(/已完成 1 \/ 3 部分/)).toBeVisible();

  // Saved on the server now: the copy on this device is gone, and the answers stay.
  await page.getByRole('link', { name: '就医信息' }).click();
  await expect(page.getByText('已恢复您在这台设备上填写但尚未保存的内容')).toHaveCount(0);
  await expect(page.getByLabel('就医城市')).toHaveValue('成都');
});
