// The PDF report (pdfkit, DejaVu fonts, no browser): laid out once, with the contents' pages kept aside and filled in
// with the page numbers at the end.
import type { Readable } from 'node:stream';
import { blocksToText, htmlToBlocks } from './blocks.js';
import { INTL_LOCALES } from '../../i18n/index.js';
import { yieldToLoop } from './model.js';
import { backcastParts, quoteCaption, sectionsOf, storyFieldsOf, themeCountText } from './front-text.js';
import { decisionText, editionLine, formatDay, formatPeriod, partnerPeriod, percent, tableOfContents, tr } from './outline.js';
import { appendicesChapter, colophonChapter, materialParagraphs, publicationCover, sourceList, textChapter } from './pdf-front.js';
import { factsheetOf } from './factsheet.js';
import { drawFactsheet } from './pdf-factsheet.js';
import { PdfWriter } from './pdf-writer.js';
import type { ReportGroup, ReportModel, ReportQuote, ReportStory, ReportTheme } from './types.js';

const QUOTE = { bar: '#8a6d00', fill: '#fffbea' };
const REASONS = { bar: '#2f6b3a', fill: '#eef6ee' };
const DISSENT = { bar: '#a03030', fill: '#fdf0f0' };
const TOC_LINES_PER_PAGE = 40;

function story(w: PdfWriter, model: ReportModel, s: ReportStory): void {
  w.heading(4, s.title, s.anchor);
  const meta = [
    s.author ?? tr(model, 'story.anonymous'),
    s.role,
    s.organization,
    s.date ? formatDay(model, s.date) : null,
    tr(model, 'story.number', { serial: s.serial }),
  ];
  w.text(meta.filter(Boolean).join(' · '), { italic: true, color: '#4a5568', size: 9.5 });
  w.html(s.story_html);
  for (const f of storyFieldsOf(model, s)) {
    w.text(f.label, { bold: true });
    if (f.html) w.html(f.html);
    else w.text(f.text ?? '');
  }
  if (s.learning_question) w.runs([{ text: `${tr(model, 'story.learning_question')} `, bold: true }, { text: s.learning_question }]);
  w.text(tr(model, 'story.significance'), { bold: true });
  w.html(s.significance_html);
}

function theme(w: PdfWriter, model: ReportModel, t: ReportTheme, level: 2 | 3): void {
  w.heading(level, t.name, t.anchor);
  if (t.description) w.text(t.description);
  w.text(themeCountText(model, t), { italic: true, color: '#4a5568', size: 9.5 });
  if (t.opening_story) story(w, model, t.opening_story);
  const frame = (q: ReportQuote) =>
    w.frame(`“${q.text}”`, quoteCaption(model, q), QUOTE, { italic: true, ...(q.in_full && q.story ? { goTo: q.story.anchor } : {}) });
  if (t.practice_parts?.length) {
    w.heading(4, tr(model, 'themes.practice'));
    for (const part of t.practice_parts) {
      if (part.quote) frame(part.quote);
      else w.html(part.html);
    }
  } else if (t.practice_html) {
    w.heading(4, tr(model, 'themes.practice'));
    w.html(t.practice_html);
  }
  for (const q of t.quotes) frame(q);
  if (t.challenges.length) {
    w.heading(4, tr(model, 'themes.challenges'));
    w.items(t.challenges);
  }
  if (t.actions.length) {
    w.heading(4, tr(model, 'themes.actions'));
    w.items(t.actions);
  }
}

function roundCover(w: PdfWriter, model: ReportModel): void {
  w.doc.moveDown(8);
  w.text(model.subtitle.toUpperCase(), { color: '#4a5568', size: 10 });
  w.text(model.title, { bold: true, size: 26, color: '#12355b' });
  if (model.period.from) w.text(formatPeriod(model), { size: 12 });
  w.doc.moveDown(1);
  for (const r of model.rounds) w.text(`${r.title}${r.meeting_date ? ` (${formatDay(model, r.meeting_date)})` : ''}`);
  w.doc.moveDown(1);
  w.text(editionLine(model), { bold: true, size: 11 });
  w.text(
    `${tr(model, 'title_page.generated', { date: formatDay(model, model.generated_at) })} · ${tr(model, 'title_page.stories', { count: model.story_count })}`,
    { color: '#4a5568', size: 9.5 },
  );
  if (model.left_out_count) w.text(tr(model, 'left_out', { count: model.left_out_count }), { italic: true });
}

