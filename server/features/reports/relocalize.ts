// A frozen report read in another language: labels follow the reader, generated texts are said again in the reader's
// language, and everything people wrote (stories, themes, titles) stays exactly as it was published.
import { t, type Locale } from '../../i18n/index.js';
import type { ReportModel } from './types.js';

/** The model as a reader in `locale` downloads it; the same object when it is already in that language. */
export function inLocale(model: ReportModel, locale: Locale): ReportModel {
  if (model.locale === locale) return model;
  const from = model.locale;
  // A text is generated when it is the catalog's text for its key in the model's language; anything else was written.
  const again = (text: string, key: string) => (text === t(from, key) ? t(locale, key) : text);
  return {
    ...model,
    locale,
    title: again(model.title, 'reports.model.network_title'),
    subtitle: again(model.subtitle, 'reports.model.subtitle'),
    method: { ...model.method, paragraphs: model.method.paragraphs.map((p, i) => again(p, `reports.method.p${i + 1}`)) },
    figures: {
      ...model.figures,
      per_organization: model.figures.per_organization.map((b) => ({ ...b, label: again(b.label, 'reports.figures.no_organization') })),
    },
  };
}
