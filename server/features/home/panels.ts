// What the home page shows a signed-in person besides the welcome: each feature adds its panel here.
import type { FastifyInstance } from 'fastify';
import type { CurrentUser } from '../../access/current-user.js';

/** A panel is a partial under views/partials/ and the model it displays. */
export interface HomePanel {
  partial: string;
  model: Record<string, unknown>;
}

type PanelSource = (app: FastifyInstance, user: CurrentUser) => Promise<HomePanel | null>;

const sources: PanelSource[] = [];

/** Features register their panel once, at route registration. */
export function addHomePanel(source: PanelSource): void {
  if (!sources.includes(source)) sources.push(source);
}

export async function homePanels(app: FastifyInstance, user: CurrentUser): Promise<HomePanel[]> {
  const panels = await Promise.all(sources.map((source) => source(app, user)));
  return panels.filter((p): p is HomePanel => p !== null);
}
