// The anonymity check: what identifies a family is found, ordinary prose in Dutch and English gives no warnings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAnonymity,
  checkFields,
  inContext,
  isIban,
  isNationalNumber,
  isPhoneNumber,
} from '../../../server/features/stories/anonymity.js';

const kinds = (text: string) => checkAnonymity(text).map((f) => [f.kind, f.excerpt]);

describe('ordinary prose gives no warnings', () => {
  const paragraphs = [
    // Dutch: years, ages, times, house visits, amounts, percentages, counts, dates that are no birth dates.
    `Ik leerde het gezin kennen in het najaar van 2021. Mama is 34 jaar en alleen met 3 kinderen; de jongste is 4.
     Op dinsdag 12 maart 2022 om 14.30 uur deed ik een eerste huisbezoek. Ze betaalde toen €1.250 huur, bijna 60% van haar inkomen.
     Tussen 2019-2020 en 2023 verhuisde ze twee keer. Na 6 maanden en 14 huisbezoeken vond ze werk voor 19 uur per week.`,
    `We spraken af aan de schoolpoort om 8.45. De oudste zit in het 5de leerjaar en haalde 78 op 100 voor wiskunde.
     In 2018 ging het mis: het OCMW betaalde € 2.300,50 aan achterstallige facturen. Sinds 1 september 2023 werkt ze 4/5.
     Het project liep van 2021 tot 2023 in 15 organisaties, met 25 verhalen en 5 bijeenkomsten. Op de markt 3 keer per week.`,
    `Vader (52) kwam naar het onthaal op 03/10/2022. We zaten samen aan tafel van 10u tot 11u30. De wachtlijst telde 120 gezinnen.
     Ze kregen een leefloon van 1.264,12 euro. De school ligt op 2 km; de bus van 7.12 rijdt om de 20 minuten.
     Het telefoonnummer van het OCMW staat op de website; bel in nood 112 of 1712.`,
    `Elke dinsdag van 09.00-12.00 zit ik in het buurthuis. Dossier 2023/145 werd op 5/6 afgesloten, na 3 x 2 uur overleg.
     Met Kind en Gezin, het CAW en de Werkwinkel zochten we samen. Ze kreeg 0,5% korting en betaalde nog € 87,50 per maand.
     De trein van 17u04 bracht haar naar Gent; 9000 is haar postcode niet meer. Zo'n 1 op 4 gezinnen in de wijk leeft in armoede.`,
    // English.
    `I first met the family in the spring of 2020. The mother, aged 29, looks after 3 children on her own.
     On 14 June 2021 at 2.30 pm I made a home visit; rent was €950 a month, about 45% of her income.
     After 18 months, 22 visits and 3 job interviews she started work on 1 March 2022, 20 hours a week.`,
    `Every Tuesday from 09.00-12.00 I am at the community centre. Case 2023/145 closed on 5/6 after 3 x 2 hours of talks.
     With the school, the social welfare centre and the job shop we looked together. 1 in 4 families in the area lives in poverty;
     the 7.15 train takes her to work, and 2,500 euro of debt is now 600.`,
    `The meeting on 12/05/2023 brought 7 outreach workers together from 9:00 to 12:30. Between 2019 and 2022 the waiting list
     grew from 40 to 120 families. Each family received 250 euro; 2 out of 3 said the visits helped. Call 112 in an emergency.
     She lives 3 streets from the school and walks 15 minutes. Room 204 on the 2nd floor was free.`,
  ];
  for (const [i, text] of paragraphs.entries()) {
    it(`paragraph ${i + 1}`, () => {
      expect(kinds(text)).toEqual([]);
    });
  }
});

