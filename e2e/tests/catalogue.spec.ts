import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { people, signIn } from './people';

test.describe('finding a service', () => {
  test('home shows search, themes and most-used services', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '一网通办，一次办成' })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: '搜索服务事项' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '个人办事' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '法人办事' })).toBeVisible();
    await expect(page.getByRole('link', { name: '《上海市居住证》申领' })).toBeVisible();
    await expect(page).toHaveTitle('上海市一网通办');
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  });

  test('browse by theme', async ({ page }) => {
    await page.goto('/');
    // The theme, not the service of the same name among the most used.
    await page.getByRole('link', { name: /^婚姻登记.*项$/ }).click();
    await expect(page).toHaveURL(/theme=marriage/);
    await expect(page.getByRole('status').filter({ hasText: '共找到 1 项服务' })).toBeVisible();
    await expect(page.getByRole('link', { name: '婚姻登记预约（结婚登记）' })).toBeVisible();
    await expect(page.getByLabel('主题')).toHaveValue('marriage');
    await expectAccessible(page);
  });

  for (const [query, expected] of [
    ['居住证', '《上海市居住证》申领'],
    ['jzz', '《上海市居住证》申领'],
    ['公积金 租房', '住房公积金提取（租房）'],
  ]) {
    test(`search for “${query}”`, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('searchbox', { name: '搜索服务事项' }).fill(query);
      await page.getByRole('button', { name: '搜索' }).click();
      await expect(page).toHaveURL(/\/services\?q=/);
      await expect(page.getByRole('link', { name: expected })).toBeVisible();
      await expect(page.getByRole('searchbox', { name: '搜索服务事项' })).toHaveValue(query);
    });
  }

  test('search in English', async ({ page }) => {
    await page.goto('/');
    await openMenu(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('searchbox', { name: 'Search for a service' }).fill('residence permit');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByRole('link', { name: 'Shanghai Residence Permit application' })).toBeVisible();
    await expectAccessible(page);
  });

  test('filter by department and visits, then clear', async ({ page }) => {
    await page.goto('/services');
    const filters = page.locator('details');
    if ((await filters.getAttribute('open')) === null) {
      // Folded on phones: open it as a user would.
      await page.locator('summary', { hasText: '筛选' }).click();
    }
    await page.getByLabel('部门').selectOption('sj');
    await page.getByLabel('跑动次数').selectOption('0');
    await page.getByRole('button', { name: '应用筛选' }).click();
    await expect(page).toHaveURL(/department=sj/);
    await expect(page).toHaveURL(/visits=0/);
    await expect(page.getByRole('status').filter({ hasText: '共找到 5 项服务' })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const cards = page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
    await expect(cards.first()).toBeVisible();
    for (const card of await cards.all()) {
      await expect(card).toContainText('上海市市场监督管理局');
      await expect(card).toContainText('零跑动');
    }
    await expectAccessible(page);
    await page.getByRole('link', { name: '清除筛选' }).click();
    await expect(page).toHaveURL(/\/services$/);
    await expect(page.getByLabel('部门')).toHaveValue('');
  });

  test('paginate, and the back button returns to the previous page', async ({ page }) => {
    await page.goto('/services');
    const firstOnPageOne = await page.getByRole('main').getByRole('heading', { level: 3 }).first().textContent();
    await expect(page.getByText('第 1 页，共 6 页')).toBeVisible();
    await page.getByRole('link', { name: '下一页' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText('第 2 页，共 6 页')).toBeVisible();
    await expect(page.getByRole('link', { name: '第 2 页' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('main').getByRole('heading', { level: 3 }).first()).not.toHaveText(firstOnPageOne!);
    await expectAccessible(page);
    await page.goBack();
    await expect(page.getByText('第 1 页，共 6 页')).toBeVisible();
    await expect(page.getByRole('main').getByRole('heading', { level: 3 }).first()).toHaveText(firstOnPageOne!);
  });

  test('a search page reached by a shared link reloads with the same results', async ({ page }) => {
    await page.goto('/services?q=%E5%85%AC%E7%A7%AF%E9%87%91&audience=individual');
    await expect(page.getByRole('status').filter({ hasText: '共找到 3 项服务' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: '共找到 3 项服务' })).toBeVisible();
    await expect(page.getByLabel('服务对象')).toHaveValue('individual');
  });

  test('an address with values the catalogue cannot use says which ones', async ({ page }) => {
    await page.goto('/services?page=-1&audience=martians');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('网址中的查询条件有误');
    await expect(alert).toContainText('页码: 必须在 1 到 10000 之间');
    await expect(alert).toContainText('服务对象: 不是可选的值');
    await expectAccessible(page);
  });
});

test.describe('reading a guide', () => {
  test('open a guide from the results and go back', async ({ page }) => {
    await page.goto('/services?q=jzz');
    await page.getByRole('link', { name: '《上海市居住证》申领' }).click();
    await expect(page).toHaveURL(/\/services\/GA-001$/);
    await expect(page.getByRole('heading', { level: 1, name: '《上海市居住证》申领' })).toBeVisible();
    await expect(page).toHaveTitle('《上海市居住证》申领 - 上海市一网通办');
    for (const section of ['事项概况', '申请条件', '申请材料', '办理流程', '设定依据', '办理地点']) {
      await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
    }
    await expect(page.getByText('15 个工作日')).toBeVisible();
    await expect(page.getByText('7 个工作日')).toBeVisible();
    await expect(page.getByText('无需提交', { exact: true })).toBeVisible();
    await expect(page.getByText('可用电子证照').first()).toBeVisible();
    await expect(page.getByText('上海市公安局服务窗口')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.goBack();
    await expect(page).toHaveURL(/\/services\?q=jzz$/);
    await expect(page.getByRole('link', { name: '《上海市居住证》申领' })).toBeVisible();
  });

  test('a guide with a fee shows the amount and its basis', async ({ page }) => {
    await page.goto('/services/GA-004');
    await expect(page.getByText('¥120.00')).toBeVisible();
    await expect(page.getByText('按国家规定收取护照工本费120元')).toBeVisible();
  });

  test('deep link and reload', async ({ page }) => {
    await page.goto('/services/SJ-003');
    await expect(page.getByRole('heading', { level: 1, name: '食品经营许可' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '食品经营许可' })).toBeVisible();
  });

  test('apply leads to sign-in, which leads back to the guide', async ({ page }, testInfo) => {
    await page.goto('/services/GA-001');
    await page.getByRole('button', { name: '在线办理' }).click();
    await expect(page).toHaveURL(/\/sign-in\?return=%2Fservices%2FGA-001/);
    await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
    await expectAccessible(page);
    await signIn(page, people(testInfo).account.id);
    await expect(page).toHaveURL(/\/services\/GA-001$/);
    await expect(page.getByRole('heading', { level: 1, name: '《上海市居住证》申领' })).toBeVisible();
    await expect(page.getByRole('button', { name: '开始申请' })).toBeVisible();
  });

  test('switch language on a guide; the choice survives a reload', async ({ page }) => {
    await page.goto('/services/GA-001');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await openMenu(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Shanghai Residence Permit application' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByText('No need to submit', { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Shanghai Residence Permit application' })).toBeVisible();
    await openMenu(page);
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '《上海市居住证》申领' })).toBeVisible();
  });
});

