// The cover logo: only a real PNG or JPEG within 2 MB passes; it is resized to fit the cover and stripped of metadata.
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { publicationScenario } from '../../helpers/publications.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

async function image(width: number, height: number, format: 'png' | 'jpeg'): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: '#12355b' } }).withMetadata({
    exif: { IFD0: { Copyright: 'Secret Camera Owner' } },
  });
  return format === 'png' ? base.png().toBuffer() : base.jpeg().toBuffer();
}

function put(token: string, id: string, body: Buffer, type: string) {
  return app.inject({
    method: 'PUT',
    url: `/api/v1/publications/${id}/logo`,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    payload: body,
  });
}

describe('PUT /api/v1/publications/:id/logo', () => {
  it('keeps a PNG or JPEG resized to fit the cover, without its metadata, and removes it again', async () => {
    const { facilitator, publication } = await publicationScenario(app);
    const big = await put(facilitator.token, publication.id, await image(2400, 600, 'png'), 'image/png');
    expect(big.statusCode).toBe(200);
    expect(big.json().logo).toEqual({ type: 'image/png', width: 900, height: 225 });
    const small = await put(facilitator.token, publication.id, await image(300, 200, 'jpeg'), 'image/jpeg');
    expect(small.json().logo).toEqual({ type: 'image/jpeg', width: 300, height: 200 });
    const stored = await app.db.selectFrom('publications').select('logo').where('id', '=', publication.id).executeTakeFirstOrThrow();
    const meta = await sharp(Buffer.from(stored.logo!, 'base64')).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/publications/${publication.id}/logo`,
      headers: { authorization: `Bearer ${facilitator.token}` },
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().logo).toBeNull();
  });

  it('refuses what is no real image (whatever its type says), a GIF, a broken PNG and an image over 2 MB, naming the field', async () => {
    const { facilitator, observer, publication } = await publicationScenario(app);
    const png = await image(40, 40, 'png');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    const cases: Array<[Buffer, string, string]> = [
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'image/png', 'This is not a PNG or JPEG image'],
      [gif, 'image/png', 'This is not a PNG or JPEG image'],
      [Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]), 'image/png', 'This is not a PNG or JPEG image'],
      [Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024, 0)]), 'image/png', 'The image is larger than 2 MB'],
    ];
    for (const [body, type, message] of cases) {
      const res = await put(facilitator.token, publication.id, body, type);
      expect(res.statusCode, message).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().errors).toEqual([{ path: 'logo', message }]);
    }
    const text = await put(facilitator.token, publication.id, png, 'text/plain');
    expect(text.statusCode).toBe(400);
    expect(text.headers['content-type']).toMatch(/problem\+json/);
    expect((await put(facilitator.token, publication.id, Buffer.alloc(3 * 1024 * 1024), 'image/png')).statusCode).toBe(413);
    expect((await put(observer.token, publication.id, png, 'image/png')).statusCode).toBe(403);
    expect((await put(facilitator.token, 'nope', png, 'image/png')).statusCode).toBe(404);
  });
});
