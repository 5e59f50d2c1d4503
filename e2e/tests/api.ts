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

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

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
