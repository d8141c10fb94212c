// The publication's front matter and appendices in the PDF: cover with logo, partners and edition, a chapter of the
// facilitator's own text, the story forms with room to write, backcast boards, the colophon with its licence.
import { appendices, backcastParts, licenceText, materialText, partnerNames } from './front-text.js';
import { editionLine, formatDay, formatPeriod, tr } from './outline.js';
import type { PdfWriter } from './pdf-writer.js';
import { BRAND, INK, MUTED } from './pdf-style.js';
import type { ReportModel } from './types.js';

/** About 8 by 4 cm, as on the HTML cover. */
const LOGO_BOX: [number, number] = [227, 113];

/** The cover: a band with the network's name and the title across the top, the period and partners below it, the
 * edition (what this document is) at the foot of the page. */
export function publicationCover(w: PdfWriter, model: ReportModel): void {
  const f = model.front!;
  const { doc } = w;
  const x = w.left;
  const width = w.width;
  doc.font('bold').fontSize(28);
  const titleHeight = doc.heightOfString(model.title, { width });
  doc.font('regular').fontSize(13);
  const subtitleHeight = doc.heightOfString(model.subtitle, { width });
  const bandHeight = 172 + titleHeight + subtitleHeight;
  doc.rect(0, 0, doc.page.width, bandHeight).fill(BRAND);
  let y = 110;
  if (f.network_name) {
    doc.font('bold').fontSize(10).fillColor('#c9d8ea').text(f.network_name.toUpperCase(), x, y, { width });
    y = doc.y + 8;
  }
  doc.font('bold').fontSize(28).fillColor('#ffffff').text(model.title, x, y, { width });
  doc
    .font('regular')
    .fontSize(13)
    .fillColor('#e3ebf5')
    .text(model.subtitle, x, doc.y + 6, { width });
  doc.y = bandHeight + 28;
  doc.x = x;
  if (f.logo) {
    const top = doc.y;
    doc.image(Buffer.from(f.logo.base64, 'base64'), x, top, { fit: LOGO_BOX });
    doc.y = top + Math.min(LOGO_BOX[1], (f.logo.height * LOGO_BOX[0]) / Math.max(1, f.logo.width)) + 20;
    doc.x = x;
  }
  if (model.period.from) w.text(formatPeriod(model), { size: 13, bold: true, color: INK });
  if (model.partners.length) {
    doc.moveDown(0.6);
    w.text(tr(model, 'cover.partners', { names: partnerNames(model) }), { size: 10.5, color: MUTED });
  }
  // The edition at the foot of the cover, above the page footer.
  const foot = [
    { text: editionLine(model), bold: true, size: 11, color: INK },
    {
      text: `${tr(model, 'title_page.generated', { date: formatDay(model, model.generated_at) })} · ${tr(model, 'title_page.stories', { count: model.story_count })}`,
      size: 9.5,
      color: MUTED,
    },
    ...(model.left_out_count
      ? [{ text: tr(model, 'left_out', { count: model.left_out_count }), italic: true, size: 9.5, color: MUTED }]
      : []),
  ];
  const footHeight = foot.reduce(
    (h, line) =>
      h +
      doc
        .font(line.bold ? 'bold' : 'regular')
        .fontSize(line.size)
        .heightOfString(line.text, { width }) +
      3,
    0,
  );
  const footTop = Math.max(doc.y + 24, w.bottom - footHeight - 12);
  doc
    .moveTo(x, footTop - 10)
    .lineTo(x + 60, footTop - 10)
    .lineWidth(2)
    .strokeColor(BRAND)
    .stroke();
  doc.y = footTop;
  for (const line of foot) w.text(line.text, line);
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
const boxHeight = (lines: number) => lines * 16 + 8;

/** About the height a form field takes: its label, help, questions and answer box. */
function fieldHeight(w: PdfWriter, field: { label: string; help: string | null; questions: string[]; lines: number }): number {
  const { doc } = w;
  const label = doc.font('bold').fontSize(w.size).heightOfString(field.label, { width: w.width });
  const help = field.help ? doc.font('italic').fontSize(9.5).heightOfString(field.help, { width: w.width }) + 4 : 0;
  doc.font('regular').fontSize(w.size);
  const questions = field.questions.reduce((sum, q) => sum + doc.heightOfString(q, { width: w.width - 11 }) + 2, 0);
  return label + 4 + help + questions + boxHeight(field.lines) + 18;
}

function answerBox(w: PdfWriter, lines: number): void {
  const height = boxHeight(lines);
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
        // A field's label, help and questions stay on the page of its answer box (a box alone on a page says nothing).
        w.ensure(fieldHeight(w, field));
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
