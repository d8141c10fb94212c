// The platform itself: whether it is healthy (its database answers), and a person's choice of language.
import type { AppContext } from '../../context.js';
import type { Locale } from '../../i18n/index.js';
import { updateLocale } from '../accounts/index.js';
import { ping } from './repository.js';

/** Resolves once the database answers a query; throws (a 500) when it does not. */
export async function checkHealth(ctx: Pick<AppContext, 'db'>): Promise<{ status: 'ok' }> {
  await ping(ctx.db);
  return { status: 'ok' };
}

/** A signed-in person's language choice is kept on their account too, so it follows them to other devices. */
export async function chooseLanguage(ctx: Pick<AppContext, 'db'>, userId: string | null, locale: Locale): Promise<void> {
  if (userId) await updateLocale(ctx.db, userId, locale);
}
