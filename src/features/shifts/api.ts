/**
 * Shifts' JSON API under `/api/v1/communities/:community/`. Active members only (401 signed out,
 * 403 otherwise); another community's series is 404; an occurrence its rule does not give is
 * 404; a state that refuses the action (full, started, not signed up) is 409 with a `code`.
 */
import type { App } from '../../platform/module.ts';
import * as checks from './checks.ts';
import {
  CommunityParams,
  CompleteIn,
  CompleteOut,
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
  UnitIn,
} from './schema.ts';
import * as shifts from './service.ts';

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
