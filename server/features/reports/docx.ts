// The DOCX report with the `docx` package: real Heading 1-3 styles, a TOC field, numbered and bulleted lists that nest.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  Paragraph,
  TableOfContents,
  TextRun,
  type FileChild,
} from 'docx';
import { factsheetBand, factsheetParts } from './docx-factsheet.js';
import { factsheetOf } from './factsheet.js';
import { appendicesBlocks, colophonBlocks, materialParagraphs, publicationCover, sourceParagraphs, textChapter } from './docx-front.js';
import { heading, htmlParagraphs, itemParagraphs, p, table } from './docx-parts.js';
import { backcastParts, quoteCaption, sectionsOf, storyFieldsOf, themeCountText } from './front-text.js';
import { yieldToLoop } from './model.js';
import { decisionText, editionLine, formatDay, formatPeriod, partnerPeriod, percent, tr } from './outline.js';
import type { ReportGroup, ReportModel, ReportQuote, ReportStory, ReportTheme } from './types.js';

const FONT = 'DejaVu Sans';
const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8];

function storyParagraphs(model: ReportModel, s: ReportStory): Paragraph[] {
  const meta = [
    s.author ?? tr(model, 'story.anonymous'),
    s.role,
    s.organization,
    s.date ? formatDay(model, s.date) : null,
    tr(model, 'story.number', { serial: s.serial }),
  ]
    .filter(Boolean)
    .join(' · ');
  return [
    heading(s.title, 4),
    p(meta, { italics: true }),
    ...htmlParagraphs(s.story_html),
    ...storyFieldsOf(model, s).flatMap((f) => [p(f.label, { bold: true }), ...(f.html ? htmlParagraphs(f.html) : [p(f.text ?? '')])]),
    ...(s.learning_question
      ? [
          new Paragraph({
            children: [new TextRun({ text: `${tr(model, 'story.learning_question')} `, bold: true }), new TextRun(s.learning_question)],
          }),
        ]
      : []),
    p(tr(model, 'story.significance'), { bold: true }),
    ...htmlParagraphs(s.significance_html),
  ];
}

function themeBlocks(model: ReportModel, theme: ReportTheme, level: 2 | 3): FileChild[] {
  const out: FileChild[] = [heading(theme.name, level)];
  if (theme.description) out.push(p(theme.description));
  out.push(p(themeCountText(model, theme), { italics: true }));
  if (theme.opening_story) out.push(...storyParagraphs(model, theme.opening_story));
  const quote = (q: ReportQuote) => [
    new Paragraph({ style: 'Quote', children: [new TextRun({ text: `“${q.text}”`, italics: true })] }),
    new Paragraph({ style: 'Quote', children: [new TextRun({ text: quoteCaption(model, q) })] }),
  ];
  if (theme.practice_parts?.length) {
    out.push(heading(tr(model, 'themes.practice'), 4));
    for (const part of theme.practice_parts) out.push(...(part.quote ? quote(part.quote) : htmlParagraphs(part.html)));
  } else if (theme.practice_html) out.push(heading(tr(model, 'themes.practice'), 4), ...htmlParagraphs(theme.practice_html));
  for (const q of theme.quotes) out.push(...quote(q));
  if (theme.challenges.length) out.push(heading(tr(model, 'themes.challenges'), 4), ...itemParagraphs(theme.challenges));
  if (theme.actions.length) out.push(heading(tr(model, 'themes.actions'), 4), ...itemParagraphs(theme.actions));
  return out;
}

const PAGE = { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } };
const FACTSHEET_PAGE = { ...PAGE, margin: { top: 680, bottom: 680, left: 794, right: 794 } };

