// Feedback to storytellers when a round closes: which story each group chose and why, on their home page and by mail.
import { configTerms } from '../../config.js';
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { authorNameFor } from '../../access/display-name.js';
import { runWithTerms, t, type Locale } from '../../i18n/index.js';
import { escapeHtml } from '../../lib/mail.js';
import { elementsNotedAbout } from '../stories/index.js';
import { renderMarkdown } from '../../lib/markdown.js';
import {
  closedRoundsWithStoryBy,
  ownStoriesInGroups,
  selectionsWithStories,
  storytellersOfRound,
  type Choice,
} from './feedback-repository.js';
import type { RoundRow } from './repository.js';

/** A panel of the home page: a partial under views/partials/ and the model it shows (the home feature's HomePanel shape). */
export interface FeedbackPanel {
  partial: 'home-feedback';
  model: {
    rounds: Array<{
      id: string;
      title: string;
      choices: Array<
        ReturnType<typeof describe> & ReturnType<typeof howDecided> & { own: boolean; reasons_html: string; dissent_html: string | null }
      >;
      /** The person's own stories in the round's groups, with the elements noted about each. */
      mine: Awaited<ReturnType<typeof ownFeedback>>;
    }>;
  };
}

/** How the group reached its choice, for the panel to say: by consensus, or the ballots and votes counted in the room. */
function howDecided(choice: Choice) {
  const p = JSON.parse(choice.participants) as { voted?: number; counted?: number };
  const ballots = p.voted ?? 0;
  const counted = p.counted ?? 0;
  return { consensus: choice.decided_by === 'consensus', ballots, counted, total: ballots + counted };
}

async function ownFeedback(ctx: AppContext, roundId: string, userId: string) {
  const stories = await ownStoriesInGroups(ctx.db, roundId, userId);
  const elements = await elementsNotedAbout(
    ctx.db,
    stories.map((s) => s.story_id),
    stories.map((s) => s.group_id),
  );
  return stories.map((s) => ({
    ...s,
    elements: elements
      .filter((e) => e.story_id === s.story_id && e.group_id === s.group_id)
      .map((e) => ({ text: e.text, theme_name: e.theme_name })),
  }));
}

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
export async function sendRoundFeedback(ctx: AppContext, round: RoundRow): Promise<number> {
  if (!ctx.mail.enabled) return 0;
  const [choices, recipients] = await Promise.all([selectionsWithStories(ctx.db, round.id), storytellersOfRound(ctx.db, round.id)]);
  const sent = await Promise.all(
    recipients.map((r) =>
      ctx.mail.send({
        to: r.email,
        // The network's words from its configuration, whether a request or a script closed the round.
        ...runWithTerms(configTerms(ctx.config), () => composeMail(r.locale ?? ctx.config.DEFAULT_LOCALE, round, r.name, choices)),
      }),
    ),
  );
  const count = sent.filter(Boolean).length;
  ctx.log.info({ event: 'round_feedback_mailed', round_id: round.id, sent: count }, 'round feedback mailed');
  return count;
}

/** The home-page panel: for the last closed rounds the person has a story in, what each group chose and why. */
export async function feedbackPanel(ctx: AppContext, user: CurrentUser): Promise<FeedbackPanel | null> {
  const rounds = await closedRoundsWithStoryBy(ctx.db, user.id, 5);
  if (rounds.length === 0) return null;
  const items = await Promise.all(
    rounds.map(async (r) => ({
      id: r.id,
      title: r.title,
      // Reasons are written in Markdown: the panel shows them as text, never as `**raw**` marks.
      choices: (await selectionsWithStories(ctx.db, r.id)).map((c) => ({
        ...describe(c, user),
        reasons_html: renderMarkdown(c.reasons),
        dissent_html: c.dissent ? renderMarkdown(c.dissent) : null,
        ...howDecided(c),
        own: c.author_id === user.id,
      })),
      mine: await ownFeedback(ctx, r.id, user.id),
    })),
  );
  return { partial: 'home-feedback', model: { rounds: items } };
}
