// View models of the source pages: the list, the form (written or imported) and a source with its coding.
import type { DbOrTrx } from '../../db/database.js';
import type { FormState } from '../../http/forms.js';
import type { SourceView } from './schemas.js';
import { organizationOptions, themeOptions } from './service.js';

export async function sourceFormView(db: DbOrTrx, state: Partial<FormState>) {
  return {
    organizations: await organizationOptions(db),
    values: { kind: 'site_visit', title: '', body: '', date: '', organization_id: '', ...state.values },
    errors: state.errors,
    fieldErrors: state.fieldErrors,
  };
}

export async function sourcePageView(db: DbOrTrx, source: SourceView, state?: FormState) {
  const themes = await themeOptions(db);
  const name = new Map(themes.map((t) => [t.id, t.name]));
  const checked = state ? new Set(Array.isArray(state.values.theme_ids) ? state.values.theme_ids : [state.values.theme_ids]) : null;
  return {
    source,
    themes: themes.map((t) => ({ ...t, checked: checked ? checked.has(t.id) : source.theme_ids.includes(t.id) })),
    elements: source.elements.map((e) => ({ ...e, theme_name: e.theme_id ? (name.get(e.theme_id) ?? null) : null })),
    values: { text: '', theme_id: '', ...state?.values },
    errors: state?.errors,
    fieldErrors: state?.fieldErrors,
  };
}
