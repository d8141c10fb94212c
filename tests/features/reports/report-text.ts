// The readable text of a downloaded report in any format, so tests can ask what a reader would find in it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

export function pdfText(buffer: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, buffer);
  try {
    // Lines break where the page does: one space between words makes phrases findable.
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function docxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

/** The text of a report body: PDF and DOCX unpacked, the other formats as they are. */
export async function reportText(format: string, body: Buffer): Promise<string> {
  if (format === 'pdf') return pdfText(body);
  if (format === 'docx') return docxText(body);
  return body.toString('utf8');
}
