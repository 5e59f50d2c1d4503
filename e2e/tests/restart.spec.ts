import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test, expect, expectAccessible } from './fixtures';
import { restartDraftPerson, signIn } from './people';

// Run by `cargo xtask test` in two phases: the draft is saved, the server is killed (no
// shutdown, as in a crash) and started again on the same database, then the draft is looked for.

/** Where a project keeps the address of its draft between the phases. */
function stateFile(project: string): string {
  return `${process.env.RESTART_STATE}-${project}`;
}

test('a draft is saved before the server crashes @restart-before', async ({ page }, testInfo) => {
  await page.goto('/sign-in?return=%2Fservices%2FGA-001');
  await signIn(page, restartDraftPerson(testInfo.project.name === 'desktop').id);
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.getByRole('link', { name: '居住情况' }).click();
  await page.getByLabel('所在区').selectOption({ label: '普陀区' });
  await page.getByLabel('街道、门牌号和房间号').fill('真北路 1500 号 7 号楼 402 室');
  await page.getByLabel('居住登记日期').fill('2025-09-01');
  await page.getByLabel('租赁住房').check();
  await page.getByLabel('房东联系电话').fill('13912345678');
  await page.getByRole('button', { name: '保存并继续' }).click();
  await expect(page.getByText('已完成 1 / 5 部分。')).toBeVisible();
  writeFileSync(stateFile(testInfo.project.name), page.url());
});

test('the draft is all there after the server restarts @restart-after', async ({ page }, testInfo) => {
  const file = stateFile(testInfo.project.name);
  expect(existsSync(file), 'the draft saved before the restart').toBeTruthy();
  const url = readFileSync(file, 'utf8');
  await page.goto(`/sign-in?return=${encodeURIComponent(new URL(url).pathname)}`);
  await signIn(page, restartDraftPerson(testInfo.project.name === 'desktop').id);
  await expect(page.getByText('已完成 1 / 5 部分。')).toBeVisible();
  await page.getByRole('link', { name: '居住情况' }).click();
  await expect(page.getByLabel('所在区')).toHaveValue('putuo');
  await expect(page.getByLabel('街道、门牌号和房间号')).toHaveValue('真北路 1500 号 7 号楼 402 室');
  await expect(page.getByLabel('居住登记日期')).toHaveValue('2025-09-01');
  await expect(page.getByLabel('租赁住房')).toBeChecked();
  await expect(page.getByLabel('房东联系电话')).toHaveValue('13912345678');
  await expectAccessible(page);
});
