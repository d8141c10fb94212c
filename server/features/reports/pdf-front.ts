// The publication's front matter and appendices in the PDF: cover with logo, partners and edition, a chapter of the
// facilitator's own text, the story forms with room to write, backcast boards, the colophon with its licence.
import { appendices, backcastParts, licenceText, materialText, partnerNames } from './front-text.js';
import { editionLine, formatDay, formatPeriod, tr } from './outline.js';
import type { PdfWriter } from './pdf-writer.js';
import type { ReportModel } from './types.js';

const MUTED = '#4a5568';
const BRAND = '#12355b';
/** About 8 by 4 cm, as on the HTML cover. */
const LOGO_BOX: [number, number] = [227, 113];

export function publicationCover(w: PdfWriter, model: ReportModel): void {
  const f = model.front!;
  w.doc.moveDown(4);
  if (f.logo) {
    const top = w.doc.y;
    w.doc.image(Buffer.from(f.logo.base64, 'base64'), w.left, top, { fit: LOGO_BOX });
    w.doc.y = top + Math.min(LOGO_BOX[1], (f.logo.height * LOGO_BOX[0]) / Math.max(1, f.logo.width)) + 24;
    w.doc.x = w.left;
  } else w.doc.moveDown(4);
  if (f.network_name) w.text(f.network_name.toUpperCase(), { color: MUTED, size: 10 });
  w.text(model.title, { bold: true, size: 26, color: BRAND });
  w.text(model.subtitle, { size: 13, color: MUTED });
  if (model.period.from) w.text(formatPeriod(model), { size: 12 });
  w.doc.moveDown(1);
  if (model.partners.length) w.text(tr(model, 'cover.partners', { names: partnerNames(model) }), { size: 9.5 });
  w.doc.moveDown(1);
  w.text(editionLine(model), { bold: true, size: 11 });
  w.text(
    `${tr(model, 'title_page.generated', { date: formatDay(model, model.generated_at) })} · ${tr(model, 'title_page.stories', { count: model.story_count })}`,
    { color: MUTED, size: 9.5 },
  );
  if (model.left_out_count) w.text(tr(model, 'left_out', { count: model.left_out_count }), { italic: true });
}

/** A chapter that is the facilitator's own Markdown (introduction, conclusions). */
export function textChapter(w: PdfWriter, model: ReportModel, key: 'introduction' | 'conclusions', html: string | null): void {
  w.heading(1, tr(model, `sections.${key}`), key);
  w.html(html);
}

/** The method's opening sentences (meetings, groups, what was analysed); the sources are listed after the method. */
export function materialParagraphs(w: PdfWriter, model: ReportModel): void {
  for (const p of materialText(model)) w.text(p);
}

export function sourceList(w: PdfWriter, model: ReportModel): void {
  const sources = model.front?.sources ?? [];
  if (!sources.length) return;
  w.heading(4, tr(model, 'method.sources'));
  w.items(sources.map((s) => ({ text: `${s.title} (${tr(model, `sources.${s.kind}`)}${s.date ? `, ${formatDay(model, s.date)}` : ''})` })));
}

/** An empty box to write in, `lines` lines high, as on the paper form. */
function answerBox(w: PdfWriter, lines: number): void {
  const height = lines * 16 + 8;
  w.ensure(height + 8);
  const top = w.doc.y + 2;
  w.doc.rect(w.left, top, w.width, height).lineWidth(0.6).strokeColor('#a0aec0').stroke();
  w.doc.y = top + height + 8;
  w.doc.x = w.left;
}

export function appendicesChapter(w: PdfWriter, model: ReportModel): void {
  w.heading(1, tr(model, 'sections.appendices'), 'appendices');
  appendices(model).forEach((a, i) => {
    if (i > 0) w.newPage();
    w.heading(2, a.title, a.anchor);
    if (a.form) {
      w.text(a.form.intro);
      w.heading(4, tr(model, 'appendix.criteria'));
      a.form.criteria.forEach((c, n) => w.runs([{ text: `${n + 1}. `, bold: true }, { text: c }], 6));
      for (const field of a.form.fields) {
        w.text(field.label, { bold: true });
        if (field.help) w.text(field.help, { italic: true, color: MUTED, size: 9.5 });
        if (field.questions.length) w.items(field.questions.map((q) => ({ text: q })));
        answerBox(w, field.lines);
      }
    }
    if (a.backcasts) {
      for (const b of model.front!.backcasts) {
        w.heading(3, `${b.round}: ${b.group}`);
        for (const part of backcastParts(model, b)) {
          w.heading(4, part.label);
          w.html(part.html);
        }
      }
    }
  });
}

export function colophonChapter(w: PdfWriter, model: ReportModel): void {
  const f = model.front!;
  w.heading(1, tr(model, 'sections.colophon'), 'colophon');
  w.text(model.title, { bold: true });
  if (f.network_name) w.text(f.network_name);
  w.html(f.colophon_html);
  const licence = licenceText(model);
  if (licence) {
    w.heading(4, tr(model, 'colophon.licence'));
    w.text(`${licence.name}. ${licence.terms}`);
    if (licence.url) w.text(licence.url, { color: BRAND, link: licence.url });
  }
  w.doc.moveDown(1);
  w.text(`${editionLine(model)} · ${tr(model, 'colophon.made', { date: formatDay(model, model.generated_at) })}`, {
    color: MUTED,
    size: 9.5,
  });
}
