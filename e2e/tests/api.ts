import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { expect, shanghaiDateIn } from './fixtures';
import { lastCode } from './people';

/** Calls the API as the signed-in page would: same cookies, CSRF header from its cookie. */
export async function call(context: BrowserContext, request: APIRequestContext, path: string, body?: unknown) {
  const csrf = (await context.cookies()).find((c) => c.name === 'tb_csrf')?.value ?? '';
  const response = body === undefined
    ? await request.get(`/api/v1${path}`)
    : await request.post(`/api/v1${path}`, { data: body, headers: { 'X-CSRF-Token': csrf } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000054 00000 n \n0000000105 00000 n \ntrailer\n<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** Provides the application's materials through the API: held licences, else a small PDF. */
export async function provideMaterials(context: BrowserContext, request: APIRequestContext, id: string, skip: string[] = []) {
  const materials = await call(context, request, `/applications/${id}/materials`);
  const csrf = (await context.cookies()).find((c) => c.name === 'tb_csrf')?.value ?? '';
  for (const slot of materials.slots) {
    if (skip.includes(slot.code)) continue;
    if (slot.licences.length > 0) {
      await call(context, request, `/applications/${id}/materials/${slot.code}/licence`, { licence_id: slot.licences[0].id, confirmed: true });
    } else {
      const response = await request.post(`/api/v1/applications/${id}/materials/${slot.code}/upload`, {
        data: PDF,
        headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/octet-stream', 'X-Filename': `${slot.code}.pdf` },
      });
      expect(response.ok(), await response.text()).toBeTruthy();
    }
  }
}

/** Answers to the forms the journeys file through the API; the forms themselves are tested elsewhere. */
export type FiledService = 'JT-001' | 'YB-001' | 'GJJ-002' | 'GH-001';

function answersFor(service: FiledService, p: { name: string; id: string; phone: string }): [string, unknown][] {
  const applicant: [string, unknown] = ['applicant', { name: p.name, id_number: p.id, phone: p.phone }];
  switch (service) {
    case 'JT-001':
      return [applicant,
        ['licence', { licence_class: 'C1', expires_on: shanghaiDateIn(60), reason: 'expiry' }],
        ['health', { conditions: ['none'], exam_hospital: '上海市第六人民医院', exam_on: shanghaiDateIn(-3) }],
        ['delivery', { delivery: 'window' }]];
    case 'YB-001':
      return [applicant, ['treatment', { reason: 'resident', city: '杭州', start: shanghaiDateIn(7) }]];
    case 'GJJ-002':
      return [applicant,
        ['tenancy', { address: { district: 'jingan', detail: '南京西路 1000 号 5 楼' }, contract_filed: 'yes', filing_number: '20260005555',
          lease_start: '2026-03-01', lease_end: '2027-02-28', monthly_rent: '6000' }],
        ['withdrawal', { amount: '4500', bank: 'ccb', account: '6217001234567890123' }]];
    case 'GH-001':
      // The buyer is whoever files: for a company, `name` is the company's.
      return [['buyer', { buyer_name: p.name, contact_phone: p.phone }],
        ['property', { location: { district: 'xuhui', detail: '漕溪北路 88 号 3 层' }, unit_number: '310104001001GB00001F00030001',
          use: 'non_residential', contract_number: '202611000123' }]];
  }
}

/** An officer's moves of application `id`, one after the other, through the API. */
export async function moveThroughApi(context: BrowserContext, request: APIRequestContext, id: string, events: string[]) {
  let version = (await call(context, request, `/staff/applications/${id}`)).version;
  for (const event of events) {
    version = (await call(context, request, `/staff/applications/${id}/actions`, { event, version, note: '' })).version;
  }
}

/** Files `service` for the signed-in person on `page` through the API, signed with a text code. */
export async function submitThroughApi(page: Page, service: FiledService, person: { name: string; id: string; phone: string }) {
  const id = await fillThroughApi(page, service, person);
  return submitFilled(page, id, person.phone);
}

/** Starts `service` and answers its pages through the API, but for those named in `except`: the draft's id. */
export async function fillThroughApi(page: Page, service: FiledService, person: { name: string; id: string; phone: string }, except: string[] = []) {
  const context = page.context();
  let detail = await call(context, page.request, '/applications', { service_code: service });
  for (const [name, answers] of answersFor(service, person).filter(([name]) => !except.includes(name))) {
    detail = await call(context, page.request, `/applications/${detail.id}/pages`, { page: name, answers, version: detail.version });
  }
  return detail.id as string;
}

/** Provides the draft's materials, declares and submits it, signed with a text code to `phone`. */
export async function submitFilled(page: Page, id: string, phone: string) {
  const context = page.context();
  await provideMaterials(context, page.request, id);
  const declaration = await call(context, page.request, `/applications/${id}/declaration`, {});
  const code = await lastCode(page.request, phone);
  const submitted = await call(context, page.request, `/applications/${id}/submit`, { digest: declaration.digest, code });
  return { id: submitted.id as string, number: submitted.number as string };
}
