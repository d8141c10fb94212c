// The consent rules a report obeys (server/access/reports.ts): submitted stories whose author agreed, quotes only with both consents.
import { describe, expect, it } from 'vitest';
import { mayQuoteStory, mayReportStory } from '../../../server/access/reports.js';

describe('what a report may print of a story', () => {
  it('reports a submitted story whose author agreed, never a draft or a refused one', () => {
    expect(mayReportStory({ status: 'submitted', consent_report: 1 })).toBe(true);
    expect(mayReportStory({ status: 'submitted', consent_report: true })).toBe(true);
    expect(mayReportStory({ status: 'submitted', consent_report: 0 })).toBe(false);
    expect(mayReportStory({ status: 'draft', consent_report: 1 })).toBe(false);
  });

  it('quotes only where the author agreed to the report and to quoting', () => {
    expect(mayQuoteStory({ status: 'submitted', consent_report: 1, consent_quote: 1 })).toBe(true);
    expect(mayQuoteStory({ status: 'submitted', consent_report: 1, consent_quote: 0 })).toBe(false);
    expect(mayQuoteStory({ status: 'submitted', consent_report: 0, consent_quote: 1 })).toBe(false);
    expect(mayQuoteStory({ status: 'draft', consent_report: 1, consent_quote: 1 })).toBe(false);
  });
});
