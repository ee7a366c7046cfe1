/**
 * Drills' JSON API under `/api/v1/communities/:community/evacuation`: coordinators start, read,
 * close and cancel drills and record a paper member's answer (403
 * `evacuation.errors.only_coordinators` for others; another community's drill is 404); the
 * check-in operations are a personal link's, for anyone holding it, without signing in.
 */
import { Type } from 'typebox';
import type { App } from '../../platform/module.ts';
import { answerCheckIn, checkIn, recordAnswer } from './check-in.ts';
import { drillReport, listDrills } from './drill-report.ts';
import { endDrill, startDrill } from './drills.ts';
import {
  AnswerParams,
  CheckInIn,
  CheckInOut,
  DrillIn,
  DrillOut,
  DrillParams,
  DrillReportOut,
  LinkParams,
} from './drills-schema.ts';
import { linkRouteConfig } from './links.ts';
import { CommunityParams } from './schema.ts';

const tags = ['evacuation'];
const coordinators = 'Coordinators (403 `evacuation.errors.only_coordinators`).';
const link =
  'Anyone holding the personal link, signed in or not; rate-limited per link (60 requests in 15 minutes) and per address over all links (1,500: a care home answers for many households through one connection), 429 past either. A link that does not work (ended, expired, withdrawn, another community’s) is 404 `evacuation.errors.link_invalid`. Each call is logged as a read.';

/** Registers the drills' API routes. */
export function drillsApi(app: App): void {
  const root = '/api/v1/communities/:community/evacuation';

  app.get(
    `${root}/drills`,
    {
      schema: {
        tags,
        summary: 'The drills, newest first',
        description: `${coordinators} Names and counts only.`,
        params: CommunityParams,
        response: { 200: Type.Object({ drills: Type.Array(DrillOut) }) },
      },
    },
    async (req) => ({ drills: await listDrills(req.ctx) }),
  );

  app.post(
    `${root}/drills`,
    {
      schema: {
        tags,
        summary: 'Start a drill',
        description: `${coordinators} Every household and driver of the registry is asked; members with an email address are told with their personal link, in their language. One drill at a time (409 \`evacuation.errors.drill_open\`), none while an alert is on (409 \`evacuation.errors.drill_during_alert\`); nobody registered is 409 \`evacuation.errors.drill_nobody\`; a deadline in the past (\`deadline_past\`) or more than 31 days ahead (\`deadline_too_far\`), or coordinators told no later than the buddy (\`escalation_order\`) is 422.`,
        params: CommunityParams,
        body: DrillIn,
        response: { 201: DrillReportOut },
      },
    },
    async (req, reply) => {
      const id = await startDrill(req.ctx, req.body);
      return reply.code(201).send(await drillReport(req.ctx, id));
    },
  );

  app.get(
    `${root}/drills/:drillId`,
    {
      schema: {
        tags,
        summary: 'A drill’s report',
        description: `${coordinators} Each household and driver asked: the answer, what changed (before → after), the escalation steps taken and to whom, and whether a household was not confirmed three drills in a row. Logged as a read.`,
        params: DrillParams,
        response: { 200: DrillReportOut },
      },
    },
    async (req) => drillReport(req.ctx, req.params.drillId),
  );

  for (const [action, as, summary] of [
    ['close', 'closed', 'Close a drill'],
    ['cancel', 'cancelled', 'Cancel a drill'],
  ] as const)
    app.post(
      `${root}/drills/:drillId/${action}`,
      {
        schema: {
          tags,
          summary,
          description: `${coordinators} Its personal links stop working. A drill already ended is 409 \`evacuation.errors.drill_ended\`.`,
          params: DrillParams,
          response: { 200: DrillReportOut },
        },
      },
      async (req) => {
        await endDrill(req.ctx, req.params.drillId, as);
        return drillReport(req.ctx, req.params.drillId);
      },
    );

  app.put(
    `${root}/drills/:drillId/answers/:answerId`,
    {
      schema: {
        tags,
        summary: 'Record a paper member’s answer',
        description: `${coordinators} Only for a paper member (403 \`evacuation.errors.only_self_or_paper\` for a member who can answer themselves). The same answer as a check-in.`,
        params: AnswerParams,
        body: CheckInIn,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await recordAnswer(req.ctx, req.params.drillId, req.params.answerId, req.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${root}/check-in/:token`,
    {
      schema: {
        tags,
        summary: 'A check-in through a personal link',
        description: `${link} The household’s or driver’s own details and answer; nothing else.`,
        params: LinkParams,
        response: { 200: CheckInOut },
      },
      config: linkRouteConfig,
    },
    async (req) => checkIn(req.ctx, req.params.token),
  );

  app.post(
    `${root}/check-in/:token`,
    {
      schema: {
        tags,
        summary: 'Answer a check-in through a personal link',
        description: `${link} \`confirm\` with the details as they are now (any that differ change the registry; the consent stays), \`unavailable\` (“I can’t this month”), or \`test_drive\` (a driver with a route in the newest plan; 422 \`evacuation.errors.no_route_to_test\` otherwise). A household’s fields on a driver (or the reverse) are 422; more wheelchairs than people, or a car without room, are 422; a closed drill is 409 \`evacuation.errors.drill_ended\`.`,
        params: LinkParams,
        body: CheckInIn,
        response: { 200: CheckInOut },
      },
      config: linkRouteConfig,
    },
    async (req) => answerCheckIn(req.ctx, req.params.token, req.body),
  );
}
