// The home-page panel of privacy: where everyone finds their data, and administrators the operations page.
import { managesPeople } from '../../access/roles.js';
import type { CurrentUser } from '../../access/current-user.js';

/** A partial under views/partials/ and the model it shows (the home feature's HomePanel shape). */
export interface PrivacyPanel {
  partial: 'operations-panel';
  model: { admin: boolean };
}

export async function privacyPanel(_ctx: unknown, user: CurrentUser): Promise<PrivacyPanel> {
  return { partial: 'operations-panel', model: { admin: managesPeople(user) } };
}
