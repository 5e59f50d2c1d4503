import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { companyToBind, people, signIn } from './people';

test('bind a company, then add and remove an agent', async ({ page }, testInfo) => {
  const { account } = people(testInfo);
  const company = companyToBind(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Faccount');
  await signIn(page, account.id);
  await expect(page.getByRole('heading', { level: 2, name: '我的企业' })).toBeVisible();

  const codeField = page.getByLabel('统一社会信用代码');
  await codeField.fill(company.code.slice(0, 17) + '0');
  await page.getByRole('button', { name: '绑定', exact: true }).click();
  await expect(page.getByRole('alert').getByText('请输入 18 位统一社会信用代码')).toBeVisible();
  await expect(codeField).toHaveValue(company.code.slice(0, 17) + '0');
  await codeField.fill(company.code);
  await page.getByRole('button', { name: '绑定', exact: true }).click();
  await expect(page.getByText('企业已绑定。')).toBeVisible();

  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: company.name }) });
  await expect(item.getByText('法定代表人')).toBeVisible();
  await expect(item.getByText('还没有经办人。')).toBeVisible();
  await item.getByRole('button', { name: '添加经办人' }).click();
  await expect(item.getByRole('alert')).toContainText('请至少选择一项');
  // Agents are found among real-name verified accounts only.
  await item.getByLabel('经办人身份证号码').fill(people(testInfo).quietAccount.id);
  await item.getByLabel('申办事项').check();
  await item.getByRole('button', { name: '添加经办人' }).click();
  await expect(item.getByRole('alert')).toContainText('该身份证号码还没有实名认证的账户');
  await item.getByLabel('申办事项').uncheck();
  await item.getByLabel('经办人身份证号码').fill(company.agentId);
  await item.getByLabel('申办事项').check();
  await item.getByLabel('缴费').check();
  await item.getByRole('button', { name: '添加经办人' }).click();
  await expect(item.getByText('已添加经办人。')).toBeVisible();
  const agent = item.getByRole('listitem').filter({ hasText: company.agentName });
  await expect(agent).toContainText('申办事项、缴费');
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  await item.getByRole('button', { name: `移除经办人 ${company.agentName}` }).click();
  await expect(item.getByText(company.agentName)).toHaveCount(0);
  await expect(item.getByText('还没有经办人。')).toBeVisible();
});

test('act for a company from the header, and back', async ({ page }, testInfo) => {
  const { account } = people(testInfo);
  await page.goto('/sign-in?return=%2Faccount');
  await signIn(page, account.id);
  await expect(page).toHaveURL(/\/account$/);
  await openMenu(page);
  const acting = page.getByLabel('办事身份');
  await expect(acting).toHaveValue('');
  await acting.selectOption({ label: '上海通办示范科技有限公司' });
  await expect(page.getByRole('status').filter({ hasText: `正在以“上海通办示范科技有限公司”的身份办事，经办人 ${account.name}` })).toBeVisible();
  await page.reload();
  await openMenu(page);
  await expect(page.getByLabel('办事身份')).toHaveValue('91310101MA1FPX0T5D');
  await expectAccessible(page);
  await page.getByLabel('办事身份').selectOption('');
  await expect(page.getByText('正在以“上海通办示范科技有限公司”的身份办事')).toHaveCount(0);
  await page.reload();
  await openMenu(page);
  await expect(page.getByLabel('办事身份')).toHaveValue('');
  await expect(page.getByRole('table')).toContainText('切换办事身份');
});
