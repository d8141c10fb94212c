// The publication's front matter and appendices in the DOCX: cover with logo, the facilitator's own chapters, the
// method's counts, the story forms with room to write, backcast boards, the colophon with its licence.
import {
  ExternalHyperlink,
  HeadingLevel,
  HeightRule,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { heading, htmlParagraphs, itemParagraphs, p } from './docx-parts.js';
import { appendices, backcastParts, licenceText, materialText, partnerNames } from './front-text.js';
import { editionLine, formatDay, formatPeriod, tr } from './outline.js';
import type { ReportModel } from './types.js';

/** About 8 by 4 cm at 96 pixels to the inch, as on the other covers. */
const LOGO_BOX = { width: 302, height: 151 };

function logoParagraph(model: ReportModel): Paragraph[] {
  const logo = model.front?.logo;
  if (!logo) return [];
  const scale = Math.min(LOGO_BOX.width / logo.width, LOGO_BOX.height / logo.height, 1);
  const name = model.front?.network_name ?? model.title;
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: logo.type === 'image/png' ? 'png' : 'jpg',
          data: Buffer.from(logo.base64, 'base64'),
          transformation: { width: Math.round(logo.width * scale), height: Math.round(logo.height * scale) },
          altText: { name: tr(model, 'cover.logo'), description: `${tr(model, 'cover.logo')}: ${name}`, title: name },
        }),
      ],
      spacing: { before: 1200, after: 480 },
    }),
  ];
}

export function publicationCover(model: ReportModel): FileChild[] {
  const f = model.front!;
  return [
    ...logoParagraph(model),
    ...(f.network_name ? [p(f.network_name.toUpperCase(), { style: 'Kicker' })] : []),
    new Paragraph({ text: model.title, heading: HeadingLevel.TITLE }),
    p(model.subtitle, { style: 'Subtitle' }),
    ...(model.period.from ? [p(formatPeriod(model))] : []),
    ...(model.partners.length ? [p(tr(model, 'cover.partners', { names: partnerNames(model) }))] : []),
    p(editionLine(model), { bold: true }),
    p(
      `${tr(model, 'title_page.generated', { date: formatDay(model, model.generated_at) })} · ${tr(model, 'title_page.stories', { count: model.story_count })}`,
    ),
    ...(model.left_out_count ? [p(tr(model, 'left_out', { count: model.left_out_count }), { italics: true })] : []),
  ];
}

/** A chapter that is the facilitator's own Markdown (introduction, conclusions). */
export function textChapter(model: ReportModel, key: 'introduction' | 'conclusions', html: string | null): FileChild[] {
  return [heading(tr(model, `sections.${key}`), 1, true), ...htmlParagraphs(html)];
}

export function materialParagraphs(model: ReportModel): Paragraph[] {
  return materialText(model).map((x) => p(x));
}

export function sourceParagraphs(model: ReportModel): FileChild[] {
  const sources = model.front?.sources ?? [];
  if (!sources.length) return [];
  return [
    heading(tr(model, 'method.sources'), 2),
    ...itemParagraphs(
      sources.map((s) => ({ text: `${s.title} (${tr(model, `sources.${s.kind}`)}${s.date ? `, ${formatDay(model, s.date)}` : ''})` })),
    ),
  ];
}

/** An empty framed box, `lines` lines high, to write in on paper. */
function answerBox(lines: number): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        height: { value: lines * 360 + 120, rule: HeightRule.ATLEAST },
        children: [new TableCell({ children: [new Paragraph('')] })],
      }),
    ],
  });
}

export function appendicesBlocks(model: ReportModel): FileChild[] {
  const out: FileChild[] = [heading(tr(model, 'sections.appendices'), 1, true)];
  appendices(model).forEach((a, i) => {
    out.push(heading(a.title, 2, i > 0));
    if (a.form) {
      out.push(p(a.form.intro), heading(tr(model, 'appendix.criteria'), 4));
      a.form.criteria.forEach((c) =>
        out.push(new Paragraph({ text: c, numbering: { reference: 'numbers', level: 0, instance: 900 + i } })),
      );
      for (const field of a.form.fields) {
        out.push(p(field.label, { bold: true }));
        if (field.help) out.push(p(field.help, { italics: true }));
        out.push(...itemParagraphs(field.questions.map((q) => ({ text: q }))), answerBox(field.lines), p(''));
      }
    }
    if (a.backcasts) {
      for (const b of model.front!.backcasts) {
        out.push(heading(`${b.round}: ${b.group}`, 3));
        for (const part of backcastParts(model, b)) out.push(heading(part.label, 4), ...htmlParagraphs(part.html));
      }
    }
  });
  return out;
}

export function colophonBlocks(model: ReportModel): FileChild[] {
  const f = model.front!;
  const out: FileChild[] = [heading(tr(model, 'sections.colophon'), 1, true), p(model.title, { bold: true })];
  if (f.network_name) out.push(p(f.network_name));
  out.push(...htmlParagraphs(f.colophon_html));
  const licence = licenceText(model);
  if (licence) {
    out.push(heading(tr(model, 'colophon.licence'), 2), p(`${licence.name}. ${licence.terms}`));
    if (licence.url) {
      out.push(
        new Paragraph({
          children: [new ExternalHyperlink({ link: licence.url, children: [new TextRun({ text: licence.url, style: 'Hyperlink' })] })],
        }),
      );
    }
  }
  out.push(p(`${editionLine(model)} · ${tr(model, 'colophon.made', { date: formatDay(model, model.generated_at) })}`, { italics: true }));
  return out;
}
