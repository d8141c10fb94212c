// PostgreSQL backups: pg_dump writes a custom-format archive that pg_restore can read (pg_dump must be installed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupPostgres } from '../../server/features/operations/backup.js';
import { buildTestApp } from '../helpers/app.js';
import { apiUser } from '../helpers/factories.js';

describe('PostgreSQL backup', () => {
  it('dumps with pg_dump and checks the archive with pg_restore --list', async () => {
    const app = await buildTestApp();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'significant-backup-'));
    try {
      await apiUser(app, 'admin');
      const url = (app.config.DATABASE_URL as { url: string }).url;
      const file = path.join(dir, 'dump.pgc');
      const result = backupPostgres(url, file);
      expect(result.entries).toBeGreaterThan(10);
      expect(fs.statSync(file).size).toBe(result.bytes);
      // The dump holds people's stories: readable by its owner only.
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
