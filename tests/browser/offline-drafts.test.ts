// Offline drafts in a real browser: the network is cut while a story is written and sent, the story stays on the
// device, and once the network is back it reaches the server; the app is installable (manifest, service worker).
import { describe, expect, it } from 'vitest';
import { axeViolations, signInThroughForm, useBrowserAndServer, watchPageProblems } from '../helpers/browser.js';
import { api, makeUser, PASSWORD, tokenFor } from '../helpers/factories.js';

const suite = useBrowserAndServer();

describe('offline drafts', () => {
  it('keeps a story written offline on the device and saves it when the network is back', async () => {
    const { app, baseUrl } = suite.server;
    const teller = await makeUser(app, { role: 'storyteller', locale: 'en' });
    const context = await suite.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, baseUrl, teller.email, PASSWORD);
    await page.goto(`${baseUrl}/stories/new`);
    // The installable app: a manifest, and a service worker for the whole site.
    expect(await page.getAttribute('link[rel="manifest"]', 'href')).toBe('/public/manifest.webmanifest');
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => new URL(r.scope).pathname));
    expect(scope).toBe('/');

    await context.setOffline(true);
    await page.check('#field-anonymous-yes');
    await page.fill('#field-title', 'Written on the bus');
    await page.fill('#field-story', 'The signal dropped between two villages, the story did not.');
    await page.fill('#field-significance', 'Because the family asked for help themselves.');
    await page.click('button[name="action"][value="draft"]');
    await page.waitForFunction(() => (document.querySelector('.offline-status')?.textContent ?? '').includes('kept on this device'));
    expect(new URL(page.url()).pathname).toBe('/stories/new');
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('significant:story:')));
    expect(stored).toHaveLength(1);
    expect(await axeViolations(page)).toEqual([]);

    const reader = api(app, await tokenFor(app, teller));
    const before = (await reader.get('/api/v1/stories?status=draft')).json() as { items: Array<{ title: string }> };
    expect(before.items.map((s) => s.title)).not.toContain('Written on the bus');

    await Promise.all([page.waitForURL((url) => url.pathname !== '/stories/new', { timeout: 20_000 }), context.setOffline(false)]);
    const after = (await reader.get('/api/v1/stories?status=draft')).json() as {
      items: Array<{ title: string; story: string; anonymous: boolean; author_name: string | null }>;
    };
    const saved = after.items.find((s) => s.title === 'Written on the bus');
    expect(saved?.story).toBe('The signal dropped between two villages, the story did not.');
    expect(saved?.anonymous).toBe(true);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('significant:story:')))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('serves the manifest and the service worker for the whole site', async () => {
    const manifest = await suite.server.app.inject({ method: 'GET', url: '/public/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toContain('application/manifest+json');
    expect(manifest.json()).toMatchObject({ start_url: '/', display: 'standalone' });
    const worker = await suite.server.app.inject({ method: 'GET', url: '/public/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['service-worker-allowed']).toBe('/');
  });
});