function document(model: ReportModel, children: FileChild[], opts: { columns?: number; size?: number } = {}): Document {
  // The factsheet's narrow columns indent lists less.
  const step = opts.columns ? 240 : 360;
  const indent = (l: number) => ({ paragraph: { indent: { left: step * (l + 1), hanging: opts.columns ? 180 : 260 } } });
  const scale = opts.columns ? 0.6 : 1;
  return new Document({
    creator: 'Significant',
    title: model.title,
    description: model.subtitle,
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: { font: FONT, size: opts.size ?? 21 },
          // lineRule auto said outright: LibreOffice read the bare w:line as exact, and a two-line title overlapped itself.
          paragraph: { spacing: { after: opts.columns ? 20 : 100, line: opts.columns ? 240 : 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { font: FONT, size: 52, bold: true, color: '12355B' }, paragraph: { spacing: { before: 2400, after: 240 } } },
        heading1: {
          run: { font: FONT, size: Math.round(36 * scale), bold: true, color: '12355B' },
          paragraph: { spacing: { before: Math.round(240 * scale * scale), after: Math.round(160 * scale) }, keepNext: true },
        },
        heading2: {
          run: { font: FONT, size: Math.round(30 * scale), bold: true, color: '12355B' },
          paragraph: { spacing: { before: Math.round(320 * scale * scale), after: Math.round(120 * scale) }, keepNext: true },
        },
        heading3: {
          run: { font: FONT, size: Math.round(25 * scale), bold: true, color: '12355B' },
          paragraph: { spacing: { before: Math.round(240 * scale * scale), after: Math.round(100 * scale) }, keepNext: true },
        },
        heading4: {
          run: { font: FONT, size: 22, bold: true, color: '12355B' },
          paragraph: { spacing: { before: Math.round(200 * scale * scale), after: Math.round(80 * scale) }, keepNext: true },
        },
      },
      paragraphStyles: [
        { id: 'FactsheetTitle', name: 'Factsheet Title', basedOn: 'Normal', next: 'Normal', run: { size: 36, bold: true } },
        { id: 'FactsheetPart', name: 'Factsheet Part', basedOn: 'Normal', next: 'Normal', run: { size: 19, bold: true } },
        { id: 'FactsheetCategory', name: 'Factsheet Category', basedOn: 'Normal', next: 'Normal', run: { size: 18, bold: true } },
        { id: 'Kicker', name: 'Kicker', basedOn: 'Normal', run: { size: 20, color: '4A5568' }, paragraph: { spacing: { after: 60 } } },
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { size: 26, color: '4A5568' }, paragraph: { spacing: { after: 240 } } },
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          run: { italics: true, color: '4A5568' },
          paragraph: { indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: '8A6D00', space: 8 } } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: LEVELS.map((l) => ({
            level: l,
            format: LevelFormat.BULLET,
            text: ['•', '–', '◦', '·'][l % 4]!,
            alignment: AlignmentType.LEFT,
            style: indent(l),
          })),
        },
        {
          reference: 'numbers',
          levels: LEVELS.map((l) => ({
            level: l,
            format: LevelFormat.DECIMAL,
            text: `%${l + 1}.`,
            alignment: AlignmentType.LEFT,
            style: indent(l),
          })),
        },
      ],
    },
    // The factsheet alone takes narrower margins, so its two columns fit one page.
    sections: [{ properties: { page: opts.columns ? FACTSHEET_PAGE : PAGE }, children }],
  });
}

function roundCover(model: ReportModel): FileChild[] {
  const c: FileChild[] = [p(model.subtitle, { italics: true }), new Paragraph({ text: model.title, heading: HeadingLevel.TITLE })];
  if (model.period.from) c.push(p(formatPeriod(model)));
  for (const r of model.rounds) c.push(p(`${r.title}${r.meeting_date ? ` (${formatDay(model, r.meeting_date)})` : ''}`));
  c.push(p(editionLine(model), { bold: true }));
  c.push(
    p(
      `${tr(model, 'title_page.generated', { date: formatDay(model, model.generated_at) })} · ${tr(model, 'title_page.stories', { count: model.story_count })}`,
    ),
  );
  if (model.left_out_count) c.push(p(tr(model, 'left_out', { count: model.left_out_count }), { italics: true }));
  return c;
}

export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const show = sectionsOf(model);
  const c: FileChild[] = model.front ? publicationCover(model) : roundCover(model);
  c.push(
    new Paragraph({ children: [new PageBreak()] }),
    new TableOfContents(tr(model, 'sections.contents'), { hyperlink: true, headingStyleRange: '1-3' }),
  );
  if (show.introduction) c.push(...textChapter(model, 'introduction', model.front!.introduction_html));

  c.push(heading(tr(model, 'sections.partners'), 1, true));
  c.push(
    model.partners.length
      ? table(
          ['organization', 'project', 'region', 'period'].map((k) => tr(model, `partners.${k}`)),
          model.partners.map((o) => [o.name, o.project ?? '', o.region ?? '', partnerPeriod(model, o)]),
        )
      : p(tr(model, 'partners.none'), { italics: true }),
  );

  c.push(heading(tr(model, 'sections.method'), 1, true), ...materialParagraphs(model), ...model.method.paragraphs.map((x) => p(x)));
  if (model.method.questions.length)
    c.push(
      heading(tr(model, 'method.questions'), 2),
      ...model.method.questions.map(
        (q) => new Paragraph({ children: [new TextRun({ text: `${q.round}: `, bold: true }), new TextRun(q.prompt)] }),
      ),
    );
  c.push(...sourceParagraphs(model));
  if (show.rounds) c.push(...(await roundBlocks(model)));

  c.push(heading(tr(model, 'sections.themes'), 1, true), p(tr(model, 'themes.intro')));
  for (const part of model.parts) {
    c.push(...themeBlocks(model, part, 2));
    for (const cat of part.categories) c.push(...themeBlocks(model, cat, 3));
  }
  if (show.conclusions) c.push(...textChapter(model, 'conclusions', model.front!.conclusions_html));
  if (show.appendices) c.push(...appendicesBlocks(model));
  // The factsheet: a page of its own design, titled after the network.
  const sheet = factsheetOf(model);
  c.push(heading(tr(model, 'sections.factsheet'), 1, true), ...factsheetBand(sheet, false), ...factsheetParts(sheet, false));
  if (show.figures) c.push(...figureBlocks(model));
  if (show.colophon) c.push(...colophonBlocks(model));
  return Packer.toBuffer(document(model, c));
}