test.describe('when things go wrong', () => {
  test('an unknown service code', async ({ page }) => {
    await page.goto('/services/XX-999');
    await expect(page.getByRole('heading', { level: 1, name: '没有找到该服务' })).toBeVisible();
    await expect(page.getByText('没有编码为“XX-999”的服务事项')).toBeVisible();
    await expectAccessible(page);
  });

  test('an unknown address', async ({ page }) => {
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expectAccessible(page);
  });

  test('the API is down: a clear message and a retry that works once it is back', async ({ page }) => {
    // A page comes with the answers it starts with; going on to another page asks the API.
    await page.goto('/');
    await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
    await page.getByRole('link', { name: '查看全部服务' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('暂时无法连接服务器');
    await expectAccessible(page);
    await page.unroute('**/api/v1/**');
    await alert.getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('status').filter({ hasText: /共找到 \d+ 项服务/ })).toBeVisible();
  });

  test('the API is slow: the page shows it is loading, then the results', async ({ page }) => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.goto('/services');
    await expect(page.getByRole('status').filter({ hasText: /共找到 \d+ 项服务/ })).toBeVisible();
    await page.route('**/api/v1/services?**', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('searchbox', { name: '搜索服务事项' }).fill('jzz');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    // The results shown so far stay, marked busy, until the new ones arrive.
    await expect(page.getByRole('region', { name: /共找到 \d+ 项服务/ })).toHaveAttribute('aria-busy', 'true');
    release();
    await expect(page.getByRole('link', { name: '《上海市居住证》申领' })).toBeVisible();
  });
});
