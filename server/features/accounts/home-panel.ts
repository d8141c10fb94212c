// The administrator's home-page panel: how many people have each role, the invitations still waiting, the way to operations.
import type { CurrentUser } from '../../access/current-user.js';
import { managesPeople } from '../../access/roles.js';
import type { AppContext } from '../../context.js';
import { nowIso } from '../../lib/ids.js';
import { countActiveByRole, openInvitations } from './repository.js';

const ROLES = ['storyteller', 'facilitator', 'observer', 'admin'] as const;

/** A partial under views/partials/ and the model it displays (the home feature's HomePanel shape). */
export interface PeoplePanel {
  partial: 'home-people';
  model: {
    roles: Array<{ role: (typeof ROLES)[number]; role_key: string; count: number }>;
    invitations: Array<{ user_id: string; name: string; role: string; expires_at: string }>;
  };
}

export async function peoplePanel(ctx: Pick<AppContext, 'db'>, user: CurrentUser): Promise<PeoplePanel | null> {
  if (!managesPeople(user)) return null;
  const [counts, invitations] = await Promise.all([countActiveByRole(ctx.db), openInvitations(ctx.db, nowIso(), 20)]);
  const roles = ROLES.map((role) => ({
    role,
    role_key: `users.roles.${role}`,
    count: Number(counts.find((c) => c.role === role)?.n ?? 0),
  }));
  return { partial: 'home-people', model: { roles, invitations } };
}
