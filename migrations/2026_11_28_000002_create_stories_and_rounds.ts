// Themes, stories (with versions, themes, comments, elements), rounds, groups, ballots, selections and quotes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('themes.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opening_story_id', 'text')
    .addColumn('practice', 'text')
    .addColumn('practice_html', 'text')
    .addColumn('challenges', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text')
    .addColumn('template', 'text', (c) => c.notNull().defaultTo('msc'))
    .addColumn('voting_method', 'text', (c) => c.notNull().check(sql`voting_method in ('plurality', 'ranked', 'points')`))
    .addColumn('points_per_voter', 'integer')
    .addColumn('parent_round_id', 'text', (c) => c.references('rounds.id').onDelete('set null'))
    .addColumn('meeting_date', 'text')
    .addColumn('submission_deadline', 'text')
    .addColumn('hide_results', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('phase', 'text', (c) =>
      c
        .notNull()
        .defaultTo('collecting')
        .check(sql`phase in ('collecting', 'discussing', 'voting', 'closed')`),
    )
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'integer', (c) => c.notNull().unique())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('round_id', 'text', (c) => c.references('rounds.id').onDelete('set null'))
    .addColumn('template', 'text', (c) => c.notNull().defaultTo('msc'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('story', 'text', (c) => c.notNull())
    .addColumn('story_html', 'text', (c) => c.notNull())
    .addColumn('significance', 'text', (c) => c.notNull())
    .addColumn('significance_html', 'text', (c) => c.notNull())
    .addColumn('learning_question', 'text')
    .addColumn('extra', 'text')
    .addColumn('role', 'text')
    .addColumn('story_date', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'submitted')`),
    )
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
    .addColumn('consent_report', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('consent_quote', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_created').on('stories').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('stories_author').on('stories').column('author_id').execute();
  await db.schema.createIndex('stories_status').on('stories').column('status').execute();

  await db.schema
    .createTable('story_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('story_versions_story_version', ['story_id', 'version'])
    .execute();

  await db.schema
    .createTable('story_themes')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('story_themes_pk', ['story_id', 'theme_id'])
    .execute();
  await db.schema.createIndex('story_themes_theme').on('story_themes').column('theme_id').execute();

  await db.schema
    .createTable('round_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('from_phase', 'text')
    .addColumn('to_phase', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('round_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('facilitator_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('iteration', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('round_groups_round').on('round_groups').column('round_id').execute();

  await db.schema
    .createTable('round_stories')
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('source_group_id', 'text', (c) => c.references('round_groups.id').onDelete('set null'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_stories_pk', ['round_id', 'story_id'])
    .execute();
  await db.schema.createIndex('round_stories_story').on('round_stories').column('story_id').execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('round_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_members_user').on('group_members').column('user_id').execute();

  await db.schema
    .createTable('group_stories')
    .addColumn('group_id', 'text', (c) => c.notNull().references('round_groups.id').onDelete('cascade'))
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_stories_pk', ['group_id', 'story_id'])
    .execute();
  await db.schema.createIndex('group_stories_story').on('group_stories').column('story_id').execute();

  await db.schema
    .createTable('group_iterations')
    .addColumn('group_id', 'text', (c) => c.notNull().references('round_groups.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('candidate_ids', 'text', (c) => c.notNull())
    .addColumn('tallies', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addPrimaryKeyConstraint('group_iterations_pk', ['group_id', 'number'])
    .execute();

  await db.schema
    .createTable('ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('round_groups.id').onDelete('cascade'))
    .addColumn('iteration', 'integer', (c) => c.notNull())
    .addColumn('voter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // One ballot per member per group and iteration: a second one is impossible, not merely unlikely.
    .addUniqueConstraint('ballots_one_per_voter', ['group_id', 'iteration', 'voter_id'])
    .execute();

  await db.schema
    .createTable('selections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().unique().references('round_groups.id').onDelete('cascade'))
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('dissent', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('tallies', 'text', (c) => c.notNull())
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('tie_break_reason', 'text')
    .addColumn('selected_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('selected_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.references('round_groups.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_story').on('comments').column('story_id').execute();

  await db.schema
    .createTable('story_elements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.references('rounds.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.references('round_groups.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('theme_id', 'text', (c) => c.references('themes.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('story_elements_story').on('story_elements').column('story_id').execute();

  await db.schema
    .createTable('quotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    'quotes',
    'story_elements',
    'comments',
    'selections',
    'ballots',
    'group_iterations',
    'group_stories',
    'group_members',
    'round_stories',
    'round_groups',
    'round_transitions',
    'story_themes',
    'story_versions',
    'stories',
    'rounds',
    'themes',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
