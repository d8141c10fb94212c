// Setting up a benchmark through the public API (shared/API.md) of the running real server: people, tokens, a session.
import { ADMIN } from './_servers.js';

export const PASSWORD = 'bench password long enough';

export type Call = (method: string, url: string, body?: unknown) => Promise<any>;

/** A JSON client that answers with the status and the parsed body, whatever the status (the crash harness uses it too). */
export function client(base: string, token: string | null) {
  return async (method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
}

/** The same client, throwing unless the answer is a success (201 or 200 for POST, 200 otherwise); answers the body. */
export function api(base: string, token: string | null): Call {
  const call = client(base, token);
  return async (method, url, body) => {
    const res = await call(method, url, body);
    const expected = method === 'POST' ? [200, 201] : [200];
    if (!expected.includes(res.status))
      throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.json).slice(0, 300)}`);
    return res.json;
  };
}

export async function tokenFor(base: string, email: string, password = PASSWORD): Promise<string> {
  return ((await api(base, null)('POST', '/api/v1/tokens', { email, password })) as { token: string }).token;
}

export async function adminApi(base: string): Promise<Call> {
  return api(base, await tokenFor(base, ADMIN.email, ADMIN.password));
}

/** Creates a person through the API and signs them in for a token. */
export async function person(
  admin: Call,
  base: string,
  email: string,
  role: string,
): Promise<{ id: string; email: string; token: string }> {
  const user = (await admin('POST', '/api/v1/users', { email, name: email.split('@')[0], role, password: PASSWORD })) as { id: string };
  return { id: user.id, email, token: await tokenFor(base, email) };
}

/** Signs in on the page (CSRF token and all) and returns the session cookie, as a browser would hold it. */
export async function sessionCookie(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const first = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: first },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: csrf }).toString(),
  });
  if (res.status !== 303 && res.status !== 302) throw new Error(`sign-in answered ${res.status}`);
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const at = pair!.indexOf('=');
    if (pair!.slice(at + 1) !== '') jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
