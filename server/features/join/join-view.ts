// The join code as the group page (and the projector) shows it: the code in large type, its link and its QR code.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayManageJoinCodes } from '../../access/guests.js';
import type { JoinCodeView } from './schemas.js';
import { liveJoinCode } from './service.js';

/** The code in two halves ("K7M Q2P"), easier to read from the back of a room and to type on a phone. */
export function spacedCode(code: string): string {
  return code.length > 4 ? `${code.slice(0, Math.ceil(code.length / 2))} ${code.slice(Math.ceil(code.length / 2))}` : code;
}

/** A QR code of the link as an SVG data URL: an <img> the strict CSP allows (img-src 'self' data:). */
export async function qrDataUrl(url: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export interface JoinPanel {
  groupId: string;
  /** The round still takes guests (not closed): a code can be made. */
  open: boolean;
  /** `qr` is null without PUBLIC_URL: a phone cannot open a bare path, so the panel says where to go instead. */
  live: (JoinCodeView & { spaced: string; qr: string | null }) | null;
}

export async function joinPanelView(groupId: string, open: boolean, live: JoinCodeView | null): Promise<JoinPanel> {
  if (!live) return { groupId, open, live: null };
  const qr = /^https?:\/\//.test(live.join_url) ? await qrDataUrl(live.join_url) : null;
  return { groupId, open, live: { ...live, spaced: spacedCode(live.code), qr } };
}

/**
 * The join code of a group as its facilitator sees it (code, link, QR, whether one can be made), or null for everyone
 * else. `baseUrl`: where the link points (http/base-url.ts baseUrlOf).
 */
export async function joinPanel(
  ctx: Pick<AppContext, 'db'>,
  user: CurrentUser,
  group: { id: string },
  round: { phase: string },
  baseUrl: string,
): Promise<JoinPanel | null> {
  if (!mayManageJoinCodes(user)) return null;
  return joinPanelView(group.id, round.phase !== 'closed', await liveJoinCode(ctx, user, group.id, baseUrl));
}
