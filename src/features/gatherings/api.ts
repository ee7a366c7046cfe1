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
  AnswerParams,
  answerLimit,
  CalendarApiQuery,
  CalendarOut,
  CommunityParams,
  changeLimit,
  DishIn,
  DishNeedsIn,
  DishOut,
  DishParams,
  dishLimit,
  GatheringChangeIn,
  GatheringIn,
  GatheringOut,
  GatheringParams,
  GatheringsQuery,
  OccurrenceFullOut,
  OccurrenceListOut,
  OccurrenceParams,
  organizeLimit,
  PotluckOut,
  RsvpIn,
  RsvpOut,
  TimeIn,
  TimeOut,
  WorkshopIn,
  WorkshopOut,
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
      config: organizeLimit,
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
      config: changeLimit,
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
        response: { 200: OccurrenceFullOut },
      },
    },
    async (req) => {
      const found = await gatherings.getOccurrence(req.ctx, req.params.gatheringId, req.params.occurrence);
      const people = (list: gatherings.Attendee[]) =>
        list.map((a) => ({
          name: a.name,
          guests: a.guests,
          visitor: a.visitor,
          ...(a.visitor && found.mayManage ? { answerId: a.answerId } : {}),
        }));
      const { cancelledAt: _, ...view } = found.view;
      return {
        ...view,
        description: found.description,
        yes: people(found.yes),
        maybeList: people(found.maybeList),
        waitingList: people(found.waitingList),
        potluck: found.potluck,
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
      config: answerLimit,
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
      config: changeLimit,
    },
    async (req) => gatherings.changeTime(req.ctx, req.params.gatheringId, req.params.occurrence, req.body),
  );

  app.put(
    `${root}/gatherings/:gatheringId/dish-needs`,
    {
      schema: {
        tags,
        summary: 'How many dishes of each course a potluck wants',
        description: `Who organizes it; null: the course is not counted, left out: unchanged. A count below the dishes already promised to a coming date: 422 naming the course. Not a potluck: 409. ${access}`,
        params: GatheringParams,
        body: DishNeedsIn,
        response: { 200: PotluckOut },
      },
    },
    async (req) => ({ courses: await gatherings.setDishNeeds(req.ctx, req.params.gatheringId, req.body) }),
  );

  app.post(
    `${root}/gatherings/:gatheringId/occurrences/:occurrence/dishes`,
    {
      schema: {
        tags,
        summary: 'Promise a dish',
        description: `Who answered yes or maybe (409 \`gatherings.answer_first\` otherwise); a course that has what it asked for: 409 \`gatherings.course_full\`. ${access}`,
        params: OccurrenceParams,
        body: DishIn,
        response: { 201: DishOut },
      },
      config: dishLimit,
    },
    async (req, reply) =>
      reply.code(201).send({
        id: await gatherings.bringDish(req.ctx, req.params.gatheringId, req.params.occurrence, req.body),
      }),
  );

  app.delete(
    `${root}/gatherings/:gatheringId/occurrences/:occurrence/dishes/:dishId`,
    {
      schema: {
        tags,
        summary: 'Take a dish back',
        description: `Who promised it, or who organizes the gathering. ${access}`,
        params: DishParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await gatherings.removeDish(req.ctx, req.params.gatheringId, req.params.occurrence, req.params.dishId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    `${root}/gatherings/:gatheringId/occurrences/:occurrence/visitors/:answerId`,
    {
      schema: {
        tags,
        summary: 'Remove a visitor’s answer',
        description: `Who organizes the gathering, or a steward; the waiting list takes the places it held. A member's answer, or one of another date: 404. ${access}`,
        params: AnswerParams,
        response: { 204: Type.Null() },
      },
      config: changeLimit,
    },
    async (req, reply) => {
      const p = req.params;
      await gatherings.removeVisitorAnswer(req.ctx, p.gatheringId, p.occurrence, p.answerId);
      return reply.code(204).send(null);
    },
  );

  const workshopOut = (p: gatherings.Proposal) => ({
    id: p.gathering.id,
    title: p.gathering.title,
    skill: p.gathering.skill,
    hostId: p.gathering.hostId,
    hostStatus: p.status,
    startLocal: p.gathering.startLocal,
  });

  app.post(
    `${root}/workshops`,
    {
      schema: {
        tags,
        summary: 'Propose a workshop',
        description: `Any active member, to a host who lists the skill to share (422 on \`hostId\` otherwise); it is on the calendar once the host accepts (at once when the proposer hosts). ${access}`,
        params: CommunityParams,
        body: WorkshopIn,
        response: { 201: WorkshopOut },
      },
      config: organizeLimit,
    },
    async (req, reply) => {
      const g = await gatherings.proposeWorkshop(req.ctx, req.body);
      return reply.code(201).send(workshopOut(await gatherings.getProposal(req.ctx, g.id)));
    },
  );

  app.get(
    `${root}/workshops`,
    {
      schema: {
        tags,
        summary: 'My workshop proposals waiting for an answer',
        description: `The caller's proposals their host has not answered yet (not on the calendar until accepted), oldest first. ${access}`,
        params: CommunityParams,
        response: { 200: Type.Object({ proposals: Type.Array(WorkshopOut) }) },
      },
    },
    async (req) => ({ proposals: (await gatherings.myProposals(req.ctx)).map(workshopOut) }),
  );

  app.post(
    `${root}/workshops/:gatheringId/withdraw`,
    {
      schema: {
        tags,
        summary: 'Withdraw a workshop proposal',
        description: `Who proposed it, or a steward (403 otherwise), while its host has not answered (409 after): it is deleted and the host told. ${access}`,
        params: GatheringParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await gatherings.withdrawProposal(req.ctx, req.params.gatheringId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${root}/workshops/:gatheringId`,
    {
      schema: {
        tags,
        summary: 'A workshop proposal',
        description: `Its host, its proposer and stewards while proposed; any member once accepted. ${access}`,
        params: GatheringParams,
        response: { 200: WorkshopOut },
      },
    },
    async (req) => workshopOut(await gatherings.getProposal(req.ctx, req.params.gatheringId)),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `${root}/workshops/:gatheringId/${answer}`,
      {
        schema: {
          tags,
          summary: answer === 'accept' ? 'Accept hosting a workshop' : 'Decline hosting a workshop',
          description: `The host asked only (403 otherwise); answered already: 409. ${access}`,
          params: GatheringParams,
          response: { 200: WorkshopOut },
        },
      },
      async (req) => {
        await gatherings.answerHosting(req.ctx, req.params.gatheringId, answer === 'accept');
        return workshopOut(await gatherings.getProposal(req.ctx, req.params.gatheringId));
      },
    );
  }
}
