// The one path every page form takes: parse, act, and on a problem render the same form again with what was typed.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, NotFound, TooManyRequests, type FieldError } from '../errors.js';
import type { Locale } from '../i18n/index.js';
import { localizeFieldErrors, localizedIssues } from '../lib/schemas.js';
import type { Access } from './auth.js';
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

/** Fields a form never shows again: passwords (and the CSRF token, which every page renders afresh). */
const NEVER_SHOWN_AGAIN = /password|^_csrf$/;

/** The submitted fields as they were typed (never a password or the CSRF token), to fill the form again. */
export function typedValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([key]) => !NEVER_SHOWN_AGAIN.test(key)));
}

/** A wait in whole minutes (at least one): what a person is told after too many attempts. */
export function waitMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * A refusal shown on the form with its own status (401, 409, 429, ...): the message beside `refusal.path` ('' for the
 * whole form). A wait (429) passes its minutes as {count} and sets Retry-After.
 */
function refusalState(reply: FastifyReply, err: AppError, refusal: FieldError, values: Record<string, unknown>, locale: Locale) {
  let params = { ...err.params, ...refusal.params };
  if (err instanceof TooManyRequests) {
    reply.header('retry-after', String(err.retryAfterSeconds));
    params = { ...params, count: waitMinutes(err.retryAfterSeconds) };
  }
  return formState(values, [{ ...refusal, params }], locale);
}

export interface FormOptions<S extends z.ZodType> {
  schema: S;
  /** What the form shows again after a failure; the submitted body by default. */
  values?: Record<string, unknown>;
  /**
   * Does the work and answers where to go next (303), or answers itself (a page shown once, like new recovery codes).
   * Throw a ValidationError to show field errors.
   */
  action: (input: z.output<S>) => Promise<string | FastifyReply>;
  /** Renders the form; called with status 422 and the form state after a failure. */
  render: (state: FormState, status: number) => Promise<FastifyReply>;
  /** The page a refused state change (409) returns to, with its reason as a message (the page that holds the form). */
  back: string;
  /**
   * Refusals the action may throw that this form shows itself, with their own status, instead of going `back` or to an
   * error page: an AppError code (`unauthorized`, `too_many_requests`, `last_admin`) -> the message and its field.
   */
  refusals?: Record<string, FieldError>;
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
    const next = await opts.action(parsed.data);
    return typeof next === 'string' ? reply.redirect(next, 303) : next;
  } catch (err) {
    const refusal = err instanceof AppError ? opts.refusals?.[err.code] : undefined;
    if (err instanceof AppError && refusal) {
      return opts.render(refusalState(reply, err, refusal, values, request.locale), err.status === 400 ? 422 : err.status);
    }
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

/** Renders a form page with a state and a status: the same function serves submitForm and a throttled form. */
export type FormPage = (request: FastifyRequest, reply: FastifyReply, state: FormState, status: number) => Promise<FastifyReply>;

/**
 * Route options of a form limited per address (sign-in, set-up, invitations): the attempt is counted once the body is
 * read and its CSRF token checked, and a refusal shows the same form again with what was typed and `message` (an i18n
 * key told the wait in minutes as {count}), status 429 with Retry-After, instead of an error page.
 */
export function limitedForm(access: Access, page: FormPage, message: string) {
  return {
    config: { access, rateLimit: { hook: 'preHandler' as const } },
    async errorHandler(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
      // Everything else goes on to the app's error handler.
      if (!(error instanceof TooManyRequests)) throw error;
      request.log.warn({ event: 'form_throttled', route: request.routeOptions.url }, 'too many attempts from one address');
      const state = refusalState(reply, error, { path: '', message }, typedValues(request.body), request.locale);
      return page(request, reply, state, 429);
    },
  };
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

/**
 * A multipart form (a file upload) is not parsed before the CSRF check, so such a form sends its token in the query
 * string: this onRequest hook hands it to the check as the csrf-token header.
 */
export async function csrfTokenFromQuery(request: FastifyRequest): Promise<void> {
  const token = (request.query as Record<string, unknown>)._csrf;
  if (typeof token === 'string' && token.length < 200) request.headers['csrf-token'] = token;
}
