import type { Page } from '@playwright/test';
import { call, submitThroughApi } from './api';
import { test, expect, expectAccessible, openMenu } from './fixtures';
import { signedInOfficer, signIn } from './people';

/** Seeded level-2 people and officers only this journey uses, one set per project. */
function cast(desktop: boolean) {
  return desktop
    ? { name: '许诺', id: '310104199502113641', phone: '13011130021', officer: 'gjj05' }
    : { name: '蒋涛', id: '310112197709231259', phone: '13011130022', officer: 'gjj06' };
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;

/** The page's content and title hold no Chinese but the words in `typed`, which people wrote. */
async function expectNoChinese(page: Page, typed: string[]) {
  await expect(page.locator('main')).not.toHaveText(/^$/);
  let text = await page.locator('main').innerText();
  for (const words of typed) text = text.split(words).join('');
  expect(text.match(HAN) ?? [], `${page.url()}:\n${text}`).toEqual([]);
  expect(await page.title()).not.toMatch(HAN);
}

test('the whole application journey read in English shows no Chinese but what people typed', async ({ page, browser }, testInfo) => {
  const who = cast(testInfo.project.name === 'desktop');
  // What people typed stays as typed: the applicant's name (from the register), the answers filed for them.
  const typed = [who.name, '南京西路 1000 号 5 楼'];
  await page.goto('/sign-in?return=%2Fapplications');
  await signIn(page, who.id);
  await expect(page).toHaveURL(/\/applications$/);
  await openMenu(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My applications' })).toBeVisible();
  const { id } = await submitThroughApi(page, 'GJJ-002', who);

  const { officer, context } = await signedInOfficer(browser, page, testInfo, who.officer);
  await expect(officer.getByRole('heading', { level: 1, name: '待办件' })).toBeVisible();
  let version = (await call(context, officer.request, `/staff/applications/${id}`)).version;
  for (const [event, note] of [['accept', ''], ['start_review', ''], ['approve', 'Meets the conditions for withdrawal']]) {
    version = (await call(context, officer.request, `/staff/applications/${id}/actions`, { event, version, note })).version;
  }

  await page.goto('/applications');
  await expect(page.getByRole('heading', { level: 1, name: 'My applications' })).toBeVisible();
  await expectNoChinese(page, typed);
  await page.goto(`/applications/${id}`);
  await expect(page.getByText('Meets the conditions for withdrawal')).toBeVisible();
  await expectNoChinese(page, typed);
  await page.goto(`/applications/${id}/done`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoChinese(page, typed);
  await page.goto('/messages');
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  await expect(page.getByText('approved').first()).toBeVisible();
  await expectNoChinese(page, typed);

  // Rating it, badly.
  await page.goto(`/applications/${id}`);
  await page.getByRole('button', { name: 'Rate this service' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rate how your application was handled' })).toBeVisible();
  await page.getByLabel('Dissatisfied', { exact: true }).check();
  await page.getByLabel('Took longer than promised').check();
  await page.getByRole('button', { name: 'Send rating' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Thank you: your rating has been received.' })).toBeVisible();
  await expectNoChinese(page, typed);
  await expectAccessible(page);

  // Asking about it: the acknowledgement, the message and the ticket, in English.
  await page.getByRole('link', { name: 'Back to your application' }).first().click();
  await expect(page.getByRole('region', { name: 'Your rating' })).toBeVisible();
  await expectNoChinese(page, typed);
  await page.getByRole('link', { name: 'A question or complaint about this application? Contact us' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact us' })).toBeVisible();
  await page.getByLabel('Question', { exact: true }).check();
  await page.getByLabel('Subject').fill('When is the money paid');
  await page.getByLabel('Your message').fill('When will it reach my account?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Received: we have passed it to the department responsible.' })).toBeVisible();
  await expectNoChinese(page, typed);
  await page.getByRole('link', { name: 'Follow this enquiry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'When is the money paid' })).toBeVisible();
  await expectNoChinese(page, typed);
  await expectAccessible(page);
  await page.goto('/messages');
  await expect(page.getByText(/Enquiry KF\d{14}: received/)).toBeVisible();
  await expectNoChinese(page, typed);
  await context.close();
});
