// Query schemas for report downloads: the format, the factsheet alone, the language, several rounds for a network report.
import { z } from 'zod';
import { id, localeSchema } from '../../lib/schemas.js';

export const REPORT_FORMATS = ['html', 'md', 'docx', 'pdf', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const FACTSHEET_FORMATS = ['html', 'pdf', 'docx', 'md'] as const;

/** `preview=true` (or 1) asks for the live state; any other value is refused rather than read as false. */
const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

const base = {
  format: z.enum(REPORT_FORMATS).default('html'),
  part: z.enum(['factsheet']).optional(),
  lang: localeSchema.optional(),
  version: z.coerce.number().int().min(1).max(100000).optional(),
  preview: flag,
};

function coherentQuery(value: { format: string; part?: string; version?: number; preview?: boolean }, ctx: z.RefinementCtx): void {
  if (value.part === 'factsheet' && !(FACTSHEET_FORMATS as readonly string[]).includes(value.format)) {
    ctx.addIssue({ code: 'custom', path: ['format'], message: 'reports.errors.factsheet_format' });
  }
  if (value.preview && value.version !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['version'], message: 'reports.errors.preview_version' });
  }
}

export const reportQuery = z.object(base).superRefine(coherentQuery);
export type ReportQuery = z.output<typeof reportQuery>;

export const networkReportQuery = z
  .object({
    ...base,
    round_ids: z
      .union([z.string().max(5000), z.array(z.string().max(5000)).max(50)])
      .transform((v) => [
        ...new Set(
          (Array.isArray(v) ? v : [v])
            .flatMap((s) => s.split(','))
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(id).min(1).max(50)),
  })
  .superRefine(coherentQuery);

export const roundParams = z.object({ id });
