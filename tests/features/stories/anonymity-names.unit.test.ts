// People's names in the anonymity check: known first names, titles with a surname, family words before a name, surname
// particles; names that are also words, months or places only with a context that makes them a person.
import { describe, expect, it } from 'vitest';
import { checkAnonymity } from '../../../server/features/stories/anonymity.js';
import { foldName } from '../../../server/features/stories/anonymity/fold.js';
import { BELGIAN_PLACES, COMMON_WORD_NAMES, FIRST_NAMES } from '../../../server/features/stories/anonymity/name-lists.js';

const names = (text: string) => checkAnonymity(text).flatMap((f) => (f.kind === 'person_name' ? [f.excerpt] : []));

describe('the name lists', () => {
  const first = new Set(FIRST_NAMES.split(' '));

  it('hold the first names of Flemish, Brussels, Moroccan, Turkish, Eastern European, French and English families', () => {
    expect(first.size).toBeGreaterThan(5000);
    const wanted = [
      'lotte',
      'wout',
      'yassine',
      'fatima',
      'ayoub',
      'mehmet',
      'ayse',
      'agnieszka',
      'ioana',
      'dimitar',
      'olena',
      'jean',
      'ines',
      'john',
    ];
    expect(wanted.filter((n) => !first.has(n))).toEqual([]);
  });

  it('are folded, and mark ordinary words and places', () => {
    expect([...first].filter((n) => n !== foldName(n))).toEqual([]);
    expect(COMMON_WORD_NAMES.split(' ')).toEqual(expect.arrayContaining(['will', 'can', 'rose', 'roos', 'door', 'elle', 'mon']));
    expect(BELGIAN_PLACES.split(' ')).toEqual(expect.arrayContaining(['brecht', 'aalst', 'sint-niklaas', 'gent']));
  });
});

describe('finds', () => {
  it('first names of every origin, with accents or without, and their surnames with particles', () => {
    expect(names('Gisteren zag ik Yassine, Ayşe, İbrahim, Michał, Zoë en Inès.')).toEqual([
      'Yassine',
      'Ayşe',
      'İbrahim',
      'Michał',
      'Zoë',
      'Inès',
    ]);
    expect(names('Fatima El Moussaoui, Jan Van den Broeck, Mohamed Ben Ali en Sarah De Smet.')).toEqual([
      'Fatima El Moussaoui',
      'Jan Van den Broeck',
      'Mohamed Ben Ali',
      'Sarah De Smet',
    ]);
    expect(names('We spraken met Marie-Louise en Pieter-Jan over Yassine’s fiets.')).toEqual(['Marie-Louise', 'Pieter-Jan', 'Yassine']);
  });

  it('titles with a surname, in Dutch, French and English', () => {
    expect(names('Ik belde mevrouw Peeters, meneer Janssens, dhr. Claes en Dr. Vermeulen.')).toEqual([
      'mevrouw Peeters',
      'meneer Janssens',
      'dhr. Claes',
      'Dr. Vermeulen',
    ]);
    expect(names('Madame Dubois et M. Lambert ont vu Mr Smith et Mrs O’Neill.')).toEqual([
      'Madame Dubois',
      'M. Lambert',
      'Mr Smith',
      'Mrs O’Neill',
    ]);
  });

  it('any capitalised word after a family word, also a name missing from the lists', () => {
    expect(names('De mama van Zakiya kwam met haar zoon Ilyes en de familie Peeters.')).toEqual(['Zakiya', 'Ilyes', 'Peeters']);
    expect(names("La fille d'Ahmed et le fils de Nadia. Her brother Kwabena.")).toEqual(['Ahmed', 'Nadia', 'Kwabena']);
  });

  it('a name that is also a word when nothing else can be meant: mid-sentence, after a naming word, with a surname', () => {
    expect(names('Gisteren zag ik Roos op de markt. Ze heet Hope. Rose Dubois kwam later.')).toEqual(['Roos', 'Hope', 'Rose Dubois']);
  });
});

describe('gives no warning for', () => {
  it('ordinary words at the start of a sentence that are also names', () => {
    expect(
      names('Hoop doet leven. Will you come? May I help? Ben je er? Door de crisis. Elle est venue. Mon fils dort. Elke dag.'),
    ).toEqual([]);
  });

  it('places, services and organisations, also when named after people', () => {
    expect(names('Ze woont in Brecht en werkt in Jette bij Kind en Gezin, het OCMW en de VDAB in Sint-Niklaas.')).toEqual([]);
    expect(names('AZ Maria Middelares, basisschool Sint Jan, de Jan Palfijnstraat, Avenue Louise, In De Roos, Christmas Eve.')).toEqual([]);
  });

  it('organisations after partner or colleague words, initials, and single letters', () => {
    expect(names('Onze partner Kind en Gezin en een collega van Fedasil. Mevrouw P. kwam. A father I could not reach.')).toEqual([]);
    expect(names('Haar vriendin Roos en my friend Hope kwamen ook.')).toEqual(['Roos', 'Hope']);
  });

  it('months, days, feasts and languages', () => {
    expect(names('In April en Augustus, op Pasen en met Noël spreekt ze Frans en Engels. On Monday in May and June.')).toEqual([]);
  });

  it('a place after a preposition, but the same word as a person', () => {
    expect(names('Ze vliegt naar Sofia. Ze speelt met Sofia.')).toEqual(['Sofia']);
  });
});
