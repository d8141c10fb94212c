// Street addresses in Dutch, English and French: a street word followed by a house number ("Kerkstraat 12",
// "Grote Markt 3 bus 2", "12 Church Street", "Rue de la Loi 16"), found in linear time.
import { collect, type Finding } from './finding.js';
import { isCapitalised, MAX_WORD, spaceBetween, tokenize } from './tokens.js';

const NL_STREET_SUFFIX =
  'straat|laan|weg|steenweg|plein|markt|dreef|lei|kaai|dijk|singel|gracht|pad|hof|park|baan|berg|veld|wal|kade|vest|dam|dries|meers|kouter|hoek|plaats|ring|boulevard|heide|bos|akker|beemd|kerkhof|wijk|vliet|gaarde';
function capitalised(alternatives: string): string {
  return alternatives
    .split('|')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('|');
}
/** A capitalised word ending in a street suffix ("Kerkstraat", "Markt"); tested on one word, anchored, so bounded. */
const NL_STREET_WORD = new RegExp(`^(?=\\p{Lu})[\\p{L}\\p{M}'’-]*(?:${NL_STREET_SUFFIX}|${capitalised(NL_STREET_SUFFIX)})$`, 'u');
/** A street's name, written in any case: "jan palfijnstraat" is no surname. */
const STREET_SUFFIX = new RegExp(`(?:${NL_STREET_SUFFIX})$|^(?:street|road|avenue|lane|drive|square)$`);
export function isStreetWord(folded: string): boolean {
  return folded.length <= MAX_WORD && STREET_SUFFIX.test(folded);
}
/** Count words that follow a number in prose ("de markt 3 keer"): never a house number then. */
const NOT_A_HOUSE =
  'kinderen|kind|jaar|jaren|keer|maal|uur|uren|dagen|dag|weken|week|maanden|maand|minuten|euro|procent|personen|mensen|gezinnen|ouders|times|years|year|hours|days|weeks|months|minutes|people|children|families|kids|x';
/** The house number right after a street word, tried at one position only (sticky) with bounded quantifiers. */
const HOUSE_NUMBER = new RegExp(
  `\\s{1,3}\\d{1,4}(?:\\s?[A-Za-z](?!\\p{L}))?(?:\\s{0,3}(?:bus|b\\.|/)\\s{0,3}\\d{1,4}[A-Za-z]?)?(?!\\d|[.,]\\d|\\s{0,3}(?:${NOT_A_HOUSE})\\b|\\s{0,3}[%€])`,
  'uy',
);
/** Capitalised words before the street word that belong to its name ("Grote Markt", "Lange Nieuwstraat"). */
const MAX_WORDS_BEFORE = 3;

/** Dutch street addresses, word by word: each word is looked at a constant number of times. */
function findDutchAddresses(text: string, into: Finding[]): void {
  const tokens = tokenize(text);
  tokens.forEach((token, i) => {
    if (token.text.length > MAX_WORD || !NL_STREET_WORD.test(token.text)) return;
    HOUSE_NUMBER.lastIndex = token.end;
    const house = HOUSE_NUMBER.exec(text);
    if (!house) return;
    let first = i;
    while (first > 0 && i - first < MAX_WORDS_BEFORE) {
      const before = tokens[first - 1]!;
      if (!isCapitalised(before.text) || !spaceBetween(text, before, tokens[first]!)) break;
      first -= 1;
    }
    const start = tokens[first]!.start;
    const end = token.end + house[0].length;
    into.push({ kind: 'address', excerpt: text.slice(start, end), start, end });
  });
}

const EN_ADDRESS =
  /(?<![\w.,])\d{1,4}[A-Za-z]?\s{1,3}(?:[A-Z][a-z'-]{1,40}\s{1,3}){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Drive|Way|Close|Court|Place|Square|Terrace|Crescent|Grove|Gardens|Boulevard|Row|Hill|Walk|Mews)(?![\p{L}])/gu;
/** Brussels and Wallonia: "Rue de la Loi 16", "Avenue Louise 54". */
const FR_ADDRESS =
  /(?<![\p{L}])(?:Rue|Avenue|Chaussée|Boulevard|Place|Square|Quai|Allée|Impasse)\s{1,3}(?:[\p{L}'-]{1,40}\s{1,3}){1,4}\d{1,4}(?:\s?[A-Za-z](?![\p{L}]))?(?!\d|[.,]\d|\s{0,3}[%€])/gu;

export function findAddresses(text: string, into: Finding[]): void {
  findDutchAddresses(text, into);
  collect(text, EN_ADDRESS, 'address', (m) => m, into);
  collect(text, FR_ADDRESS, 'address', (m) => m, into);
}
