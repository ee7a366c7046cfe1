/** The six steps guide's page and API, for stewards. */
import { h } from 'preact';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { viewOf } from '../../web/view.ts';
import { StepsPage } from './pages/steps.tsx';
import { CommunityParams, GuideOut } from './schema.ts';
import { sixSteps } from './service.ts';

/** Registers `/c/:community/steps` and its API, in the community scope. */
export function stepsRoutes(app: App): void {
  app.get('/c/:community/steps', { schema: { hide: true, params: CommunityParams } }, async (req, reply) =>
    sendPage(reply, h(StepsPage, { view: viewOf(req, reply), guide: await sixSteps(req.ctx) })),
  );
  app.get(
    '/api/v1/communities/:community/steps',
    {
      schema: {
        tags: ['steps'],
        summary: 'The six steps guide',
        description:
          'Identify a need, host an open gathering, co-create guidelines, launch a pilot, gather feedback, celebrate: each step’s state (not started, under way, done) read from the community’s data, and the next action. Stewards only (403 `steps.errors.only_stewards`).',
        params: CommunityParams,
        response: { 200: GuideOut },
      },
    },
    async (req) => sixSteps(req.ctx),
  );
}
