// View models for the CSV import pages: the column mapping and the preview with each row's problems.
import type { FastifyRequest } from 'fastify';
import type { FormState } from '../../http/forms.js';
import { localizeFieldErrors } from '../../lib/schemas.js';
import { IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS, type Mapping } from './schemas.js';
import type { CheckedRow, StoredImport } from './story-import.js';

const PREVIEW_OK_ROWS = 20;

/** The mapping form: each field with the columns to choose from; after a failure, what was chosen and why not. */
export function mapView(request: FastifyRequest, upload: StoredImport, mapping: Mapping, state?: FormState) {
  const first = upload.rows[0] ?? [];
  const chosen = (field: string, index: number) =>
    state ? state.values[`map_${field}`] === String(index) : mapping[field as keyof Mapping] === index;
  return {
    title: request.t('stories.import.map_title'),
    upload: { id: upload.id, filename: upload.filename, count: upload.rows.length },
    fields: IMPORT_FIELDS.map((f) => ({
      name: f,
      label: request.t(`stories.import.fields.${f}`),
      required: REQUIRED_IMPORT_FIELDS.includes(f),
      error: state?.fieldErrors[`map_${f}`],
      columns: upload.headers.map((h, i) => ({ index: i, header: h, sample: (first[i] ?? '').slice(0, 60), selected: chosen(f, i) })),
    })),
    errors: state?.errors ?? [],
  };
}

/** The preview: every row with a problem and the first good ones, in file order. */
export function previewView(request: FastifyRequest, upload: StoredImport, checked: CheckedRow[]) {
  const bad = checked.filter((r) => r.errors.length);
  const good = checked.filter((r) => !r.errors.length);
  return {
    title: request.t('stories.import.preview_title'),
    upload: { id: upload.id, filename: upload.filename, count: upload.rows.length },
    badCount: bad.length,
    rows: [...bad, ...good.slice(0, PREVIEW_OK_ROWS)]
      .sort((a, b) => a.line - b.line)
      .map((r) => ({
        line: r.line,
        title: r.values.title,
        author: r.values.author_name || request.t('stories.anonymous_author'),
        date: r.values.story_date,
        errors: localizeFieldErrors(r.errors, request.locale).map((e) => e.message),
      })),
    moreOk: Math.max(0, good.length - PREVIEW_OK_ROWS),
  };
}