/**
 * The table of contents, drawn last on the pages kept for it (`first`, 0-based, the first of them from `top`): its
 * length is known from the model, 40 lines a page, so the pages after it are numbered right while they are written.
 */
function contents(w: PdfWriter, toc: ReturnType<typeof tableOfContents>, first: number, top: number): void {
  const pages = new Map(w.headings.map((h) => [h.anchor, h.page]));
  w.doc.switchToPage(first);
  w.doc.y = top;
  toc.forEach((e, i) => {
    if (i > 0 && i % TOC_LINES_PER_PAGE === 0) {
      w.doc.switchToPage(first + i / TOC_LINES_PER_PAGE);
      w.doc.y = w.doc.page.margins.top;
    }
    const indent = (e.level - 1) * 16;
    const y = w.doc.y;
    w.doc
      .font(e.level === 1 ? 'bold' : 'regular')
      .fontSize(10.5)
      .fillColor('#1d2430')
      .text(e.title, w.left + indent, y, { width: w.width - indent - 40, goTo: e.anchor, lineBreak: false, ellipsis: true, height: 14 });
    w.doc
      .font('regular')
      .text(String(pages.get(e.anchor) ?? ''), w.left + w.width - 36, y, { width: 36, align: 'right', lineBreak: false });
    w.doc.x = w.left;
    w.doc.y = y + 17;
  });
}

/** Writes the whole report, the contents last on the pages kept for them. */
async function write(w: PdfWriter, model: ReportModel): Promise<void> {
  const toc = tableOfContents(model);
  const show = sectionsOf(model);
  if (model.front) publicationCover(w, model);
  else roundCover(w, model);

  w.newPage();
  const tocFirst = w.page - 1;
  w.text(tr(model, 'sections.contents'), { bold: true, size: 20, color: '#12355b' });
  const tocTop = w.doc.y;
  for (let i = TOC_LINES_PER_PAGE; i < toc.length; i += TOC_LINES_PER_PAGE) w.newPage();
  w.keepPages(w.page);

  if (show.introduction) textChapter(w, model, 'introduction', model.front!.introduction_html);

  w.heading(1, tr(model, 'sections.partners'), 'partners');
  if (model.partners.length) {
    w.table(
      ['organization', 'project', 'region', 'period'].map((k) => tr(model, `partners.${k}`)),
      model.partners.map((o) => [o.name, o.project ?? '', o.region ?? '', partnerPeriod(model, o)]),
      [3, 3, 2, 3],
    );
  } else w.text(tr(model, 'partners.none'), { italic: true });

  w.heading(1, tr(model, 'sections.method'), 'method');
  materialParagraphs(w, model);
  for (const p of model.method.paragraphs) w.text(p);
  if (model.method.questions.length) {
    w.heading(4, tr(model, 'method.questions'));
    for (const q of model.method.questions) w.runs([{ text: `${q.round}: `, bold: true }, { text: q.prompt }]);
  }
  sourceList(w, model);

  if (show.rounds) await roundsChapter(w, model);

  w.heading(1, tr(model, 'sections.themes'), 'themes');
  w.text(tr(model, 'themes.intro'));
  for (const part of model.parts) {
    theme(w, model, part, 2);
    for (const c of part.categories) theme(w, model, c, 3);
    await yieldToLoop();
  }
  if (show.conclusions) textChapter(w, model, 'conclusions', model.front!.conclusions_html);
  if (show.appendices) appendicesChapter(w, model);

  // The factsheet is a page of its own design, titled after the network; the contents still lead to it.
  w.newPage();
  w.mark(1, tr(model, 'sections.factsheet'), 'factsheet');
  drawFactsheet(w, factsheetOf(model));

  if (show.figures) figuresChapter(w, model);
  if (show.colophon) colophonChapter(w, model);
  contents(w, toc, tocFirst, tocTop);
}

