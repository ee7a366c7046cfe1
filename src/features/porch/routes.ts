/** The front porch's own page, "My things" (the porch itself is the community's page). */
import { h } from 'preact';
import { Type } from 'typebox';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { mine } from '../../platform/porch.ts';
import { viewOf } from '../../web/view.ts';
import { MinePage } from './pages/porch.tsx';

const CommunityParams = Type.Object({ community: Type.String({ maxLength: 100 }) });

/** Registers `/c/:community/mine`, in the community scope (members only). */
export function porchRoutes(app: App): void {
  app.get(
    '/c/:community/mine',
    { config: { pageCache: true }, schema: { hide: true, params: CommunityParams } },
    async (req, reply) =>
      sendPage(reply, h(MinePage, { view: viewOf(req, reply), parts: await mine(req.ctx) })),
  );
}