async function roundBlocks(model: ReportModel): Promise<FileChild[]> {
  const c: FileChild[] = [heading(tr(model, 'sections.rounds'), 1, true)];
  if (model.left_out_count) c.push(p(tr(model, 'left_out', { count: model.left_out_count }), { italics: true }));
  for (const r of model.rounds) {
    c.push(
      heading(r.title, 2),
      p(
        [r.meeting_date ? formatDay(model, r.meeting_date) : '', tr(model, 'rounds.story_count', { count: r.story_count })]
          .filter(Boolean)
          .join(' · '),
        { italics: true },
      ),
    );
    if (r.prompt)
      c.push(new Paragraph({ children: [new TextRun({ text: `${tr(model, 'rounds.prompt')} `, bold: true }), new TextRun(r.prompt)] }));
    for (const g of r.groups) {
      c.push(heading(g.name, 3));
      if (g.selected) c.push(p(tr(model, 'rounds.selected_story')), ...storyParagraphs(model, g.selected));
      else c.push(p(tr(model, g.selected_left_out ? 'rounds.selected_left_out' : 'rounds.no_selection'), { italics: true }));
      if (g.decision) c.push(p(decisionText(model, g.decision), { italics: true }));
      if (g.reasons_html) c.push(p(tr(model, 'rounds.reasons'), { bold: true }), ...htmlParagraphs(g.reasons_html));
      if (g.dissent_html) c.push(p(tr(model, 'rounds.dissent'), { bold: true }), ...htmlParagraphs(g.dissent_html));
      if (g.other_stories.length) {
        c.push(p(tr(model, 'rounds.other_stories'), { bold: true }));
        c.push(
          ...g.other_stories.map(
            (s) =>
              new Paragraph({
                text: `${s.title} (${tr(model, 'story.number', { serial: s.serial })})`,
                numbering: { reference: 'bullets', level: 0 },
              }),
          ),
        );
      }
      c.push(...groupWorkBlocks(model, g));
    }
    await yieldToLoop();
  }
  return c;
}

/** The group's own work: the learning questions of its stories, the minutes of its discussion, its backcast board. */
function groupWorkBlocks(model: ReportModel, g: ReportGroup): FileChild[] {
  const c: FileChild[] = [];
  if (g.learning_questions?.length) {
    c.push(p(tr(model, 'rounds.learning_questions'), { bold: true }));
    for (const q of g.learning_questions) {
      c.push(
        new Paragraph({
          numbering: { reference: 'bullets', level: 0 },
          children: [
            new TextRun({ text: q.story.title, bold: true }),
            new TextRun(` (${tr(model, 'story.number', { serial: q.story.serial })}): ${q.text}`),
          ],
        }),
      );
    }
  }
  if (g.minutes_html) c.push(p(tr(model, 'rounds.minutes'), { bold: true }), ...htmlParagraphs(g.minutes_html));
  if (g.backcast) {
    c.push(p(tr(model, 'rounds.backcast'), { bold: true }));
    for (const part of backcastParts(model, g.backcast)) c.push(p(part.label, { italics: true }), ...htmlParagraphs(part.html));
  }
  return c;
}

function figureBlocks(model: ReportModel): FileChild[] {
  const c: FileChild[] = [];
  c.push(heading(tr(model, 'sections.figures'), 1, true));
  for (const key of ['per_theme', 'per_organization', 'per_round'] as const) {
    c.push(
      heading(tr(model, `figures.${key}`), 2),
      table(
        [tr(model, 'figures.label'), tr(model, 'figures.count')],
        model.figures[key].map((b) => [b.label, String(b.value)]),
      ),
    );
  }
  const sel = model.figures.selected;
  c.push(
    heading(tr(model, 'figures.selected'), 2),
    p(tr(model, 'figures.selected_text', { selected: sel.selected, total: sel.total, share: percent(model, sel.share) })),
  );
  c.push(
    heading(tr(model, 'figures.participation'), 2),
    table(
      ['round', 'voters', 'members', 'organizations'].map((k) => tr(model, `figures.${k}`)),
      model.figures.participation.map((x) => [x.round, String(x.voters), String(x.members), String(x.organizations)]),
    ),
  );
  return c;
}

export async function renderFactsheetDocx(model: ReportModel): Promise<Buffer> {
  const sheet = factsheetOf(model);
  // Small type keeps the factsheet to one page, as in the source report.
  return Packer.toBuffer(document(model, [...factsheetBand(sheet, true), ...factsheetParts(sheet, true)], { columns: 2, size: 16 }));
}
