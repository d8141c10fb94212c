// Outgoing mail through nodemailer when SMTP_URL is set (json:// and stream:// for tests); without it, mail is quietly skipped.
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import { maskEmails } from './redact.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

interface MailerState {
  /** nodemailer loads on first use: most starts never send a mail. */
  transport: Promise<Transporter> | null;
  /** With SMTP_URL=json:// the sent messages are kept here, so tests can read what went out. */
  outbox: Array<MailMessage & { from: string }>;
  json: boolean;
}

// One mailer per app configuration: no module-wide singleton shared between apps.
const mailers = new WeakMap<Config, MailerState>();

/** A stuck SMTP server must not hold a close for minutes: short timeouts unless the URL sets its own. */
function withTimeouts(url: string): string {
  try {
    const u = new URL(url);
    for (const [k, v] of [
      ['connectionTimeout', '10000'],
      ['greetingTimeout', '10000'],
      ['socketTimeout', '20000'],
    ] as const) {
      if (!u.searchParams.has(k)) u.searchParams.set(k, v);
    }
    return u.toString();
  } catch {
    return url;
  }
}

function makeMailer(config: Config): MailerState {
  const url = config.SMTP_URL;
  if (!url) return { transport: null, outbox: [], json: false };
  const json = url === 'json://' || url === 'json:';
  const stream = url === 'stream://' || url === 'stream:';
  const transport = import('nodemailer').then(({ default: nodemailer }) => {
    if (json) return nodemailer.createTransport({ jsonTransport: true });
    if (stream) return nodemailer.createTransport({ streamTransport: true, buffer: true });
    return nodemailer.createTransport(withTimeouts(url));
  });
  return { transport, outbox: [], json };
}

function mailerFor(config: Config): MailerState {
  let mailer = mailers.get(config);
  if (!mailer) {
    mailer = makeMailer(config);
    mailers.set(config, mailer);
  }
  return mailer;
}

export function mailEnabled(config: Config): boolean {
  return Boolean(config.SMTP_URL);
}

/** The messages sent so far with SMTP_URL=json:// (empty otherwise). */
export function mailOutbox(config: Config): ReadonlyArray<MailMessage & { from: string }> {
  return mailerFor(config).outbox;
}

/** Sends one mail; never throws: a failure is logged (without the content) and reported as false. */
export async function sendMail(config: Config, log: FastifyBaseLogger, message: MailMessage): Promise<boolean> {
  const mailer = mailerFor(config);
  if (!mailer.transport) return false;
  try {
    const info = (await (await mailer.transport).sendMail({ from: config.MAIL_FROM, ...message })) as { message?: unknown };
    if (mailer.json && typeof info.message === 'string') mailer.outbox.push({ ...message, from: config.MAIL_FROM });
    return true;
  } catch (err) {
    // A refusal from the mail server often quotes the recipient's address: masked.
    log.error({ err: { message: maskEmails((err as Error).message), code: (err as { code?: string }).code } }, 'mail not sent');
    return false;
  }
}

/** Escapes text for the simple HTML part of a mail. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The mailer services receive in their context: whether mail is on, and one call that sends (never throws). */
export interface Mailer {
  readonly enabled: boolean;
  send(message: MailMessage): Promise<boolean>;
}

export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  return { enabled: mailEnabled(config), send: (message) => sendMail(config, log, message) };
}
