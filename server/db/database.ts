// The Database interface that every Kysely query is typed against, assembled from tables/*.ts.
import type { Kysely, Transaction } from 'kysely';
import type { ApiTokensTable, InvitationsTable, OrganizationsTable, SessionsTable, UsersTable } from './tables/accounts.js';
import type {
  BallotsTable,
  CountedVotesTable,
  GroupIterationsTable,
  GroupMembersTable,
  GroupStoriesTable,
  RoundGroupsTable,
  RoundMailingsTable,
  RoundParticipantsTable,
  RoundStoriesTable,
  RoundTransitionsTable,
  RoundsTable,
  SelectionsTable,
} from './tables/rounds.js';
import type {
  CommentsTable,
  StoriesTable,
  StoryElementsTable,
  StoryImportsTable,
  StoryThemesTable,
  StoryVersionsTable,
} from './tables/stories.js';
import type { GuestsTable, JoinCodesTable } from './tables/join.js';
import type { GroupBackcastsTable, GroupMinutesTable } from './tables/groupwork.js';
import type { PublicationRoundsTable, PublicationsTable } from './tables/publications.js';
import type { PublicationSourcesTable, SourceElementsTable, SourceQuotesTable, SourcesTable, SourceThemesTable } from './tables/sources.js';
import type { ReportSnapshotsTable } from './tables/reports.js';
import type { AuditLogTable, RateLimitsTable, SettingsTable } from './tables/system.js';
import type { ElementMergesTable, QuotesTable, ThemesTable } from './tables/themes.js';

export interface Database {
  users: UsersTable;
  organizations: OrganizationsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  settings: SettingsTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  themes: ThemesTable;
  quotes: QuotesTable;
  stories: StoriesTable;
  story_versions: StoryVersionsTable;
  story_themes: StoryThemesTable;
  comments: CommentsTable;
  story_elements: StoryElementsTable;
  element_merges: ElementMergesTable;
  story_imports: StoryImportsTable;
  rounds: RoundsTable;
  round_transitions: RoundTransitionsTable;
  round_stories: RoundStoriesTable;
  round_groups: RoundGroupsTable;
  group_members: GroupMembersTable;
  group_stories: GroupStoriesTable;
  group_iterations: GroupIterationsTable;
  ballots: BallotsTable;
  selections: SelectionsTable;
  counted_votes: CountedVotesTable;
  round_participants: RoundParticipantsTable;
  round_mailings: RoundMailingsTable;
  report_snapshots: ReportSnapshotsTable;
  publications: PublicationsTable;
  publication_rounds: PublicationRoundsTable;
  join_codes: JoinCodesTable;
  guests: GuestsTable;
  sources: SourcesTable;
  source_themes: SourceThemesTable;
  source_elements: SourceElementsTable;
  source_quotes: SourceQuotesTable;
  publication_sources: PublicationSourcesTable;
  group_minutes: GroupMinutesTable;
  group_backcasts: GroupBackcastsTable;
}

export type Db = Kysely<Database>;
/** Repositories take either the database or a transaction as their first argument. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';
