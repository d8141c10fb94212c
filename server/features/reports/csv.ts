// The MSC register as CSV: one row per story, streamed, with cells that a spreadsheet could run as formulas defused.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { yieldToLoop } from './model.js';
import { tr } from './outline.js';
import type { ReportModel } from './types.js';

/** A cell starting with = + - @ tab or CR is a formula to Excel and LibreOffice; a leading ' keeps it text. */
export function safeCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvHeader(model: ReportModel): string[] {
  return ['serial', 'title', 'date', 'role', 'organization', 'themes', 'round', 'group', 'selected', 'reasons'].map((k) =>
    tr(model, `csv.${k}`),
  );
}

/** A stream of CSV text (UTF-8 with a BOM, so spreadsheets read the accents right); yields to the event loop as it goes. */
export function renderCsv(model: ReportModel): Readable {
  const out = stringify({ bom: true, record_delimiter: 'windows' });
  const yes = tr(model, 'csv.yes');
  const no = tr(model, 'csv.no');
  async function* rows() {
    yield csvHeader(model);
    for (const [i, r] of model.register.entries()) {
      yield [
        r.serial,
        r.title,
        r.date,
        r.role,
        r.organization,
        r.themes.join('; '),
        r.round,
        r.group,
        r.selected ? yes : no,
        r.reasons,
      ].map(safeCell);
      if (i % 200 === 199) await yieldToLoop();
    }
  }
  return Readable.from(rows()).pipe(out);
}
