// The well-known lists of leaked passwords (zxcvbn's common list), for refusing them as new passwords.
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;
/** True for a password on the well-known lists of leaked passwords (case-insensitive); loaded once, on first use. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(zxcvbnCommon.dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.trim().toLowerCase());
}
