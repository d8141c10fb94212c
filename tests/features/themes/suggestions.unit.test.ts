// Suggested themes from stemmed word overlap: Dutch, French and English forms of one word meet, stop words do not
// count, and weak or tied evidence gives no suggestion.
import { describe, expect, it } from 'vitest';
import { stemWords } from '../../../server/lib/stems.js';
import { suggestThemes, type ThemeEvidence } from '../../../server/features/themes/suggestions.js';

const nl = (text: string) => ({ text, language: 'nl' as const });
const fr = (text: string) => ({ text, language: 'fr' as const });
const en = (text: string) => ({ text, language: 'en' as const });

const themes: ThemeEvidence[] = [
  { theme_id: 'reach', texts: [nl('Bereikbaarheid'), nl('altijd bereikbaar voor het gezin'), nl('een werk-gsm en WhatsApp')] },
  { theme_id: 'parents', texts: [nl('Betrokkenheid van ouders'), nl('ouders mee laten beslissen'), fr('le rôle parental')] },
  { theme_id: 'network', texts: [nl('Samenwerking met het OCMW'), nl('netwerk rond het gezin'), fr('réseau de partenaires')] },
];

function suggest(element: { text: string; language: 'nl' | 'fr' | 'en' }, evidence = themes) {
  return suggestThemes(evidence, [{ id: 'e', ...element }]).get('e') ?? null;
}

describe('stemWords', () => {
  it('gives one stem to the forms of a Dutch word', () => {
    expect(stemWords('bereikbaar', 'nl')[0]?.stem).toBe(stemWords('bereikbaarheid', 'nl')[0]?.stem);
    expect(stemWords('ouders', 'nl')[0]?.stem).toBe(stemWords('ouder', 'nl')[0]?.stem);
  });

  it('leaves out Dutch, French and English stop words and keeps the words as written', () => {
    expect(stemWords('de ouders en het kind', 'nl').map((w) => w.word)).toEqual(['ouders', 'kind']);
    expect(stemWords('les parents et la famille', 'fr').map((w) => w.word)).toEqual(['parents', 'famille']);
    expect(stemWords('the parents and the school', 'en').map((w) => w.word)).toEqual(['parents', 'school']);
  });

  it('folds accents after stemming, and keeps each stem once', () => {
    expect(stemWords('Réseau reseau réseaux', 'fr')).toEqual([{ word: 'réseau', stem: 'reseau' }]);
  });
});

describe('suggestThemes', () => {
  it('suggests the theme whose elements share the stemmed word (bereikbaar / bereikbaarheid)', () => {
    expect(suggest(nl('Is bereikbaar via sms'))).toMatchObject({ theme_id: 'reach', words: ['bereikbaar'] });
    // Words no theme uses lower the share but do not drown the one telling word of a longer element.
    expect(suggest(nl('bereikbaar via sms, ook na de uren'))).toMatchObject({ theme_id: 'reach', words: ['bereikbaar'] });
  });

  it('matches plural and singular in Dutch (ouders / ouder)', () => {
    expect(suggest(nl('de ouder beslist mee'))).toMatchObject({ theme_id: 'parents' });
  });

  it('matches French forms that share a stem as prefix (parents / parentale)', () => {
    const s = suggest(fr('les parents décident'));
    expect(s).toMatchObject({ theme_id: 'parents', words: ['parents'] });
    expect(suggest(fr('une approche parentale'))).toMatchObject({ theme_id: 'parents' });
  });

  it('matches Dutch plurals whose stem keeps a double consonant (gezin / gezinnen) and English forms', () => {
    const evidence: ThemeEvidence[] = [
      { theme_id: 'families', texts: [nl('gezinnen in armoede')] },
      { theme_id: 'work', texts: [en('steps toward employment')] },
    ];
    expect(suggest(nl('het gezin'), evidence)).toMatchObject({ theme_id: 'families' });
    expect(suggest(en('small steps'), evidence)).toMatchObject({ theme_id: 'work' });
  });

  it('gives no suggestion when no word is shared, or only stop words are', () => {
    expect(suggest(nl('een huisbezoek'))).toBeNull();
    expect(suggest(nl('de het een en van'))).toBeNull();
  });

  it('gives no suggestion when the shared word is one of many (weak evidence)', () => {
    expect(suggest(nl('ouders hadden schulden, geen woning, geen werk en weinig vertrouwen in diensten'))).toBeNull();
  });

  it('gives no suggestion when two themes share the words equally (a tie)', () => {
    // "gezin" is in both the reach and the network theme.
    expect(suggest(nl('gezin'))).toBeNull();
  });

  it('gives no suggestion before any theme has an element', () => {
    expect(suggest(nl('bereikbaar'), [{ theme_id: 'empty', texts: [] }])).toBeNull();
  });

  it('weighs a word many themes use less than a word one theme uses', () => {
    const evidence: ThemeEvidence[] = [
      { theme_id: 'a', texts: [nl('gezin'), nl('bereikbaarheid')] },
      { theme_id: 'b', texts: [nl('gezin')] },
      { theme_id: 'c', texts: [nl('gezin')] },
    ];
    expect(suggest(nl('gezin bereikbaar'), evidence)).toMatchObject({ theme_id: 'a', words: ['gezin', 'bereikbaar'] });
  });

  it('scores between 0 and 1 and suggests for each element separately', () => {
    const out = suggestThemes(themes, [
      { id: 'x', ...nl('bereikbaarheid') },
      { id: 'y', ...fr('un réseau solide') },
      { id: 'z', ...nl('koffie') },
    ]);
    expect(out.get('x')).toMatchObject({ theme_id: 'reach', score: 1 });
    expect(out.get('y')?.theme_id).toBe('network');
    expect(out.get('y')?.score).toBeGreaterThan(0.3);
    expect(out.get('y')?.score).toBeLessThan(1);
    expect(out.has('z')).toBe(false);
  });
});
