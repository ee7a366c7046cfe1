/**
 * Pilots' JSON API under `/api/v1/communities/:community/`. Active members see them (401 signed
 * out, 403 otherwise); stewards start them (from a survey's suggestion or from scratch); their
 * team and stewards change, launch, and write the halfway note and the retrospective (403
 * otherwise). Another community's pilot is 404; a state that refuses the action (a draft's note, a
 * finished pilot's change) is 409 with a `code`; input that cannot be (a last day before the
 * first, a team member who is not a member, a link to a thing not of this community) is 422
 * naming the field, and writes nothing.
 */
import type { App } from '../../platform/module.ts';
import {
  CommunityParams,
  HalfwayIn,
  PilotChangeIn,
  PilotIn,
  PilotListOut,
  PilotOut,
  PilotParams,
  pilotLimit,
  RetrospectiveIn,
  SuggestedIn,
} from './schema.ts';
import * as pilots from './service.ts';

const tags = ['pilots'];
const access = 'Active members only (403 otherwise); another community’s pilot is 404.';

/** Registers the pilots API routes. */
export function pilotsApi(app: App): void {
  const root = '/api/v1/communities/:community';
  const view = async (req: { ctx: any }, id: string) => (await pilots.getPilot(req.ctx, id)).pilot;

  app.get(
    `${root}/pilots`,
    {
      schema: {
        tags,
        summary: 'The community’s pilots',
        description: `Latest start first: drafts, running and finished. ${access}`,
        params: CommunityParams,
        response: { 200: PilotListOut },
      },
    },
    async (req) => ({ pilots: await pilots.listPilots(req.ctx) }),
  );

  app.post(
    `${root}/pilots`,
    {
      schema: {
        tags,
        summary: 'Start a pilot (a draft)',
        description: `Stewards (403 otherwise). A last day before the first, a team member who is not an active member, a shift series, gathering or item not of this community: 422 naming the field. ${access}`,
        params: CommunityParams,
        body: PilotIn,
        response: { 201: PilotOut },
      },
      config: pilotLimit,
    },
    async (req, reply) => {
      const p = await pilots.startPilot(req.ctx, req.body);
      return reply.code(201).send(await view(req, p.id));
    },
  );

  app.post(
    `${root}/pilots/suggested`,
    {
      schema: {
        tags,
        summary: 'Start the pilot a needs survey suggests',
        description: `Stewards (403 otherwise). A draft prefilled with the need, the counts and the hypothesis, six weeks from a week on, the caller on its team. A project the survey does not suggest: 409 \`pilots.not_suggested\`; another community’s survey: 404. ${access}`,
        params: CommunityParams,
        body: SuggestedIn,
        response: { 201: PilotOut },
      },
      config: pilotLimit,
    },
    async (req, reply) => {
      const p = await pilots.startSuggestedPilot(req.ctx, req.body.surveyId, req.body.project);
      return reply.code(201).send(await view(req, p.id));
    },
  );

  app.get(
    `${root}/pilots/:pilotId`,
    {
      schema: {
        tags,
        summary: 'A pilot',
        description: `With its team, what it links, its halfway note and its retrospective. ${access}`,
        params: PilotParams,
        response: { 200: PilotOut },
      },
    },
    async (req) => view(req, req.params.pilotId),
  );

  app.patch(
    `${root}/pilots/:pilotId`,
    {
      schema: {
        tags,
        summary: 'Change a pilot',
        description: `Its team or a steward (403 otherwise); each field given replaces what it had (lists whole). Finished: 409. The same checks as starting one. ${access}`,
        params: PilotParams,
        body: PilotChangeIn,
        response: { 200: PilotOut },
      },
      config: pilotLimit,
    },
    async (req) => {
      await pilots.changePilot(req.ctx, req.params.pilotId, req.body);
      return view(req, req.params.pilotId);
    },
  );

  app.post(
    `${root}/pilots/:pilotId/launch`,
    {
      schema: {
        tags,
        summary: 'Launch a draft pilot',
        description: `Its team or a steward. No one on its team: 409 \`pilots.team_needed\`; launched already: 409. Its team is reminded halfway. ${access}`,
        params: PilotParams,
        response: { 200: PilotOut },
      },
      config: pilotLimit,
    },
    async (req) => {
      await pilots.launchPilot(req.ctx, req.params.pilotId);
      return view(req, req.params.pilotId);
    },
  );

  app.put(
    `${root}/pilots/:pilotId/halfway`,
    {
      schema: {
        tags,
        summary: 'Write the halfway note',
        description: `Its team or a steward, while it runs (a draft or a finished pilot: 409). ${access}`,
        params: PilotParams,
        body: HalfwayIn,
        response: { 200: PilotOut },
      },
      config: pilotLimit,
    },
    async (req) => {
      await pilots.writeHalfway(req.ctx, req.params.pilotId, req.body);
      return view(req, req.params.pilotId);
    },
  );

  app.put(
    `${root}/pilots/:pilotId/retrospective`,
    {
      schema: {
        tags,
        summary: 'Write the retrospective and finish the pilot',
        description: `Its team or a steward, while it runs (a draft, or finished already: 409): what worked, what did not, and the decision (continue, adapt, stop). ${access}`,
        params: PilotParams,
        body: RetrospectiveIn,
        response: { 200: PilotOut },
      },
      config: pilotLimit,
    },
    async (req) => {
      await pilots.writeRetrospective(req.ctx, req.params.pilotId, req.body);
      return view(req, req.params.pilotId);
    },
  );
}
