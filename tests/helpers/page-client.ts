// A browser-like client for the HTML pages: keeps cookies and sends the CSRF token of the last page with each form.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** The password of every person the factories make. */
export const PASSWORD = 'a long enough test password';

export class PageClient {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(
    readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
  ) {}

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (match?.[1]) this.csrf = match[1];
    return res;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { ...this.headers, ...this.cookieHeader() } }));
  }

  /** Posts a form as a browser would, with the CSRF token of the session (fetched from `/` when none is known yet). */
  async post(url: string, fields: Record<string, string | string[]> = {}, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (opts.csrf !== false && !this.csrf) await this.get('/');
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    if (opts.csrf !== false && this.csrf) body.set('_csrf', this.csrf);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { ...this.headers, ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    return this.remember(res);
  }

  async signIn(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password });
    this.csrf = null; // the session was regenerated; its CSRF secret is new
    return res;
  }
}
