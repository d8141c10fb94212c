// ICU MessageFormat through intl-messageformat (FormatJS): compiling a catalog text, formatting it, and listing its arguments.
import { IntlMessageFormat } from 'intl-messageformat';

/** A parsed message element, as intl-messageformat's parser gives it (the parser's own type is not exported). */
type Element = ReturnType<IntlMessageFormat['getAst']>[number];

// The parser's element types (@formatjs/icu-messageformat-parser TYPE): only the ones a catalog may use.
const ARGUMENT = 1;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;

export type ArgumentKind = 'text' | 'number' | 'select' | 'plural';

/**
 * Compiles one catalog text. Tags stay plain text (`ignoreTag`): catalog texts are never HTML, and a "<" in a text
 * must not turn into a rich-text element. Throws on a syntax error, which the catalog tests catch before a page does.
 */
export function compileMessage(text: string, intlLocale: string): IntlMessageFormat {
  return new IntlMessageFormat(text, intlLocale, undefined, { ignoreTag: true });
}

/** Every argument a message takes, with how it is used; a plural anywhere wins over a plain use of the same name. */
export function messageArguments(message: IntlMessageFormat): Map<string, ArgumentKind> {
  const found = new Map<string, ArgumentKind>();
  const rank: Record<ArgumentKind, number> = { text: 0, number: 1, select: 2, plural: 3 };
  const note = (name: string, kind: ArgumentKind) => {
    const before = found.get(name);
    if (before === undefined || rank[kind] > rank[before]) found.set(name, kind);
  };
  const walk = (elements: readonly Element[]) => {
    for (const el of elements) {
      if (el.type === ARGUMENT) note(el.value, 'text');
      else if (el.type === NUMBER) note(el.value, 'number');
      else if (el.type === SELECT || el.type === PLURAL) {
        note(el.value, el.type === PLURAL ? 'plural' : 'select');
        for (const option of Object.values(el.options)) walk(option.value);
      }
    }
  };
  walk(message.getAst());
  return found;
}

export type Params = Record<string, string | number | null | undefined>;

/**
 * Formats a compiled message. An argument the caller left out or set to null shows as nothing rather than failing
 * the page; plural arguments given as numeric strings (Handlebars hashes, query values) count as numbers.
 */
export function formatMessage(message: IntlMessageFormat, args: ReadonlyMap<string, ArgumentKind>, params: Params): string {
  const values: Record<string, string | number> = {};
  for (const [name, kind] of args) {
    const value = params[name];
    if (value === undefined || value === null) values[name] = kind === 'plural' || kind === 'number' ? 0 : '';
    else if ((kind === 'plural' || kind === 'number') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      values[name] = Number(value);
    else values[name] = typeof value === 'number' ? value : String(value);
  }
  const out = message.format(values);
  return typeof out === 'string' ? out : (out as unknown[]).join('');
}
