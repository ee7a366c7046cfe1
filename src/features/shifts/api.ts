/**
 * Shifts' JSON API under `/api/v1/communities/:community/`. Active members only (401 signed out,
 * 403 otherwise); another community's series is 404; an occurrence its rule does not give is
 * 404; a state that refuses the action (full, started, not signed up) is 409 with a `code`.
 */
import { Type } from 'typebox';
import type { App } from '../../platform/module.ts';
import * as checks from './checks.ts';
import * as occurrences from './occurrences.ts';
import {
  CommunityParams,
  CompleteIn,
  CompleteOut,
  NoShowsIn,
  NoShowsOut,
  OccurrenceParams,
  PlaceLogOut,
  PlaceParams,
  SeriesChangeIn,
  SeriesIn,
  SeriesOut,
  SeriesParams,
  ShiftListOut,
  ShiftOut,
  ShiftsQuery,
  SwapIn,
  SwapOut,
  SwapParams,
  TimeIn,
  TimeOut,
  TrainedOut,
  TrainedParams,
  UnitIn,
} from './schema.ts';
import * as shifts from './service.ts';
import * as signups from './signups.ts';

const tags = ['shifts'];
const access = 'Active members only (403 otherwise); another community’s series is 404.';

/** A series as the API gives it. */
function seriesOut(s: Awaited<ReturnType<typeof shifts.addSeries>>) {
  return {
    id: s.id,
    title: s.title,
    placeId: s.placeId,
    startLocal: s.startLocal,
    durationMinutes: s.durationMinutes,
    rule: s.rule,
    peopleNeeded: s.peopleNeeded,
    trainedOnly: s.trainedOnly === 1,
    trialSlots: s.trialSlots,
  };
}

/** A swap as the API gives it. */
function swapOut(s: Awaited<ReturnType<typeof signups.getSwap>>) {
  return {
    id: s.id,
    seriesId: s.seriesId,
    title: s.title,
    occurrence: s.occurrence,
    startsAt: s.startsAt,
    name: s.name,
    otherOccurrence: s.otherOccurrence,
    otherStartsAt: s.otherStartsAt,
    otherName: s.otherName,
    status:
      s.answeredAt === null
        ? ('waiting' as const)
        : s.accepted
          ? ('accepted' as const)
          : ('declined' as const),
  };
}

