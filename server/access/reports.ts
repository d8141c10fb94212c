// What a report (which leaves the platform) may print of a story: the author's consent, the one implementation of it.
// Who may read a report is the round's rule (rounds.ts); this file answers what goes into it.

/** The facts the consent rules look at, as stored (0/1) or as booleans. */
export interface StoryConsent {
  status: string;
  consent_report: number | boolean;
  consent_quote: number | boolean;
}

const yes = (value: number | boolean) => value === true || value === 1;

/** A story appears in reports (rounds, themes, register, opening stories) only once submitted and while its author agrees. */
export function mayReportStory(story: Pick<StoryConsent, 'status' | 'consent_report'>): boolean {
  return story.status === 'submitted' && yes(story.consent_report);
}

/** A passage of a story may be quoted (and a quote printed) only when the author agrees to the report and to quoting. */
export function mayQuoteStory(story: StoryConsent): boolean {
  return mayReportStory(story) && yes(story.consent_quote);
}
