// The one path every page form takes: parse, act, and on a problem render the same form again with what was typed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, NotFound, type FieldError } from '../errors.js';
import type { Locale } from '../i18n/index.js';
import { localizeFieldErrors, localizedIssues } from '../lib/schemas.js';
import { setFlash } from './views.js';

/** What a form template needs to show a failed submission: the summary at the top and a message beside each field. */
export interface FormState {
  values: Record<string, unknown>;
  errors: FieldError[];
  fieldErrors: Record<string, string>;
}

/** Field errors in the caller's language, with the first message per field for the field partials. */
export function formState(values: Record<string, unknown>, errors: readonly FieldError[], locale: Locale): FormState {
  const localized = localizeFieldErrors(errors, locale);
  const fieldErrors: Record<string, string> = {};
  for (const e of localized) fieldErrors[e.path || '_form'] ??= e.message;
  return { values, errors: localized, fieldErrors };
}

/** The submitted fields as they were typed (never the CSRF token), to fill the form again. */
export function typedValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  const { _csrf: _token, ...rest } = body as Record<string, unknown>;
  return rest;
}

export interface FormOptions<S extends z.ZodType> {
  schema: S;
  /** What the form shows again after a failure; the submitted body by default. */
  values?: Record<string, unknown>;
  /** Does the work and answers where to go next (303). Throw a ValidationError to show field errors. */
  action: (input: z.output<S>) => Promise<string>;
  /** Renders the form; called with status 422 and the form state after a failure. */
  render: (state: FormState, status: number) => Promise<FastifyReply>;
  /** The page a refused state change (409) returns to, with its reason as a message (the page that holds the form). */
  back: string;
}

/**
 * Parses the body with `schema`; a failure, or a 400 from the action, re-renders the form (422) with the values kept,
 * an error summary and a message beside each field; a 409 returns to `back` with its reason; success redirects (303).
 */
export async function submitForm<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  opts: FormOptions<S>,
): Promise<FastifyReply> {
  const values = opts.values ?? typedValues(request.body);
  const parsed = opts.schema.safeParse(request.body ?? {});
  if (!parsed.success) return opts.render(formState(values, localizedIssues(parsed.error.issues, request.locale), request.locale), 422);
  try {
    return reply.redirect(await opts.action(parsed.data), 303);
  } catch (err) {
    if (err instanceof AppError && err.status === 400) {
      return opts.render(formState(values, err.errors ?? [{ path: '', message: err.message }], request.locale), 422);
    }
    if (err instanceof AppError && err.status === 409) {
      flashProblem(request, err);
      return reply.redirect(opts.back, 303);
    }
    throw err;
  }
}

/** A refused state change as a one-time message on the next page, in the caller's language. */
export function flashProblem(request: FastifyRequest, err: AppError): void {
  const detail = request.t(`${err.titleKey}_detail`, err.params);
  setFlash(request, 'error', detail === `${err.titleKey}_detail` ? request.t(err.titleKey, err.params) : detail);
}

const idParams = z.object({ id: z.string().min(1).max(100) }).passthrough();

/** The ids in a page address; a malformed one is simply not found (404), never a 500. */
export function pageParams(params: unknown): { id: string } & Record<string, string> {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new NotFound();
  return parsed.data as { id: string } & Record<string, string>;
}

/** A form field that may come once or many times (checkboxes) as a list of strings. */
export function many(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];
}
