// The mails a round sends its participants (it opened, its deadline nears, you were invited): one shape, the person's language.
import { configTerms } from '../../config.js';
import type { AppContext } from '../../context.js';
import { isLocale, runWithTerms, t, type Locale } from '../../i18n/index.js';
import { formatDate } from '../../lib/dates.js';
import { escapeHtml, type MailMessage } from '../../lib/mail.js';
import { hasPublicUrl, publicLink } from '../../lib/public-url.js';

/** What a round mail tells about the round. */
export interface MailRound {
  id: string;
  title: string;
  prompt: string | null;
  template: string;
  submission_deadline: string | null;
}

export interface MailPerson {
  email: string;
  name: string;
  locale: string | null;
}

function formatDeadline(value: string, locale: Locale): string {
  return formatDate(value, locale, value.length <= 10 ? 'date' : 'long-datetime');
}

/** What the reader is asked to do, as a message key and the address it opens (null: the mail says where to go instead). */
export interface MailAction {
  key: string;
  link: string | null;
  fallback: string;
}

/** "Write your story here": the round's story form, at PUBLIC_URL only (a background mail has no request to trust). */
export function writeAction(ctx: Pick<AppContext, 'config'>, round: Pick<MailRound, 'id'>): MailAction {
  return {
    key: 'write_at',
    link: hasPublicUrl(ctx.config) ? publicLink(ctx.config, `/stories/new?round_id=${encodeURIComponent(round.id)}`) : null,
    fallback: 'write_signed_in',
  };
}

/**
 * One mail in the person's language (their own, else the platform's): greeting, `intro`, the question, the form, the
 * deadline, what to do, a thank-you. Message keys are under meetings.mail. The network's own words come from the
 * configuration, not from a request: the timer (mailings.ts) sends these mails outside any request.
 */
export function composeRoundMail(
  ctx: Pick<AppContext, 'config'>,
  round: MailRound,
  person: MailPerson,
  parts: { subject: string; intro: string; params?: Record<string, string>; action: MailAction },
): MailMessage {
  return runWithTerms(configTerms(ctx.config), () => compose(ctx, round, person, parts));
}

function compose(
  ctx: Pick<AppContext, 'config'>,
  round: MailRound,
  person: MailPerson,
  parts: { subject: string; intro: string; params?: Record<string, string>; action: MailAction },
): MailMessage {
  const locale: Locale = isLocale(person.locale) ? person.locale : ctx.config.DEFAULT_LOCALE;
  const deadline = round.submission_deadline ? formatDeadline(round.submission_deadline, locale) : null;
  const params = { title: round.title, deadline: deadline ?? '', ...parts.params };
  const say = (key: string, more: Record<string, string> = {}) => t(locale, `meetings.mail.${key}`, { ...params, ...more });
  const { action } = parts;
  const paragraphs = [
    say('greeting', { name: person.name }),
    say(parts.intro),
    ...(round.prompt ? [say('question', { prompt: round.prompt })] : []),
    say('form', { form: t(locale, `rounds.template.${round.template}`) }),
    ...(deadline ? [say('deadline')] : []),
    action.link ? say(action.key, { link: action.link }) : say(action.fallback),
    say('closing'),
  ];
  return {
    to: person.email,
    subject: say(parts.subject),
    text: paragraphs.join('\n\n'),
    html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
  };
}
