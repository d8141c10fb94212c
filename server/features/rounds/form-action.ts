// Runs a page form's action: a 400 from the service re-renders the form (422, values kept); a 409 comes back as a flash message.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, NotFound, type FieldError } from '../../errors.js';
import { setFlash } from '../../http/views.js';

const idParams = z.object({ id: z.string().min(1).max(100), elementId: z.string().min(1).max(100).optional() });

/** The ids in a page address; a malformed one is simply not found (404), never a 500. */
export function pageParams(params: unknown): { id: string; elementId?: string } {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new NotFound();
  return parsed.data;
}

/** A form field that may come once or many times (checkboxes) as a list of strings. */
export function many(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];
}

export function byField(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.path || '_form'] ??= e.message;
  return out;
}

/**
 * The one place page forms catch service errors, because a form must re-render rather than lose what was typed.
 * `rerender` gets the field errors; `back` is where a refused state change (409) returns to, with its reason.
 */
export async function formAction(
  request: FastifyRequest,
  reply: FastifyReply,
  action: () => Promise<string>,
  opts: { rerender: (errors: FieldError[]) => Promise<FastifyReply>; back: string },
): Promise<FastifyReply> {
  try {
    const next = await action();
    return reply.redirect(next, 303);
  } catch (err) {
    if (err instanceof AppError && err.status === 400) return opts.rerender(err.errors ?? [{ path: '', message: err.message }]);
    if (err instanceof AppError && err.status === 409) {
      const detail = request.t(`${err.titleKey}_detail`, err.params);
      setFlash(request, 'error', detail === `${err.titleKey}_detail` ? request.t(err.titleKey, err.params) : detail);
      return reply.redirect(opts.back, 303);
    }
    throw err;
  }
}
