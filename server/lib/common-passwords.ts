// The well-known lists of leaked passwords (zxcvbn's common list), for refusing them as new passwords.
import { createRequire } from 'node:module';

// The package holds compressed word lists that take a while to unpack: it is loaded on the first password checked,
// not at every server start (a plain require from node_modules, which the bundle leaves alone).
const load = createRequire(import.meta.url);

let common: Set<string> | undefined;
/** True for a password on the well-known lists of leaked passwords (case-insensitive); loaded once, on first use. */
export function isCommonPassword(password: string): boolean {
  if (!common) {
    const { dictionary } = load('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return common.has(password.trim().toLowerCase());
}
