// Dates and shares read the way each language writes them in Belgium, on pages and in reports.
import { describe, expect, it } from 'vitest';
import { createPageHandlebars } from '../../server/http/views.js';
import { formatDay, percent } from '../../server/features/reports/outline.js';

describe('local formats', () => {
  it('date pages in the page language', () => {
    const render = createPageHandlebars().compile('{{formatDate day}}|{{formatDate moment}}');
    const model = { day: '2026-03-31', moment: '2026-03-31T08:05:00Z' };
    expect(render({ ...model, locale: 'fr' })).toBe('31 mars 2026|31 mars 2026, 10:05');
    expect(render({ ...model, locale: 'nl' })).toBe('31 maart 2026|31 mrt 2026, 10:05');
    expect(render({ ...model, locale: 'en' })).toBe('31 March 2026|31 Mar 2026, 10:05');
  });

  it('date reports in the report language', () => {
    expect(formatDay({ locale: 'fr' }, '2026-03-31')).toBe('31 mars 2026');
    expect(formatDay({ locale: 'nl' }, '2026-03-31')).toBe('31 maart 2026');
  });

  it('write shares as the report language does', () => {
    expect(percent({ locale: 'en' }, 0.5)).toBe('50%');
    expect(percent({ locale: 'nl' }, 0.125)).toBe('13%');
    expect(percent({ locale: 'fr' }, 0.5)).toBe('50\u00a0%');
  });
});
