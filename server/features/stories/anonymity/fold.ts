// One spelling for looking names up: "İbrahim", "Ayşe", "Zoë", "Michał" and "ibrahim", "ayse", "zoe", "michal" are alike.

/** Letters that lose no mark under NFD but are written without it on a Belgian keyboard. */
const PLAIN: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', '’': "'" };

export function foldName(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıłøđßæœ’]/g, (ch) => PLAIN[ch] ?? ch);
}
