/**
 * Gatherings' JSON API under `/api/v1/communities/:community/`. Active members only (401 signed
 * out, 403 otherwise); another community's gathering is 404; an occurrence its rule does not give
 * is 404; a state that refuses the action (started, cancelled) is 409 with a `code`; input that
 * cannot be (an end before the start, a repetition with no date, a capacity below those coming,
 * more guests than places left) is 422 naming the field, and writes nothing.
 */
import { Type } from 'typebox';
import type { Gathering } from '../../platform/db/database.ts';
import type { App } from '../../platform/module.ts';
import {
  CalendarApiQuery,
  CalendarOut,
  CommunityParams,
  GatheringChangeIn,
  GatheringIn,
  GatheringOut,
  GatheringParams,
  GatheringsQuery,
  OccurrenceDetailOut,
  OccurrenceListOut,
  OccurrenceParams,
  RsvpIn,
  RsvpOut,
  TimeIn,
  TimeOut,
} from './schema.ts';
import * as gatherings from './service.ts';

const tags = ['gatherings'];
const access = 'Active members only (403 otherwise); another community’s gathering is 404.';

/** A gathering as the API gives it. */
function gatheringOut(g: Gathering) {
  return {
    id: g.id,
    kind: g.kind,
    title: g.title,
    placeId: g.placeId,
    address: g.address,
    startLocal: g.startLocal,
    durationMinutes: g.durationMinutes,
    rule: g.rule,
    capacity: g.capacity,
    isPublic: g.isPublic === 1,
  };
}

/** Registers the gatherings API routes. */
export function gatheringsApi(app: App): void {
  const root = '/api/v1/communities/:community';

  app.get(
    `${root}/gatherings`,
    {
      schema: {
        tags,
        summary: 'The coming gatherings',
        description: `Every gathering expanded from \`from\` (default today) for \`weeks\` weeks (default 8), with how many are coming and the caller’s answer. ${access}`,
        params: CommunityParams,
        querystring: GatheringsQuery,
        response: { 200: OccurrenceListOut },
      },
    },
    async (req) => ({ gatherings: (await gatherings.listGatherings(req.ctx, req.query)).gatherings }),
  );

  app.get(
    `${root}/calendar`,
    {
      schema: {
        tags,
        summary: 'The shared calendar',
        description: `The community’s gatherings and shifts and the caller’s loans due, of a \`month\` or the coming four weeks; only the caller’s own with \`mine\`. ${access}`,
        params: CommunityParams,
        querystring: CalendarApiQuery,
        response: { 200: CalendarOut },
      },
    },
    async (req) => ({
      entries: req.query.month
        ? await gatherings.monthEntries(req.ctx, req.query.month, req.query.mine ?? false)
        : (await gatherings.comingEntries(req.ctx, req.query.mine ?? false)).entries,
    }),
  );

  app.post(
    `${root}/gatherings`,
    {
      schema: {
        tags,
        summary: 'Organize a gathering',
        description: `Any active member; a public one, stewards only. An end before the start, a repetition that never gives a date, a place and an address together: 422. ${access}`,
        params: CommunityParams,
        body: GatheringIn,
        response: { 201: GatheringOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(gatheringOut(await gatherings.addGathering(req.ctx, req.body))),
  );

  app.patch(
    `${root}/gatherings/:gatheringId`,
    {
      schema: {
        tags,
        summary: 'Change a gathering',
        description: `Who organizes it (or a steward). A capacity below those already coming to one of its occurrences: 422. ${access}`,
        params: GatheringParams,
        body: GatheringChangeIn,
        response: { 200: GatheringOut },
      },
    },
    async (req) => gatheringOut(await gatherings.changeGathering(req.ctx, req.params.gatheringId, req.body)),
  );

  app.post(
    `${root}/gatherings/:gatheringId/cancel`,
    {
      schema: {
        tags,
        summary: 'Call a gathering off',
        description: `Who organizes it. Everyone who said yes to a coming occurrence is told. ${access}`,
        params: GatheringParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await gatherings.cancelGathering(req.ctx, req.params.gatheringId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${root}/gatherings/:gatheringId/occurrences/:occurrence`,
    {
      schema: {
        tags,
        summary: 'One occurrence of a gathering',
        description: `With who said yes, maybe, and who waits. ${access}`,
        params: OccurrenceParams,
        response: { 200: OccurrenceDetailOut },
      },
    },
    async (req) => {
      const found = await gatherings.getOccurrence(req.ctx, req.params.gatheringId, req.params.occurrence);
      const people = (list: gatherings.Attendee[]) =>
        list.map((a) => ({ name: a.name, guests: a.guests, visitor: a.visitor }));
      const { cancelledAt: _, ...view } = found.view;
      return {
        ...view,
        description: found.description,
        yes: people(found.yes),
        maybeList: people(found.maybeList),
        waitingList: people(found.waitingList),
      };
    },
  );

  app.put(
    `${root}/gatherings/:gatheringId/occurrences/:occurrence/rsvp`,
    {
      schema: {
        tags,
        summary: 'Answer an occurrence',
        description: `yes, maybe or no, with guests. A yes beyond the capacity (or while others wait) joins the waiting list; more guests than the places left: 422. Started or cancelled: 409. ${access}`,
        params: OccurrenceParams,
        body: RsvpIn,
        response: { 200: RsvpOut },
      },
    },
    async (req) => gatherings.answer(req.ctx, req.params.gatheringId, req.params.occurrence, req.body),
  );

  app.post(
    `${root}/gatherings/:gatheringId/occurrences/:occurrence/cancel`,
    {
      schema: {
        tags,
        summary: 'Cancel one occurrence',
        description: `Who organizes it. Everyone who said yes is told. ${access}`,
        params: OccurrenceParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await gatherings.cancelOccurrence(req.ctx, req.params.gatheringId, req.params.occurrence);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${root}/gatherings/:gatheringId/occurrences/:occurrence/time`,
    {
      schema: {
        tags,
        summary: 'Move one occurrence, or change the time of this and the following',
        description: `Who organizes it. Those who said yes are told. ${access}`,
        params: OccurrenceParams,
        body: TimeIn,
        response: { 200: TimeOut },
      },
    },
    async (req) => gatherings.changeTime(req.ctx, req.params.gatheringId, req.params.occurrence, req.body),
  );
}
