// AppError and its subclasses: services throw these, one handler turns them into problem+json or an error page.

/**
 * A problem with one field. `message` is an i18n key (for example `stories.errors.unknown_round`) with its `params`,
 * translated where the answer is made (the error handler, the form helper) in the caller's language; services never
 * take a locale to build one. A message that is no key is shown as it is. A parameter that is text kept outside the
 * catalogs (a story-form template's label) comes in every language, and the caller's is used.
 */
export interface FieldError {
  path: string;
  message: string;
  params?: Record<string, string | number | PerLocale>;
}

/** The same text in each language, by locale code ({en: 'My story', nl: 'Mijn verhaal'}). */
export type PerLocale = Readonly<Record<string, string>>;

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  /** An i18n key for the title shown to people; the message stays for logs. */
  readonly titleKey: string;
  readonly errors?: FieldError[];
  readonly params?: Record<string, string | number>;

  constructor(
    status: number,
    code: string,
    message: string,
    opts: { errors?: FieldError[]; params?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.titleKey = `errors.${code}`;
    this.errors = opts.errors;
    this.params = opts.params;
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[], message = 'The request is not valid') {
    super(400, 'validation', message, { errors });
  }
}
export class Unauthorized extends AppError {
  constructor(message = 'Sign in first') {
    super(401, 'unauthorized', message);
  }
}
export class Forbidden extends AppError {
  constructor(message = 'You may not do this') {
    super(403, 'forbidden', message);
  }
}
export class NotFound extends AppError {
  constructor(message = 'Not found') {
    super(404, 'not_found', message);
  }
}
export class Conflict extends AppError {
  constructor(message: string, code = 'conflict', params?: Record<string, string | number>) {
    super(409, code, message, { params });
  }
}
export class PayloadTooLarge extends AppError {
  constructor(message = 'The request is too large') {
    super(413, 'too_large', message);
  }
}
export class TooManyRequests extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = 'Too many attempts') {
    super(429, 'too_many_requests', message, { params: { seconds: retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
