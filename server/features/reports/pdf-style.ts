// The look of the PDF report: the DejaVu fonts (read once), the colours and the heading sizes.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fonts: Record<string, Buffer> | null = null;
export function fontFiles(): Record<string, Buffer> {
  fonts ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')),
    bold: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')),
    italic: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-Oblique.ttf')),
    bolditalic: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-BoldOblique.ttf')),
  };
  return fonts;
}

export const INK = '#1d2430';
export const BRAND = '#12355b';
export const MUTED = '#4a5568';
export const SIZES = { 1: 20, 2: 15, 3: 12.5, 4: 11 } as const;
