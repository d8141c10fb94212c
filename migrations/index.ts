// Every migration, by name, in order. A new migration file is added here too (a test checks none is missing).
import type { Migration } from 'kysely';
import * as m0001 from './2026_11_28_000001_create_accounts.js';
import * as m0002 from './2026_11_28_000002_create_stories_and_rounds.js';
import * as m0003 from './2026_11_28_000003_create_story_search.js';
import * as m100101 from './2026_11_28_100101_add_users_mfa_last_step.js';
import * as m100201 from './2026_11_28_100201_create_story_imports.js';
import * as m20261201160000 from './2026_12_01_160000_index_stories_newest_first.js';
import * as m20261202100000 from './2026_12_02_100000_create_report_snapshots.js';
import * as m20261203120000 from './2026_12_03_120000_create_round_participants.js';
import * as m20261204100000 from './2026_12_04_100000_create_counted_votes.js';
import * as m20261204120000 from './2026_12_04_120000_add_title_to_report_snapshots.js';
import * as m20261204120100 from './2026_12_04_120100_create_publications.js';
import * as m20261205100000 from './2026_12_05_100000_create_join_codes_and_guests.js';
import * as m20261205110000 from './2026_12_05_110000_create_sources.js';
import * as m20261205153000 from './2026_12_05_153000_add_anonymity_fields_to_stories.js';
import * as m20261205160000 from './2026_12_05_160000_create_group_minutes_and_backcasts.js';
import * as m20261206110000 from './2026_12_06_110000_add_last_version_to_stories.js';
import * as m20261206110100 from './2026_12_06_110100_backfill_stories_last_version.js';
import * as m20261206120000 from './2026_12_06_120000_create_element_merges.js';

export const migrations: Record<string, Migration> = {
  '2026_11_28_000001_create_accounts': m0001,
  '2026_11_28_000002_create_stories_and_rounds': m0002,
  '2026_11_28_000003_create_story_search': m0003,
  '2026_11_28_100101_add_users_mfa_last_step': m100101,
  '2026_11_28_100201_create_story_imports': m100201,
  '2026_12_01_160000_index_stories_newest_first': m20261201160000,
  '2026_12_02_100000_create_report_snapshots': m20261202100000,
  '2026_12_03_120000_create_round_participants': m20261203120000,
  '2026_12_04_100000_create_counted_votes': m20261204100000,
  '2026_12_04_120000_add_title_to_report_snapshots': m20261204120000,
  '2026_12_04_120100_create_publications': m20261204120100,
  '2026_12_05_100000_create_join_codes_and_guests': m20261205100000,
  '2026_12_05_110000_create_sources': m20261205110000,
  '2026_12_05_153000_add_anonymity_fields_to_stories': m20261205153000,
  '2026_12_05_160000_create_group_minutes_and_backcasts': m20261205160000,
  '2026_12_06_110000_add_last_version_to_stories': m20261206110000,
  '2026_12_06_110100_backfill_stories_last_version': m20261206110100,
  '2026_12_06_120000_create_element_merges': m20261206120000,
};
