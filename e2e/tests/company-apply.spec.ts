import { test, expect, expectAccessible, expectNoHorizontalScroll, openMenu } from './fixtures';
import { PDF } from './api';
import { companyFiling, signBySmsAndSubmit, signedInOfficer, signIn } from './people';

async function continuePage(page: import('@playwright/test').Page) {
  await page.getByRole('button', { name: '保存并继续' }).click();
}

test('an agent files a food business licence for the company; the officer refuses it on a provision of the guide', async ({ page, browser }, testInfo) => {
  const who = companyFiling(testInfo.project.name === 'desktop');
  await page.goto('/sign-in?return=%2Fservices%2FSJ-003');
  await signIn(page, who.id);
  await expect(page.getByRole('heading', { level: 1, name: '食品经营许可' })).toBeVisible();
  await page.getByRole('button', { name: '开始申请' }).click();
  await expect(page.getByRole('alert')).toContainText('该事项由企业申请：请先在页头把办事身份切换为企业');

  await openMenu(page);
  await page.getByLabel('办事身份').selectOption({ label: who.company });
  await expect(page.getByRole('status').filter({ hasText: `正在以“${who.company}”的身份办事，经办人 ${who.agent}` })).toBeVisible();
  await page.getByRole('button', { name: '开始申请' }).click();
  await expect(page.getByText('已完成 0 / 3 部分。')).toBeVisible();
  await expect(page.locator('#main').getByText(who.company)).toBeVisible();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await page.getByRole('link', { name: '经营者' }).click();
  await expect(page.getByText('部分内容已根据您的账户信息预先填写')).toBeVisible();
  await expect(page.getByLabel('企业名称')).toHaveValue(who.company);
  await expect(page.getByLabel('统一社会信用代码')).toHaveValue(who.code);
  await expect(page.getByLabel('经办人手机号码')).toHaveValue(who.phone);
  await continuePage(page);

  await page.getByRole('link', { name: '经营项目' }).click();
  await expect(page.getByLabel('就餐座位数')).toHaveCount(0);
  await page.getByLabel('餐饮服务经营者').check();
  await page.getByLabel('热食类食品制售').check();
  await page.getByLabel('自制饮品制售').check();
  await page.getByLabel('就餐座位数').fill('-3');
  await page.getByLabel('经营场所面积（平方米）').fill('120');
  await continuePage(page);
  await expect(page.getByRole('alert')).toContainText('就餐座位数');
  await expect(page.getByLabel('经营场所面积（平方米）')).toHaveValue('120');
  await expect(page.getByLabel('热食类食品制售')).toBeChecked();
  await page.getByLabel('就餐座位数').fill('40');
  await continuePage(page);
  await expect(page.getByRole('heading', { level: 1, name: '经营场所' })).toBeVisible();
  await page.getByLabel('所在区').selectOption({ label: '嘉定区' });
  await page.getByLabel('街道、门牌号和房间号').fill('嘉定镇街道城中路 20 号 1 楼');
  await page.getByLabel('食品安全管理员姓名').fill('田刚');
  await page.getByLabel('食品安全管理员身份证号码').fill('310118197503010417');
  await continuePage(page);
  await expect(page.getByRole('alert')).toContainText('身份证号码');
  await page.getByLabel('食品安全管理员身份证号码').fill('310118197503010416');
  await continuePage(page);
  await expect(page.getByText('已完成 2 / 3 部分。')).toBeVisible();

  // The company's business licence is in the e-licence library; the rest are uploaded.
  await page.getByRole('link', { name: '申请材料' }).click();
  const licence = page.getByRole('region', { name: /^营业执照/ });
  await expect(licence.getByText(who.code)).toBeVisible();
  await licence.getByLabel('我已核对以上电子证照信息，同意用于本次申请').check();
  await licence.getByRole('button', { name: '使用电子证照' }).click();
  await expect(licence.getByText('已提供')).toBeVisible();
  for (const name of ['经营场所使用证明', '经营场所平面布局图及设备布局图', '食品安全管理制度文本', '食品安全管理人员证明', '从业人员健康证明']) {
    const slot = page.getByRole('region', { name: new RegExp(`^${name}`) });
    await slot.getByLabel('上传文件').setInputFiles({ name: `${name}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await slot.getByRole('button', { name: '上传', exact: true }).click();
    await expect(slot.getByText('已提供')).toBeVisible();
  }
  await expectAccessible(page);
  await page.getByRole('button', { name: '完成并返回' }).click();
  await expect(page.getByText('已完成 3 / 3 部分。')).toBeVisible();

  await page.getByRole('button', { name: '检查答案' }).click();
  await expect(page.getByText('上海市嘉定区嘉定镇街道城中路 20 号 1 楼')).toBeVisible();
  await expect(page.getByText('电子证照：营业执照')).toBeVisible();
  await expectAccessible(page);
  const number = await signBySmsAndSubmit(page, who.phone);

  const { officer, context: officerContext } = await signedInOfficer(browser, page, testInfo, who.officer);
  await officer.getByRole('link', { name: new RegExp(number) }).click();
  await expect(officer.getByText(who.company).first()).toBeVisible();
  await expect(officer.getByText('核验有效')).toBeVisible();
  await officer.getByLabel('受理', { exact: true }).check();
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByText('已完成操作，申请人已收到消息和短信。')).toBeVisible();
  await officer.getByLabel('开始审查', { exact: true }).check();
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByRole('strong').filter({ hasText: '审查中' })).toBeVisible();

  await officer.getByLabel('不予批准', { exact: true }).check();
  await officer.getByRole('button', { name: '确认' }).click();
  const summary = officer.getByRole('alert');
  await expect(summary).toContainText('请写明理由');
  await expect(summary).toContainText('请选择决定所依据的法律条款');
  await officer.getByLabel('理由', { exact: true }).fill('经现场核查，经营场所与生活区未有效分隔，不符合食品安全要求');
  await officer.getByLabel('《中华人民共和国食品安全法》第三十五条').check();
  await expectAccessible(officer);
  await officer.getByRole('button', { name: '确认' }).click();
  await expect(officer.getByRole('strong').filter({ hasText: '未批准' })).toBeVisible();
  await officerContext.close();

  await page.goto('/applications');
  // The representative may be filing for the same company meanwhile (decisions.spec.ts).
  const item = page.getByRole('listitem').filter({ hasText: number });
  await expect(item).toContainText('食品经营许可');
  await item.getByRole('link').first().click();
  const decision = page.getByRole('region', { name: '不予批准决定' });
  await expect(decision).toContainText('《中华人民共和国食品安全法》第三十五条');
  await expect(decision).toContainText('六十日内依法申请行政复议');
  await expect(page.getByText(/承诺于 .* 前办结/)).toHaveCount(0);
  await openMenu(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('region', { name: 'Decision: not approved' })).toContainText('Food Safety Law of the PRC, Art. 35');
  await expectAccessible(page);
  await openMenu(page);
  await page.getByRole('button', { name: '中文' }).click();
  const timeline = page.getByRole('region', { name: '办理进度' });
  await expect(timeline).toContainText('经营场所与生活区未有效分隔');
  await expect(timeline).toContainText('依据：《中华人民共和国食品安全法》第三十五条');
  await expectAccessible(page);
  await page.goto('/messages');
  const message = page.getByRole('listitem').filter({ hasText: number }).first();
  await expect(message).toContainText('行政复议');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
});
