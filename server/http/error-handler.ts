// The one place errors become answers: problem+json (RFC 9457) under /api/, an error page everywhere else.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, NotFound, TooManyRequests, Unauthorized, ValidationError, type FieldError } from '../errors.js';
import { negotiate, t, type Locale } from '../i18n/index.js';
import { localizeFieldErrors, localizedIssues } from '../lib/schemas.js';
import { isApiRequest } from './api-or-page.js';

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  422: 'validation',
  429: 'too_many_requests',
};

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

/** Re-checks the request part that failed against its route schema, so the messages come in the caller's language. */
function validationErrors(request: FastifyRequest, err: FastifyError): FieldError[] {
  const context = (err as { validationContext?: string }).validationContext ?? 'body';
  const schemas = request.routeOptions.schema as Record<string, z.ZodType | undefined> | undefined;
  const schema = schemas?.[context];
  const data =
    context === 'querystring'
      ? request.query
      : context === 'params'
        ? request.params
        : context === 'headers'
          ? request.headers
          : request.body;
  if (schema && typeof schema.safeParse === 'function') {
    const result = schema.safeParse(data);
    if (!result.success) return localizedIssues(result.error.issues, request.locale);
  }
  return [{ path: '', message: err.message }];
}

function toAppError(request: FastifyRequest, err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) return new ValidationError(validationErrors(request, err as FastifyError));
  const status = (err as FastifyError).statusCode;
  if (status === 429) {
    const retry = Number((err as { retryAfter?: number }).retryAfter ?? 60);
    return new TooManyRequests(Number.isFinite(retry) ? Math.ceil(retry) : 60);
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, STATUS_CODES[status] ?? 'bad_request', err.message);
  }
  return new AppError(500, 'internal', 'Internal server error');
}

function problemFor(locale: Locale, error: AppError, requestId: string): Problem {
  const title = t(locale, error.titleKey, error.params);
  const detail =
    error.status >= 500 ? t(locale, 'errors.internal_detail', { id: requestId }) : t(locale, `${error.titleKey}_detail`, error.params);
  return {
    type: error.status >= 500 ? 'about:blank' : `/problems/${error.code}`,
    title,
    status: error.status,
    detail: detail === `${error.titleKey}_detail` ? title : detail,
    ...(error.errors ? { errors: localizeFieldErrors(error.errors, locale) } : {}),
  };
}

async function sendPage(request: FastifyRequest, reply: FastifyReply, error: AppError, problem: Problem): Promise<void> {
  const template = error.status === 404 ? 'errors/404' : error.status >= 500 ? 'errors/5xx' : 'errors/4xx';
  try {
    await reply.page(template, { title: problem.title, problem, requestId: request.id }, error.status);
  } catch (renderError) {
    request.log.error({ err: renderError }, 'error page failed to render');
    // A plain page with nothing from the request in it but the escaped id.
    const id = String(request.id).replace(/[^\w-]/g, '');
    reply
      .code(error.status)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><html lang="en"><title>Error ${error.status}</title><h1>Error ${error.status}</h1><p>Request ${id}</p></html>`);
  }
}

/**
 * Errors the router meets before any hook runs (an undecodable URL, an over-long path parameter): no session or
 * locale exists yet, so the language comes from Accept-Language and the page is a plain one. Still problem+json on the API.
 */
export function answerFrameworkError(defaultLocale: Locale) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
    const locale = negotiate(request.headers['accept-language'], defaultLocale);
    const error = new AppError(status, status === 414 ? 'uri_too_long' : 'bad_request', err.message);
    const problem = problemFor(locale, error, String(request.id));
    if (isApiRequest(request)) {
      reply.code(status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
      return;
    }
    const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    reply
      .code(status)
      .header('content-security-policy', "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'")
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escape(problem.title)}</title><link rel="stylesheet" href="/public/css/app.css"></head><body><main class="wrap"><h1>${escape(problem.title)}</h1><p>${escape(problem.detail)}</p><p><a href="/">${escape(t(locale, 'errors.home_link'))}</a></p></main></body></html>`,
      );
  };
}

export default fp(
  async (app) => {
    app.setErrorHandler(async (err: FastifyError, request, reply) => {
      const error = toAppError(request, err);
      if (error.status >= 500) request.log.error({ err }, 'request failed');
      if (error instanceof Unauthorized && !isApiRequest(request) && request.method === 'GET') {
        const next = encodeURIComponent(request.url);
        return reply.redirect(`/sign-in?next=${next}`, 303);
      }
      const problem = problemFor(request.locale, error, String(request.id));
      if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
      if (isApiRequest(request)) {
        return reply.code(error.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
      }
      return sendPage(request, reply, error, problem);
    });

    app.setNotFoundHandler(async (request, reply) => {
      const error = new NotFound();
      const problem = problemFor(request.locale, error, String(request.id));
      if (isApiRequest(request)) return reply.code(404).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
      return sendPage(request, reply, error, problem);
    });
  },
  { name: 'error-handler', dependencies: ['views', 'i18n'] },
);
