import { test, expect, expectAccessible, openMenu } from './fixtures';
import { signIn } from './people';

function person(desktop: boolean) {
  return desktop ? { id: '310101199107182285' } : { id: '310106198902034174' };
}

test('the application pages in English', async ({ page }, testInfo) => {
  const { id } = person(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fservices%2FJT-001');
  await signIn(page, id);
  await expect(page).toHaveURL(/\/services\/JT-001$/);
  await openMenu(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByText(/You have completed 0 of \d sections/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Driving licence', exact: true }).click();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Select vehicle class');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Back to the application overview' }).click();
  await page.getByRole('link', { name: 'Materials' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Materials' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/messages');
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/staff/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
  await expectAccessible(page);
});
