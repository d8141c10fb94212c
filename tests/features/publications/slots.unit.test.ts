// The slots colleagues fill later render today: sources counted in the method ("25 stories, 15 site visits, 5 meeting
// reports") and listed, backcast boards as an appendix, in every format; a snapshot read in another language.
import { describe, expect, it } from 'vitest';
import { inLocale } from '../../../server/features/reports/relocalize.js';
import { renderReport } from '../../../server/features/reports/render.js';
import type { ReportModel } from '../../../server/features/reports/types.js';
import { formTemplate } from '../../../server/features/stories/index.js';
import { reportText } from '../reports/report-text.js';

function model(): ReportModel {
  return {
    kind: 'publication',
    locale: 'nl',
    generated_at: '2026-12-01T10:00:00.000Z',
    edition: { version: 3, published_at: '2026-12-01T10:00:00.000Z' },
    title: 'Lerend netwerk: de publicatie',
    subtitle: 'Most Significant Change: het thematisch rapport',
    period: { from: '2018-09-01', to: '2020-03-31' },
    rounds: [],
    partners: [{ name: 'OCMW Ieper', project: 'Schakel-In', region: 'West-Vlaanderen', starts_on: '2017-12-01', ends_on: '2019-02-28' }],
    method: { paragraphs: ['Een methodiek.'], questions: [] },
    parts: [],
    figures: { per_theme: [], per_organization: [], per_round: [], selected: { selected: 0, total: 0, share: 0 }, participation: [] },
    register: [],
    story_count: 25,
    left_out_count: 0,
    front: {
      network_name: 'Lerend netwerk outreachend werken',
      logo: null,
      introduction_html: '<p>Inleiding.</p>',
      conclusions_html: null,
      colophon_html: '<p>Auteurs.</p>',
      licence: 'cc-by-nc-4.0',
      material: {
        meetings: 5,
        groups: 12,
        stories: 25,
        sources: [
          { kind: 'site_visit', count: 15 },
          { kind: 'meeting_notes', count: 5 },
        ],
      },
      sources: [{ id: 's1', kind: 'site_visit', title: 'Plaatsbezoek OCMW Ieper', date: '2018-11-05' }],
      forms: [formTemplate('backcast')],
      backcasts: [
        {
          round: 'Bijeenkomst 5',
          group: 'Groep A',
          dream_html: '<p>Outreachend werken is verankerd.</p>',
          solution_html: '<p>Een vaste functie.</p>',
          steps_html: '<ul><li>beleid overtuigen</li></ul>',
          needs_html: '<p>Middelen.</p>',
        },
      ],
    },
  };
}

async function text(m: ReportModel, format: 'html' | 'md' | 'docx' | 'pdf'): Promise<string> {
  const out = await renderReport(m, format);
  const body = typeof out.body === 'string' ? Buffer.from(out.body) : Buffer.isBuffer(out.body) ? out.body : await collect(out.body);
  return reportText(format, body);
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('slots of the publication model', () => {
  it('counts and lists sources, and prints the backcast boards, in HTML, Markdown, DOCX and PDF', async () => {
    for (const format of ['html', 'md', 'docx', 'pdf'] as const) {
      const t = await text(model(), format);
      expect(t, format).toContain('Deze publicatie steunt op 5 bijeenkomsten van het netwerk, waarin de verhalen in 12 groepen');
      expect(t, format).toContain(
        'Voor de analyse verwerkten we 25 verhalen, 15 verslagen van plaatsbezoeken en 5 verslagen van bijeenkomsten.',
      );
      expect(t, format).toContain('Plaatsbezoek OCMW Ieper');
      expect(t, format).toContain('Bijlage 1: Backcast: van droom naar volgende stappen');
      expect(t, format).toContain('Bijlage 2: Backcast-oefening');
      for (const phrase of ['Bijeenkomst 5: Groep A', 'Droom', 'Outreachend werken is verankerd.', 'Welke stappen?', 'beleid overtuigen']) {
        expect(t, `${format}: ${phrase}`).toContain(phrase);
      }
    }
  });

  it('reads a Dutch snapshot in English: the labels and generated texts change, the written ones do not', async () => {
    const en = await text(inLocale(model(), 'en'), 'html');
    expect(en).toContain('For the analysis we drew on 25 stories, 15 site visit reports and 5 meeting reports.');
    expect(en).toContain('Appendix 2: Backcast boards');
    expect(en).toContain('Outreachend werken is verankerd.');
    expect(en).toContain('Version 3, published on 1 December 2026');
  });
});
