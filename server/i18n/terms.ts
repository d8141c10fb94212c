// The network's own words: what a network calls its rounds (meeting, bijeenkomst, rencontre...) and its facilitators, per
// language. Catalog texts name them through the arguments {term_round}, {term_rounds}, {term_Round}, {term_Rounds} and
// {term_facilitator}, {term_facilitators}, {term_Facilitator}, {term_Facilitators}; t() fills them from here, so every
// message takes the instance's choice (config ROUND_TERM_<LANG>, FACILITATOR_TERM_<LANG>) from this one place.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Locale } from './locales.js';

interface Forms {
  one: string;
  other: string;
}

/** The words a network may choose per language; the first is the default. Same grammatical gender per language. */
export const ROUND_TERMS = {
  en: { round: { one: 'round', other: 'rounds' }, meeting: { one: 'meeting', other: 'meetings' } },
  nl: { bijeenkomst: { one: 'bijeenkomst', other: 'bijeenkomsten' }, ronde: { one: 'ronde', other: 'rondes' } },
  // Both feminine, so articles and agreements in the French texts hold for either.
  fr: { rencontre: { one: 'rencontre', other: 'rencontres' }, séance: { one: 'séance', other: 'séances' } },
} as const satisfies Record<Locale, Record<string, Forms>>;

export const FACILITATOR_TERMS = {
  en: { facilitator: { one: 'facilitator', other: 'facilitators' }, coach: { one: 'coach', other: 'coaches' } },
  nl: {
    begeleider: { one: 'begeleider', other: 'begeleiders' },
    procesbegeleider: { one: 'procesbegeleider', other: 'procesbegeleiders' },
  },
  fr: {
    animateur: { one: 'animateur ou animatrice', other: 'animateurs et animatrices' },
    facilitateur: { one: 'facilitateur ou facilitatrice', other: 'facilitateurs et facilitatrices' },
  },
} as const satisfies Record<Locale, Record<string, Forms>>;

/** The chosen word per language (a key of the tables above). */
export interface Terms {
  round: Partial<Record<Locale, string>>;
  facilitator: Partial<Record<Locale, string>>;
}

const capital = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

function pick(table: Record<string, Forms>, chosen: string | undefined): Forms {
  return (chosen !== undefined ? table[chosen] : undefined) ?? Object.values(table)[0]!;
}

/** The arguments every message gets for these terms in this language. */
export function termArguments(locale: Locale, terms: Terms | undefined): Record<string, string> {
  const round = pick(ROUND_TERMS[locale], terms?.round[locale]);
  const facilitator = pick(FACILITATOR_TERMS[locale], terms?.facilitator[locale]);
  return {
    term_round: round.one,
    term_rounds: round.other,
    term_Round: capital(round.one),
    term_Rounds: capital(round.other),
    term_facilitator: facilitator.one,
    term_facilitators: facilitator.other,
    term_Facilitator: capital(facilitator.one),
    term_Facilitators: capital(facilitator.other),
  };
}

// The instance's terms for the work at hand: each request (and each background job) of an app runs inside its app's terms,
// so t() finds them without every caller passing them on; several apps in one process keep their own.
const current = new AsyncLocalStorage<Terms>();

export function runWithTerms<T>(terms: Terms, fn: () => T): T {
  return current.run(terms, fn);
}

export function currentTerms(): Terms | undefined {
  return current.getStore();
}
