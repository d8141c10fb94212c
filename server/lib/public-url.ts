// Where the links people are handed point: PUBLIC_URL and nothing else. A request's Host header is whatever its sender
// wrote, so no link (in a mail, an answer, a page) is ever built from it.
import type { Config } from '../config.js';

type WithPublicUrl = Pick<Config, 'PUBLIC_URL'>;

/** PUBLIC_URL without its trailing slash, or '' when it is not set (a link is then a path on this server). */
export function publicBase(config: WithPublicUrl): string {
  return config.PUBLIC_URL?.replace(/\/+$/, '') ?? '';
}

/** The address of `path` (which starts with '/'): absolute under PUBLIC_URL, else the path alone. */
export function publicLink(config: WithPublicUrl, path: string): string {
  return `${publicBase(config)}${path}`;
}

/** Whether a link can be absolute, as a mail needs it: only when PUBLIC_URL is set. */
export function hasPublicUrl(config: WithPublicUrl): boolean {
  return publicBase(config) !== '';
}
