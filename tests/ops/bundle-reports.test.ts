// The server as `npm start` runs it (the esbuild bundle) lays out PDF and DOCX reports in its worker thread: the
// thread's own entry must be in the bundle and found from it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ADMIN, buildServer, freePort, kill, startServer, tokenFor } from '../../scripts/crash.js';
import { freshDatabase } from '../helpers/app.js';

const run = promisify(execFile);

describe('reports from the bundled server', () => {
  it('answers PDF, DOCX and the factsheet, laid out in the worker thread, while /healthz stays up', async () => {
    const database = await freshDatabase();
    const server = await buildServer();
    const port = await freePort();
    const { child } = await startServer(database.url, port, {}, server.entry);
    const base = `http://127.0.0.1:${port}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-reports-'));
    try {
      const admin = await tokenFor(base, ADMIN.email, ADMIN.password);
      const facilitator = { email: 'bundle-facilitator@example.org', password: 'a long enough password here' };
      const made = await fetch(`${base}/api/v1/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...facilitator, name: 'Facilitator', role: 'facilitator' }),
      });
      expect(made.status).toBe(201);
      const token = await tokenFor(base, facilitator.email, facilitator.password);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const created = await fetch(`${base}/api/v1/rounds`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ title: 'Ronde in de bundel', voting_method: 'plurality' }),
      });
      expect(created.status).toBe(201);
      const round = (await created.json()) as { id: string };
      const get = async (query: string) => {
        const res = await fetch(`${base}/api/v1/rounds/${round.id}/report?preview=true&${query}`, { headers });
        return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
      };
      const [pdf, docx, factsheet, health] = await Promise.all([
        get('format=pdf'),
        get('format=docx'),
        get('format=pdf&part=factsheet'),
        fetch(`${base}/healthz`),
      ]);
      expect(health.status).toBe(200);
      expect(pdf.status).toBe(200);
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      expect(docx.status).toBe(200);
      expect(docx.body.subarray(0, 2).toString()).toBe('PK');
      expect(factsheet.status).toBe(200);
      expect(factsheet.body.subarray(0, 5).toString()).toBe('%PDF-');
      const file = path.join(dir, 'report.pdf');
      fs.writeFileSync(file, pdf.body);
      const { stdout } = await run('pdftotext', [file, '-']);
      expect(stdout).toContain('Ronde in de bundel');
    } finally {
      await kill(child);
      server.remove();
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