describe('finds', () => {
  it('e-mail addresses', () => {
    expect(kinds('Mail haar op an.peeters@example.be of a_b+x@mail.co.uk.')).toEqual([
      ['email', 'an.peeters@example.be'],
      ['email', 'a_b+x@mail.co.uk'],
    ]);
  });

  it('Belgian and international phone numbers', () => {
    expect(kinds('Bel 0470 12 34 56 of 0470/12.34.56 of 0470123456.').map((k) => k[0])).toEqual(['phone', 'phone', 'phone']);
    expect(kinds('Vast: 02 123 45 67, 09/234.56.78 en 050 12 34 56.')).toEqual([
      ['phone', '02 123 45 67'],
      ['phone', '09/234.56.78'],
      ['phone', '050 12 34 56'],
    ]);
    expect(kinds('+32 470 12 34 56, +32 (0)9 234 56 78, 0032 470123456 and +31 6 12345678, +33 1 23 45 67 89.').map((k) => k[1])).toEqual([
      '+32 470 12 34 56',
      '+32 (0)9 234 56 78',
      '0032 470123456',
      '+31 6 12345678',
      '+33 1 23 45 67 89',
    ]);
    expect(isPhoneNumber('12/05/2016')).toBe(false);
    expect(isPhoneNumber('+32 12 34')).toBe(false);
  });

  it('Belgian national register numbers with a valid checksum, also after 2000', () => {
    expect(isNationalNumber('85.07.30-033.28')).toBe(true);
    expect(isNationalNumber('85.07.30-033.29')).toBe(false);
    // Born in 2017: the checksum is computed over 2 followed by the nine digits.
    expect(isNationalNumber('17.07.30-033.84')).toBe(true);
    expect(isNationalNumber('17.07.30-033.55')).toBe(true); // the pre-2000 rule still counts (born 1917)
    expect(kinds('Rijksregisternummer 85.07.30-033.28 en 17073003384.')).toEqual([
      ['national_number', '85.07.30-033.28'],
      ['national_number', '17073003384'],
    ]);
    expect(kinds('Nummer 85.07.30-033.29 klopt niet.')).toEqual([]);
  });

  it('IBANs of any country, with or without spaces, by checksum', () => {
    expect(isIban('BE68 5390 0754 7034')).toBe(true);
    expect(isIban('BE68 5390 0754 7035')).toBe(false);
    expect(kinds('Storten op BE68 5390 0754 7034 en NL91ABNA0417164300 of GB82 WEST 1234 5698 7654 32.')).toEqual([
      ['iban', 'BE68 5390 0754 7034'],
      ['iban', 'NL91ABNA0417164300'],
      ['iban', 'GB82 WEST 1234 5698 7654 32'],
    ]);
    expect(kinds('Rekening BE68 5390 0754 7035.')).toEqual([]);
    expect(kinds('in kleine letters: be68 5390 0754 7034 en verder')).toEqual([['iban', 'be68 5390 0754 7034']]);
  });

  it('street addresses in Dutch, English and French', () => {
    expect(kinds('Ze woont in de Kerkstraat 12, later op de Grote Markt 3 bus 2 en in de Lange Nieuwstraat 45A.')).toEqual([
      ['address', 'Kerkstraat 12'],
      ['address', 'Grote Markt 3 bus 2'],
      ['address', 'Lange Nieuwstraat 45A'],
    ]);
    expect(kinds('They moved to 12 Church Street, then to Rue de la Loi 16.')).toEqual([
      ['address', '12 Church Street'],
      ['address', 'Rue de la Loi 16'],
    ]);
  });

  it('exact dates of birth, not other dates', () => {
    expect(kinds('Ze is geboren op 3 maart 2015; haar broer born on 12/05/2016, zus °12/05/2016.').map((k) => k[1])).toEqual([
      'geboren op 3 maart 2015',
      'born on 12/05/2016',
      '°12/05/2016',
    ]);
    expect(kinds('Geboortedatum: 4-6-2014. Date of birth: May 3, 2012.').map((k) => k[0])).toEqual(['birth_date', 'birth_date']);
    expect(kinds('Hij is geboren in 2015 en we zagen elkaar op 3 maart 2015.')).toEqual([]);
    expect(kinds('Sa fille est née le 1er mars 2015, son fils né le 4/6/2014.').map((k) => k[1])).toEqual([
      'née le 1er mars 2015',
      'né le 4/6/2014',
    ]);
  });

  it('gives positions that point at the excerpt, per field, in context', () => {
    const text = 'Bel mama op 0470 12 34 56 als het dringend is.';
    const [finding] = checkAnonymity(text);
    expect(text.slice(finding!.start, finding!.end)).toBe('0470 12 34 56');
    expect(inContext(text, finding!, 8)).toEqual({ before: '…mama op ', match: '0470 12 34 56', after: ' als het…' });
    expect(checkFields({ title: 'Gewoon', story: text }).map((f) => f.field)).toEqual(['story']);
  });

  it('stays fast and quiet on long hostile input', () => {
    const long = `${'0'.repeat(5000)} ${'a@'.repeat(5000)} ${'Kerkstraat '.repeat(2000)} ${'1.'.repeat(5000)}`;
    expect(Array.isArray(checkAnonymity(long))).toBe(true);
  });

  it('never throws, and every finding points at its excerpt without overlaps (property)', () => {
    const pieces = fc.constantFrom(
      '0470 12 34 56',
      'Kerkstraat 12',
      'an@x.be',
      ' ',
      'geboren op ',
      '12/05/2016',
      'BE68 5390 0754 7034',
      '85.07.30-033.28',
      'a',
      'É',
      '3',
      '.',
      '-',
      '+32',
      '\n',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const found = checkAnonymity(t);
        for (const f of found) expect(t.slice(f.start, f.end)).toBe(f.excerpt);
        // In order and never overlapping.
        found.slice(1).forEach((f, i) => expect(f.start).toBeGreaterThanOrEqual(found[i]!.end));
      }),
      { numRuns: 300 },
    );
  });
});
