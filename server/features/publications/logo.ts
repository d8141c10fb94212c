// A publication's logo: the upload is decoded (so only a real PNG or JPEG passes, whatever its name or type says),
// bounded in bytes and pixels, turned upright, stripped of its metadata and resized to fit the cover.
import { ValidationError } from '../../errors.js';
import type { ReportLogo } from '../reports/index.js';

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** A decompression bomb (a small file with an enormous image) stops at decoding. */
const LOGO_MAX_PIXELS = 40_000_000;
/** Twice the size it is printed at on the cover (about 8 x 4 cm), so it stays sharp in print. */
const FIT = { width: 900, height: 450 };

const refused = (message: string) => new ValidationError([{ path: 'logo', message }]);

// sharp (libvips) is a native library: loaded on the first upload, not at every start.
const loadSharp = async () => (await import('sharp')).default;

/** The checked, resized logo, or a 400 naming the field `logo` with what is wrong in the person's words. */
export async function normalizeLogo(upload: Buffer | null): Promise<ReportLogo> {
  if (!upload || upload.length === 0) throw refused('publications.errors.logo_missing');
  if (upload.length > LOGO_MAX_BYTES) throw refused('publications.errors.logo_too_large');
  const sharp = await loadSharp();
  let format: string | undefined;
  try {
    format = (await sharp(upload, { limitInputPixels: LOGO_MAX_PIXELS }).metadata()).format;
  } catch {
    throw refused('publications.errors.logo_not_image');
  }
  if (format !== 'png' && format !== 'jpeg') throw refused('publications.errors.logo_not_image');
  try {
    const image = sharp(upload, { limitInputPixels: LOGO_MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ ...FIT, fit: 'inside', withoutEnlargement: true });
    const { data, info } = await (
      format === 'png' ? image.png({ compressionLevel: 9 }) : image.jpeg({ quality: 85, mozjpeg: true })
    ).toBuffer({
      resolveWithObject: true,
    });
    return { type: format === 'png' ? 'image/png' : 'image/jpeg', width: info.width, height: info.height, base64: data.toString('base64') };
  } catch {
    // A file whose header is an image but whose data is broken (or too many pixels) is no image either.
    throw refused('publications.errors.logo_not_image');
  }
}
