// Feedback to storytellers when a round closes: which story each group chose and why, on their home page and by mail.
import type { FastifyInstance } from 'fastify';
import type { DbOrTrx } from '../../db/database.js';
import type { RoundRow } from './repository.js';
import { t, type Locale } from '../../i18n/index.js';
import type { CurrentUser } from '../../access/current-user.js';
import { authorNameFor } from '../../access/display-name.js';
import type { HomePanel } from '../home/index.js';
import { escapeHtml, mailEnabled, sendMail } from '../../lib/mail.js';

/** Each group's selection in the round, with what is needed to name the story and (through authorNameFor) its author. */
async function selectionsWithStories(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('selections')
    .innerJoin('round_groups', 'round_groups.id', 'selections.group_id')
    .innerJoin('stories', 'stories.id', 'selections.story_id')
    .select([
      'round_groups.name as group_name',
      'selections.reasons',
      'selections.dissent',
      'selections.selected_at',
      'stories.id as story_id',
      'stories.title',
      'stories.author_id',
      'stories.author_name',
      'stories.anonymous',
    ])
    .where('round_groups.round_id', '=', roundId)
    .orderBy('round_groups.created_at')
    .orderBy('round_groups.name')
    .execute();
}

type Choice = Awaited<ReturnType<typeof selectionsWithStories>>[number];

function describe(choice: Choice, viewer: Pick<CurrentUser, 'id'> | null) {
  return {
    group_name: choice.group_name,
    story_id: choice.story_id,
    title: choice.title,
    reasons: choice.reasons,
    dissent: choice.dissent,
    author_name: authorNameFor(choice, viewer),
  };
}

function composeMail(locale: Locale, round: RoundRow, name: string, choices: Choice[]) {
  const items = choices.map((c) => describe(c, null));
  const by = (author: string | null) => (author ? t(locale, 'rounds.mail.by', { name: author }) : t(locale, 'rounds.mail.anonymous'));
  const subject = t(locale, 'rounds.mail.subject', { title: round.title });
  const text = [
    t(locale, 'rounds.mail.greeting', { name }),
    '',
    t(locale, 'rounds.mail.intro', { title: round.title }),
    '',
    ...items.flatMap((c) => [
      `${c.group_name}: "${c.title}" (${by(c.author_name)})`,
      `${t(locale, 'rounds.mail.reasons')}: ${c.reasons}`,
      ...(c.dissent ? [`${t(locale, 'rounds.mail.dissent')}: ${c.dissent}`] : []),
      '',
    ]),
    t(locale, 'rounds.mail.closing'),
  ].join('\n');
  const html = [
    `<p>${escapeHtml(t(locale, 'rounds.mail.greeting', { name }))}</p>`,
    `<p>${escapeHtml(t(locale, 'rounds.mail.intro', { title: round.title }))}</p>`,
    ...items.map((c) =>
      [
        `<h2>${escapeHtml(c.group_name)}: ${escapeHtml(c.title)}</h2>`,
        `<p><em>${escapeHtml(by(c.author_name))}</em></p>`,
        `<p><strong>${escapeHtml(t(locale, 'rounds.mail.reasons'))}:</strong> ${escapeHtml(c.reasons)}</p>`,
        c.dissent ? `<p><strong>${escapeHtml(t(locale, 'rounds.mail.dissent'))}:</strong> ${escapeHtml(c.dissent)}</p>` : '',
      ].join(''),
    ),
    `<p>${escapeHtml(t(locale, 'rounds.mail.closing'))}</p>`,
  ].join('\n');
  return { subject, text, html };
}

/** Mails every storyteller with a story in the closed round; each mail on its own, a failure never stops the others. */
export async function sendRoundFeedback(app: FastifyInstance, round: RoundRow): Promise<number> {
  if (!mailEnabled(app.config)) return 0;
  const [choices, recipients] = await Promise.all([
    selectionsWithStories(app.db, round.id),
    app.db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'locale'])
      .where('active', '=', 1)
      .where(
        'id',
        'in',
        app.db
          .selectFrom('round_stories')
          .innerJoin('stories', 'stories.id', 'round_stories.story_id')
          .select('stories.author_id')
          .where('round_stories.round_id', '=', round.id)
          .where('stories.author_id', 'is not', null),
      )
      .execute(),
  ]);
  const sent = await Promise.all(
    recipients.map((r) =>
      sendMail(app.config, app.log, { to: r.email, ...composeMail(r.locale ?? app.config.DEFAULT_LOCALE, round, r.name, choices) }),
    ),
  );
  app.log.info({ event: 'round_feedback_mailed', round_id: round.id, sent: sent.filter(Boolean).length }, 'round feedback mailed');
  return sent.filter(Boolean).length;
}

/** The home-page panel: for the last closed rounds the person has a story in, what each group chose and why. */
export async function feedbackPanel(app: FastifyInstance, user: CurrentUser): Promise<HomePanel | null> {
  const rounds = await app.db
    .selectFrom('rounds')
    .select(['id', 'title', 'updated_at'])
    .where('phase', '=', 'closed')
    .where(
      'id',
      'in',
      app.db
        .selectFrom('round_stories')
        .innerJoin('stories', 'stories.id', 'round_stories.story_id')
        .select('round_stories.round_id')
        .where('stories.author_id', '=', user.id),
    )
    .orderBy('updated_at', 'desc')
    .limit(5)
    .execute();
  if (rounds.length === 0) return null;
  const items = await Promise.all(
    rounds.map(async (r) => ({
      id: r.id,
      title: r.title,
      choices: (await selectionsWithStories(app.db, r.id)).map((c) => ({ ...describe(c, user), own: c.author_id === user.id })),
    })),
  );
  return { partial: 'home-feedback', model: { rounds: items } };
}
