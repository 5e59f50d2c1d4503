import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { expect } from './fixtures';

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
