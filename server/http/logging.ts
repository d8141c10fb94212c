// What the request log may hold: where a request went and how it ended, never what a person typed or who they are.
// Fastify logs every request's address; search terms (`?q=`), return paths and secrets in paths go before it does.
import { maskEmails } from '../lib/redact.js';

/** Paths whose last part is a secret (invitation links, join codes). */
const SECRET_PATHS = ['/invitations/', '/join/'];

/** A path as the router reads it (`/%69nvitations/x` is `/invitations/x`); the raw path when it does not decode. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The address to log: a secret in the path masked, and the value of every query parameter replaced (a search term, a
 * name in a filter, a return address holding either), keeping the names so the log still says what was asked.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const decoded = decodedPath(path);
  const secret = SECRET_PATHS.find((p) => decoded.startsWith(p) && decoded.length > p.length);
  const safePath = secret ? `${secret}[redacted]` : path;
  if (at < 0) return safePath;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=', 1)[0]!.slice(0, 40)}=[redacted]`);
  return names.length > 0 ? `${safePath}?${names.join('&')}` : safePath;
}

interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
  code?: string | number;
  statusCode?: number;
}

/**
 * An error as the log keeps it: its kind, message and stack with e-mail addresses masked, and its code. Everything
 * else a library hangs on an error (a database's `detail` naming the duplicate value, query parameters) stays out.
 */
function serializeError(err: unknown): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: maskEmails(String(err)).slice(0, 2000), stack: '' };
  const { code, statusCode } = err as { code?: unknown; statusCode?: unknown };
  return {
    type: err.constructor?.name ?? 'Error',
    message: maskEmails(err.message),
    stack: maskEmails(err.stack ?? ''),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
  };
}

/** Pino serializers for the app's logger: the request line without secrets or typed values, errors without data. */
export const logSerializers = {
  req(request: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
  err: serializeError,
};