async function roundsChapter(w: PdfWriter, model: ReportModel): Promise<void> {
  w.heading(1, tr(model, 'sections.rounds'), 'rounds');
  if (model.left_out_count) w.text(tr(model, 'left_out', { count: model.left_out_count }), { italic: true });
  for (const r of model.rounds) {
    w.heading(2, r.title, `round-${r.id}`);
    w.text(
      [r.meeting_date ? formatDay(model, r.meeting_date) : '', tr(model, 'rounds.story_count', { count: r.story_count })]
        .filter(Boolean)
        .join(' · '),
      { italic: true, color: '#4a5568', size: 9.5 },
    );
    if (r.prompt) w.runs([{ text: `${tr(model, 'rounds.prompt')} `, bold: true }, { text: r.prompt }]);
    for (const g of r.groups) {
      w.heading(3, g.name, `group-${g.id}`);
      if (g.selected) {
        w.text(tr(model, 'rounds.selected_story'));
        story(w, model, g.selected);
      } else w.text(tr(model, g.selected_left_out ? 'rounds.selected_left_out' : 'rounds.no_selection'), { italic: true });
      if (g.decision) w.text(decisionText(model, g.decision), { italic: true });
      if (g.reasons_html) w.frame(blocksToText(htmlToBlocks(g.reasons_html)), tr(model, 'rounds.reasons'), REASONS, { captionFirst: true });
      if (g.dissent_html) w.frame(blocksToText(htmlToBlocks(g.dissent_html)), tr(model, 'rounds.dissent'), DISSENT, { captionFirst: true });
      if (g.other_stories.length) {
        w.text(tr(model, 'rounds.other_stories'), { bold: true });
        w.items(g.other_stories.map((s) => ({ text: `${s.title} (${tr(model, 'story.number', { serial: s.serial })})` })));
      }
      groupWork(w, model, g);
      await yieldToLoop();
    }
  }
}

/** The group's own work: the learning questions of its stories, the minutes of its discussion, its backcast board. */
function groupWork(w: PdfWriter, model: ReportModel, g: ReportGroup): void {
  if (g.learning_questions?.length) {
    w.text(tr(model, 'rounds.learning_questions'), { bold: true });
    w.items(
      g.learning_questions.map((q) => ({ text: `${q.story.title} (${tr(model, 'story.number', { serial: q.story.serial })}): ${q.text}` })),
    );
  }
  if (g.minutes_html) {
    w.heading(4, tr(model, 'rounds.minutes'));
    w.html(g.minutes_html);
  }
  if (g.backcast) {
    w.heading(4, tr(model, 'rounds.backcast'));
    for (const part of backcastParts(model, g.backcast)) {
      w.text(part.label, { bold: true });
      w.html(part.html);
    }
  }
}

function figuresChapter(w: PdfWriter, model: ReportModel): void {
  w.heading(1, tr(model, 'sections.figures'), 'figures');
  for (const key of ['per_theme', 'per_organization', 'per_round'] as const) {
    w.heading(4, tr(model, `figures.${key}`));
    w.bars(model.figures[key]);
  }
  const sel = model.figures.selected;
  w.heading(4, tr(model, 'figures.selected'));
  w.text(tr(model, 'figures.selected_text', { selected: sel.selected, total: sel.total, share: percent(model, sel.share) }));
  w.heading(4, tr(model, 'figures.participation'));
  w.table(
    ['round', 'voters', 'members', 'organizations'].map((k) => tr(model, `figures.${k}`)),
    model.figures.participation.map((x) => [x.round, String(x.voters), String(x.members), String(x.organizations)]),
    [4, 2, 2, 2],
  );
}

/** The PDF as a stream; its pages stay in memory until the contents are filled in, then all stream out. */
export async function renderPdf(model: ReportModel): Promise<Readable> {
  const w = new PdfWriter({ title: model.title, language: INTL_LOCALES[model.locale] }, (page) => `${model.title} · ${page}`, {
    bufferPages: true,
  });
  await yieldToLoop();
  write(w, model).then(
    () => w.doc.end(),
    (err: Error) => w.doc.destroy(err),
  );
  return w.doc;
}

export async function renderFactsheetPdf(model: ReportModel): Promise<Readable> {
  const sheet = factsheetOf(model);
  const w = new PdfWriter({ title: `${sheet.kicker}: ${sheet.title}`, language: INTL_LOCALES[model.locale] }, () => model.title);
  w.doc.outline.addItem(tr(model, 'sections.factsheet'));
  drawFactsheet(w, sheet);
  w.doc.end();
  return w.doc;
}

/** The whole PDF in memory, for tests and the benchmark. */
export async function pdfBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
