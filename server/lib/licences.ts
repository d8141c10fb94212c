// The licences a publication may state (Creative Commons 4.0, CC0, all rights reserved): a key, the deed's address.
// Their names and what they allow are texts in the report's language (i18n reports.licence.<key>).

export const LICENCES = {
  'cc-by-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'cc-by-sa-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'cc-by-nc-4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
  'cc-by-nc-sa-4.0': 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'cc-by-nd-4.0': 'https://creativecommons.org/licenses/by-nd/4.0/',
  'cc-by-nc-nd-4.0': 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
  'cc0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'all-rights-reserved': null,
} as const satisfies Record<string, string | null>;

export type LicenceKey = keyof typeof LICENCES;
export const LICENCE_KEYS = Object.keys(LICENCES) as [LicenceKey, ...LicenceKey[]];

export function isLicenceKey(value: unknown): value is LicenceKey {
  return typeof value === 'string' && Object.hasOwn(LICENCES, value);
}