/** Registers the shifts API routes. */
export function shiftsApi(app: App): void {
  const root = '/api/v1/communities/:community';

  app.get(
    `${root}/shifts`,
    {
      schema: {
        tags,
        summary: 'The coming shifts',
        description: `Every series expanded from \`from\` (default today) for \`weeks\` weeks (default 4), with who signed up and the slots still open; of one place with \`place\`. ${access}`,
        params: CommunityParams,
        querystring: ShiftsQuery,
        response: { 200: ShiftListOut },
      },
    },
    async (req) => ({ shifts: (await shifts.listShifts(req.ctx, req.query)).shifts }),
  );

  app.post(
    `${root}/shift-series`,
    {
      schema: {
        tags,
        summary: 'Set up a shift series',
        description: `Stewards anywhere; a place’s volunteers at their place. A recurrence that never gives a date, an end before the start, trial slots above the people needed: 422. ${access}`,
        params: CommunityParams,
        body: SeriesIn,
        response: { 201: SeriesOut },
      },
    },
    async (req, reply) => reply.code(201).send(seriesOut(await shifts.addSeries(req.ctx, req.body))),
  );

  app.patch(
    `${root}/shift-series/:seriesId`,
    {
      schema: {
        tags,
        summary: 'Change a shift series',
        description: `Who keeps it. Fewer people needed than are signed up for one of its coming occurrences: 422. ${access}`,
        params: SeriesParams,
        body: SeriesChangeIn,
        response: { 200: SeriesOut },
      },
    },
    async (req) => seriesOut(await shifts.changeSeries(req.ctx, req.params.seriesId, req.body)),
  );

  app.get(
    `${root}/shift-series/:seriesId/occurrences/:occurrence`,
    {
      schema: {
        tags,
        summary: 'One occurrence of a series',
        description: access,
        params: OccurrenceParams,
        response: { 200: ShiftOut },
      },
    },
    async (req) => (await shifts.getShift(req.ctx, req.params.seriesId, req.params.occurrence)).shift,
  );

  const actions = {
    'sign-up': [
      shifts.signUp,
      'Sign up for an occurrence',
      'Full (unless someone asked for a substitute), started, or trained only: 409.',
    ],
    'drop-out': [shifts.dropOut, 'Drop out of an occurrence', 'The others signed up are told.'],
    substitute: [
      shifts.askSubstitute,
      'Ask for a substitute',
      'The caller stays on it until someone signs up in their place.',
    ],
  } as const;
  for (const [action, [act, summary, more]] of Object.entries(actions)) {
    app.post(
      `${root}/shift-series/:seriesId/occurrences/:occurrence/${action}`,
      {
        schema: {
          tags,
          summary,
          description: `${more} ${access}`,
          params: OccurrenceParams,
          response: { 200: ShiftOut },
        },
      },
      async (req) => {
        await act(req.ctx, req.params.seriesId, req.params.occurrence);
        return (await shifts.getShift(req.ctx, req.params.seriesId, req.params.occurrence)).shift;
      },
    );
  }

  app.post(
    `${root}/shift-series/:seriesId/occurrences/:occurrence/cancel`,
    {
      schema: {
        tags,
        summary: 'Cancel an occurrence',
        description: `Who keeps the series, before it starts; those signed up are told. Cancelled already or started: 409. ${access}`,
        params: OccurrenceParams,
        response: { 200: ShiftOut },
      },
    },
    async (req) => {
      await occurrences.cancelOccurrence(req.ctx, req.params.seriesId, req.params.occurrence);
      return (await shifts.getShift(req.ctx, req.params.seriesId, req.params.occurrence)).shift;
    },
  );

  app.post(
    `${root}/shift-series/:seriesId/occurrences/:occurrence/time`,
    {
      schema: {
        tags,
        summary: 'Change the time of an occurrence',
        description: `Who keeps the series, before it starts. \`this\`: the occurrence moves (it keeps its identity and sign-ups). \`following\`: the time of day of this and the following occurrences changes (same day): the series ends the day before and a new one starts here, taking the sign-ups with it; the answer says where the occurrence is now. Those signed up are told. ${access}`,
        params: OccurrenceParams,
        body: TimeIn,
        response: { 200: TimeOut },
      },
    },
    async (req) => occurrences.changeTime(req.ctx, req.params.seriesId, req.params.occurrence, req.body),
  );

  app.put(
    `${root}/shift-series/:seriesId/occurrences/:occurrence/no-shows`,
    {
      schema: {
        tags,
        summary: 'Record who did not come',
        description: `Who keeps the series, once it has started: the volunteers listed are marked, the others on it unmarked, but for the caller, whose own mark another keeper or a steward sets. Someone not on it, or the caller: 422. The marks of an occurrence are seen by who keeps it; a member's count of no-shows only by the member and stewards. ${access}`,
        params: OccurrenceParams,
        body: NoShowsIn,
        response: { 200: NoShowsIn },
      },
    },
    async (req) => {
      await signups.recordNoShows(req.ctx, req.params.seriesId, req.params.occurrence, req.body.accountIds);
      return { accountIds: req.body.accountIds };
    },
  );

  app.get(
    `${root}/shift-no-shows`,
    {
      schema: {
        tags,
        summary: 'No-shows of the last six months',
        description: `The caller’s own; for a steward, every member’s who has any. ${access}`,
        params: CommunityParams,
        response: { 200: NoShowsOut },
      },
    },
    async (req) => ({ months: signups.noShowMonths, members: await signups.noShows(req.ctx) }),
  );

  app.get(
    `${root}/shift-series/:seriesId/trained`,
    {
      schema: {
        tags,
        summary: 'Who is trained for a series',
        description: `Who keeps the series; a series that does not ask for training: 409. ${access}`,
        params: SeriesParams,
        response: { 200: TrainedOut },
      },
    },
    async (req) => {
      const { trained } = await signups.listTrained(req.ctx, req.params.seriesId);
      return { trained: trained.map((m) => ({ accountId: m.accountId, name: m.displayName })) };
    },
  );

  for (const [method, trained] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      `${root}/shift-series/:seriesId/trained/:accountId`,
      {
        schema: {
          tags,
          summary: trained ? 'Mark a member trained for a series' : 'Unmark a member trained for a series',
          description: `Who keeps the series; a series that does not ask for training: 409; someone not an active member: 422. Sign-ups already made stay as they are. ${access}`,
          params: TrainedParams,
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        await signups.setTrained(req.ctx, req.params.seriesId, req.params.accountId, trained);
        return reply.code(204).send(null);
      },
    );
  }

  app.post(
    `${root}/shift-series/:seriesId/occurrences/:occurrence/swaps`,
    {
      schema: {
        tags,
        summary: 'Ask another volunteer to swap',
        description: `The caller, on this coming occurrence, asks the volunteer \`accountId\` on another coming occurrence of the same series to swap; they are told. Not possible (not on it, or someone would be on a shift twice): 422; asked already: 409; a volunteer not trained for a trained-only series would take a trial place that is not free: 409 \`shifts.trained_only\`. ${access}`,
        params: OccurrenceParams,
        body: SwapIn,
        response: { 201: SwapOut },
      },
    },
    async (req, reply) => {
      const id = await signups.askSwap(req.ctx, req.params.seriesId, req.params.occurrence, req.body);
      return reply.code(201).send(swapOut(await signups.getSwap(req.ctx, id)));
    },
  );

  app.get(
    `${root}/shift-swaps/:swapId`,
    {
      schema: {
        tags,
        summary: 'A swap asked for',
        description: `Its two volunteers only (404 to anyone else). ${access}`,
        params: SwapParams,
        response: { 200: SwapOut },
      },
    },
    async (req) => swapOut(await signups.getSwap(req.ctx, req.params.swapId)),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `${root}/shift-swaps/:swapId/${answer}`,
      {
        schema: {
          tags,
          summary: answer === 'accept' ? 'Accept a swap' : 'Decline a swap',
          description: `The asked volunteer, once (409 after). ${
            answer === 'accept'
              ? 'Both sign-ups move in one transaction; when either side changed since it was asked (a sign-up gone, a shift started or cancelled): 409 `shifts.swap_changed`, and the swap is closed. '
              : ''
          }Both are told. ${access}`,
          params: SwapParams,
          response: { 200: SwapOut },
        },
      },
      async (req) => {
        await signups.answerSwap(req.ctx, req.params.swapId, answer === 'accept');
        return swapOut(await signups.getSwap(req.ctx, req.params.swapId));
      },
    );
  }

  app.post(
    `${root}/shift-series/:seriesId/occurrences/:occurrence/complete`,
    {
      schema: {
        tags,
        summary: 'Complete an occurrence',
        description: `Who signed up for it, or who keeps its series, once it has started; once. Logs the checklist items done and, at a place, a reading in the community’s unit (refused outside −40 to 40 °C); above 5 °C in a fridge or −18 °C in a freezer alerts the place’s volunteers at once. ${access}`,
        params: OccurrenceParams,
        body: CompleteIn,
        response: { 200: CompleteOut },
      },
    },
    async (req) => checks.completeShift(req.ctx, req.params.seriesId, req.params.occurrence, req.body),
  );

  app.get(
    `${root}/places/:placeId/checks`,
    {
      schema: {
        tags,
        summary: 'A place’s log of checks',
        description: `Newest first (at most 1,000): when in the community’s zone, the reading in its unit, who, the checklist. ${access}`,
        params: PlaceParams,
        response: { 200: PlaceLogOut },
      },
    },
    async (req) => {
      const { unit, lines } = await checks.placeLog(req.ctx, req.params.placeId);
      return { unit, lines };
    },
  );

  app.put(
    `${root}/shift-settings/unit`,
    {
      schema: {
        tags,
        summary: 'Choose the temperature unit',
        description: `Stewards. Readings are stored in °C and shown in this unit. ${access}`,
        params: CommunityParams,
        body: UnitIn,
        response: { 200: UnitIn },
      },
    },
    async (req) => {
      await checks.setUnit(req.ctx, req.body.unit);
      return { unit: req.body.unit };
    },
  );
}
