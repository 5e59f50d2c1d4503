import { call, provideMaterials } from './api';
import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { lastCode, signedInOfficer, signIn } from './people';

/** A seeded company's legal representative and a market-regulation officer, one set per project. */
function cast(desktop: boolean) {
  return desktop
    ? { rep: '田刚', id: '310118197503010416', phone: '13011130011', company: '上海嘉定味道餐饮有限公司', short: '嘉定味道', code: '91310114MA1N5R7K29', officer: 'sj03' }
    : { rep: '邓丽', id: '310120198809090320', phone: '13011130012', company: '上海松江轻食餐饮有限公司', short: '松江轻食', code: '91310117MA1P8T3W6L', officer: 'sj04' };
}

test('a licence issued to a company is published in the register anyone can search', async ({ page, browser }, testInfo) => {
  const who = cast(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fapplications');
  await signIn(page, who.id);
  await expect(page).toHaveURL(/\/applications$/);
  await openMenu(page);
  await page.getByLabel('办事身份').selectOption({ label: who.company });
  await expect(page.getByRole('status').filter({ hasText: `正在以“${who.company}”的身份办事` })).toBeVisible();

  // Filed through the API: the journey itself is company-apply.spec.ts.
  const context = page.context();
  let detail = await call(context, page.request, '/applications', { service_code: 'SJ-003' });
  const pages: [string, unknown][] = [
    ['company', { company_name: who.company, credit_code: who.code, agent_phone: who.phone }],
    ['activities', { business_kind: 'shop', items: ['prepacked'], area: '60' }],
    ['premises', { premises: { district: 'jiading', detail: '城中路 20 号' }, safety_officer: who.rep, safety_officer_id: who.id }],
  ];
  for (const [name, answers] of pages) {
    detail = await call(context, page.request, `/applications/${detail.id}/pages`, { page: name, answers, version: detail.version });
  }
  await provideMaterials(context, page.request, detail.id);
  const declaration = await call(context, page.request, `/applications/${detail.id}/declaration`, {});
  const code = await lastCode(page.request, who.phone);
  const submitted = await call(context, page.request, `/applications/${detail.id}/submit`, { digest: declaration.digest, code });

  const { officer, context: officerContext } = await signedInOfficer(browser, page, testInfo, who.officer);
  await officer.getByRole('link', { name: new RegExp(submitted.number) }).click();
  for (const [action, state] of [['受理', '已受理'], ['开始审查', '审查中'], ['批准', '已批准'], ['出具结果', '已出证']]) {
    await officer.getByLabel(action, { exact: true }).check();
    await officer.getByRole('button', { name: '确认' }).click();
    await expect(officer.getByRole('strong').filter({ hasText: state })).toBeVisible();
  }
  await officerContext.close();

  // Anyone, signed in or not.
  const visitor = await browser.newContext({ locale: 'zh-CN', viewport: page.viewportSize() ?? undefined, baseURL: testInfo.project.use.baseURL });
  const register = await visitor.newPage();
  await register.goto('/');
  await register.getByRole('link', { name: '行政许可结果公示' }).click();
  await expect(register.getByRole('heading', { level: 1, name: '行政许可结果公示' })).toBeVisible();
  await register.getByLabel('查询公示结果').fill(who.short);
  await register.getByRole('button', { name: '搜索' }).click();
  await expect(register).toHaveURL(new RegExp(`/decisions\\?q=`));
  await expect(register.getByRole('status').filter({ hasText: '共 1 条公示' })).toBeVisible();
  const entry = register.getByRole('listitem').filter({ has: register.getByRole('heading', { name: who.company }) });
  await expect(entry).toContainText(who.code);
  await expect(entry).toContainText(`食品经营许可证 ${submitted.number}`);
  await expect(entry).toContainText('上海市市场监督管理局');
  await expectAccessible(register);
  await expectNoHorizontalScroll(register);

  await register.getByLabel('查询公示结果').fill(who.code);
  await register.getByRole('button', { name: '搜索' }).click();
  await expect(entry).toBeVisible();
  await entry.getByRole('link', { name: '食品经营许可' }).click();
  await expect(register.getByRole('heading', { level: 1, name: '食品经营许可' })).toBeVisible();
  await register.goto(`/decisions?q=${encodeURIComponent(who.code)}`);
  await openMenu(register);
  await register.getByRole('button', { name: 'English' }).click();
  await expect(register.getByRole('heading', { level: 1, name: 'Register of licensing decisions' })).toBeVisible();
  await expect(entry).toContainText(`Food business licence ${submitted.number}`);
  await expectAccessible(register);
  await openMenu(register);
  await register.getByRole('button', { name: '中文' }).click();
  await register.goto('/decisions?q=张伟');
  await expect(register.getByText('没有符合条件的公示结果。')).toBeVisible();
  await register.goto('/decisions?page=0');
  await expect(register.getByRole('alert')).toContainText('必须在 1 到 10000 之间');
  await visitor.close();
});
