// Guests: people who joined one group with a code. The one place that says what a guest may do; everything else is a 403.
import type { CurrentUser, GuestScope } from './current-user.js';
import { runsRounds } from './roles.js';

export type { GuestScope };

/**
 * How a route lets a guest in (its `config.guests`); a route that does not say is closed to guests (403), whatever its
 * `access` allows the roles:
 * - 'own-group': the route's `:id` is a group, and only the guest's own group is allowed;
 * - 'group-story': the route's `:id` is a story, and only a story of the guest's group is allowed;
 * - 'self': the guest's own session or token (signing out, revoking the token in use, the home page that sends it on).
 */
export type GuestRoute = 'own-group' | 'group-story' | 'self';

/** Guests' person rows carry an address under the reserved .invalid domain (RFC 2606): no mail reaches it, no one signs in. */
export const GUEST_EMAIL_DOMAIN = 'guests.invalid';

export function guestEmail(userId: string): string {
  return `guest-${userId}@${GUEST_EMAIL_DOMAIN}`;
}

/**
 * Whether a person row is a guest's, also after its group is gone (groups formed again remove the guests table row with
 * the group): such a guest has nothing left to act in and must never turn into an ordinary observer.
 */
export function isGuestRow(row: { email: string }): boolean {
  return row.email.endsWith(`@${GUEST_EMAIL_DOMAIN}`);
}

export function isGuest(user: Pick<CurrentUser, 'guest'> | null): boolean {
  return user?.guest !== undefined;
}

/**
 * Whether a guest may call a route at all, before any object is read: only the routes that declare `guests`, and only
 * on its own group and that group's stories. Outside, the answer is always 403, whether the object exists or not (a
 * guest learns nothing about other groups, not even that they exist).
 */
export function guestMayCall(scope: GuestScope, rule: GuestRoute | undefined, params: Readonly<Record<string, unknown>>): boolean {
  if (rule === 'self') return true;
  if (rule === 'own-group') return params.id === scope.groupId;
  if (rule === 'group-story') return typeof params.id === 'string' && scope.storyIds.includes(params.id);
  return false;
}

/** A round that is closed ends its guests: their token and session stop working. */
export function guestStillActive(round: { phase: string }): boolean {
  return round.phase !== 'closed';
}

/** Facilitators make and revoke the join codes of a round's groups. */
export function mayManageJoinCodes(user: CurrentUser): boolean {
  return runsRounds(user) && !isGuest(user);
}
