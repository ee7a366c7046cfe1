/**
 * Drills' pages: the history and the start form, a drill's report (printable, CSV), the paper
 * members' sheet and calls, and the check-in a personal link opens. The JSON API is in
 * `drills-api.ts`. Every answer is no-store (the feature's hook); the check-in's routes are the
 * personal links' (`linkRouteConfig`): public, rate-limited, no referrer, not indexed.
 */
import { h } from 'preact';
import { toCsv } from '../../platform/csv.ts';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { T } from '../../platform/i18n/index.ts';
import type { App } from '../../platform/module.ts';
import { qrCodeSvg } from '../../platform/qr.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import {
  answerCheckIn,
  answerToRecord,
  type CheckInView,
  openCheckIn,
  recordAnswer,
  recordBuddyCheck,
} from './check-in.ts';
import { callList, type DrillReport, drillReport, listDrills } from './drill-report.ts';
import { deadlineFromForm, endDrill, paperSheet, startDrill, suggestedDeadline } from './drills.ts';
import { drillsApi } from './drills-api.ts';
import {
  AnswerParams,
  BuddyFoundIn,
  CheckInFormIn,
  type CheckInInput,
  DrillFormIn,
  DrillParams,
  LinkParams,
} from './drills-schema.ts';
import { linkRouteConfig } from './links.ts';
import { BuddyCheckPage } from './pages/buddy-check.tsx';
import { CheckInPage, checkInValues } from './pages/check-in.tsx';
import { CallsPage, SheetPage } from './pages/drill-calls.tsx';
import { DrillPage, DrillsPage } from './pages/drills.tsx';
import { CommunityParams } from './schema.ts';

const hide = true;
const path = (slug: string, rest = '') => `/c/${slug}/evacuation${rest}`;

/**
 * The API's check-in input from the page form (the availability boxes as a list). A driver's
 * form always sends its seats; with no box ticked it sends no availability at all, which there
 * means none (not "unchanged", as in the API).
 */
function checkInFromForm(body: Record<string, unknown>): CheckInInput {
  const { availability, ...rest } = body;
  const driverForm = rest.seats !== undefined;
  if (availability === undefined)
    return { ...(rest as CheckInInput), ...(driverForm ? { availability: [] } : {}) };
  return { ...(rest as CheckInInput), availability: [availability].flat() as CheckInInput['availability'] };
}

/** The drill report as a spreadsheet: one row per household or driver, headers in the reader's language. */
export function drillCsv(t: T, d: DrillReport): string {
  const header = [
    'kind',
    'name',
    'status',
    'answered_at',
    'recorded_by',
    'changes',
    'note',
    'test_drive_at',
    'buddy_asked',
    'backup_asked',
    'coordinators_told_at',
    'buddy_found',
    'no_buddy',
    'three_times',
  ].map((k) => t(`evacuation.drill.csv.${k}`));
  const rows = d.answers.map((a) => [
    t(`evacuation.drill.kind.${a.kind}`),
    a.name,
    t(`evacuation.drill.answer.${a.status}`),
    a.answeredAt ?? '',
    a.recordedBy?.name ?? '',
    a.changes.map((c) => `${t(`evacuation.drill.field.${c.field}`)}: ${c.before} → ${c.after}`).join('; '),
    a.note,
    a.testDriveAt ?? '',
    a.buddyAsked ? `${a.buddyAsked.person?.name ?? ''} ${a.buddyAsked.at}`.trim() : '',
    a.backupAsked ? `${a.backupAsked.person?.name ?? ''} ${a.backupAsked.at}`.trim() : '',
    a.coordinatorsToldAt ?? '',
    a.buddyFound
      ? `${t(`evacuation.drill.csv.found_${a.buddyFound.found}`)} ${a.buddyFound.person?.name ?? ''} ${a.buddyFound.at}`
      : '',
    a.noBuddy ? t('evacuation.drill.csv.yes') : '',
    a.unconfirmedThreeTimes ? t('evacuation.drill.csv.yes') : '',
  ]);
  return toCsv(header, rows);
}

/** Registers the drills' pages and API, in the community scope. */
export function drillRoutes(app: App): void {
  const drillsPage = async (req: any, reply: any, state = emptyForm()) =>
    h(DrillsPage, { view: viewOf(req, reply), drills: await listDrills(req.ctx), state });

  app.get(
    '/c/:community/evacuation/drills',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) =>
      sendPage(
        reply,
        await drillsPage(
          req,
          reply,
          emptyForm({
            deadline: suggestedDeadline(req.ctx.clock.now(), req.ctx.community?.timeZone ?? 'UTC'),
            buddyAfterHours: 0,
            coordinatorsAfterHours: 24,
          }),
        ),
      ),
  );

  app.post(
    '/c/:community/evacuation/drills',
    {
      schema: { hide, params: CommunityParams, body: DrillFormIn },
      config: { form: (req, reply, errors) => drillsPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      const id = await startDrill(req.ctx, {
        ...req.body,
        deadline: deadlineFromForm(req.body.deadline, req.ctx.community?.timeZone ?? 'UTC'),
      });
      flash(reply, 'evacuation.flash.drill_started');
      return reply.redirect(path(req.params.community, `/drills/${id}`), 303);
    },
  );

  app.get(
    '/c/:community/evacuation/drills/:drillId',
    { schema: { hide, params: DrillParams } },
    async (req, reply) =>
      sendPage(
        reply,
        h(DrillPage, { view: viewOf(req, reply), drill: await drillReport(req.ctx, req.params.drillId) }),
      ),
  );

  app.get(
    '/c/:community/evacuation/drills/:drillId/report.csv',
    { schema: { hide, params: DrillParams } },
    async (req, reply) => {
      const csv = drillCsv(req.ctx.t, await drillReport(req.ctx, req.params.drillId));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="drill-report.csv"')
        .send(csv);
    },
  );

  for (const [action, as] of [
    ['close', 'closed'],
    ['cancel', 'cancelled'],
  ] as const)
    app.post(
      `/c/:community/evacuation/drills/:drillId/${action}`,
      { schema: { hide, params: DrillParams } },
      async (req, reply) => {
        await endDrill(req.ctx, req.params.drillId, as);
        flash(reply, `evacuation.flash.drill_${as}`);
        return reply.redirect(path(req.params.community, `/drills/${req.params.drillId}`), 303);
      },
    );

  app.post(
    '/c/:community/evacuation/drills/:drillId/sheet',
    { schema: { hide, params: DrillParams } },
    async (req, reply) => {
      const lines = await paperSheet(req.ctx, req.params.drillId);
      const withQr = await Promise.all(
        lines.map(async (l) => ({
          ...l,
          qrSvg: await qrCodeSvg(l.url),
        })),
      );
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(
        reply,
        h(SheetPage, { view: viewOf(req, reply), drillId: req.params.drillId, lines: withQr }),
      );
    },
  );

  app.get(
    '/c/:community/evacuation/drills/:drillId/calls',
    { schema: { hide, params: DrillParams } },
    async (req, reply) => {
      const { drill, calls } = await callList(req.ctx, req.params.drillId);
      return sendPage(reply, h(CallsPage, { view: viewOf(req, reply), drill, calls }));
    },
  );

  const recordPage = async (req: any, reply: any, state?: ReturnType<typeof emptyForm>) => {
    const { community, drillId, answerId } = req.params;
    const view: CheckInView = await answerToRecord(req.ctx, drillId, answerId);
    return h(CheckInPage, {
      view: viewOf(req, reply),
      checkIn: view,
      action: path(community, `/drills/${drillId}/answers/${answerId}`),
      state: state ?? emptyForm(checkInValues(view)),
      recording: { back: path(community, `/drills/${drillId}/calls`) },
    });
  };

  app.get(
    '/c/:community/evacuation/drills/:drillId/answers/:answerId',
    { schema: { hide, params: AnswerParams } },
    async (req, reply) => sendPage(reply, await recordPage(req, reply)),
  );

  app.post(
    '/c/:community/evacuation/drills/:drillId/answers/:answerId',
    {
      schema: { hide, params: AnswerParams, body: CheckInFormIn },
      config: { form: (req, reply, errors) => recordPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      const { community, drillId, answerId } = req.params;
      await recordAnswer(req.ctx, drillId, answerId, checkInFromForm(req.body as Record<string, unknown>));
      flash(reply, 'evacuation.flash.answer_recorded');
      return reply.redirect(path(community, `/drills/${drillId}/calls`), 303);
    },
  );

  // ── the check-in, through a personal link ─────────────────────────────────────────────
  const checkInPage = async (req: any, reply: any, state?: ReturnType<typeof emptyForm>) => {
    const opened = await openCheckIn(req.ctx, req.params.token);
    // A buddy's link: the household they check on, and "reached" or not.
    if (opened.buddy)
      return h(BuddyCheckPage, {
        view: viewOf(req, reply),
        check: opened.buddy,
        action: path(req.params.community, `/check-in/${req.params.token}/buddy`),
        state: state ?? emptyForm(),
      });
    const view = opened.own;
    return h(CheckInPage, {
      view: viewOf(req, reply),
      checkIn: view,
      action: path(req.params.community, `/check-in/${req.params.token}`),
      state: state ?? emptyForm(checkInValues(view)),
    });
  };

  app.get(
    '/c/:community/evacuation/check-in/:token',
    { schema: { hide, params: LinkParams }, config: linkRouteConfig },
    async (req, reply) => sendPage(reply, await checkInPage(req, reply)),
  );

  app.post(
    '/c/:community/evacuation/check-in/:token',
    {
      schema: { hide, params: LinkParams, body: CheckInFormIn },
      config: {
        ...linkRouteConfig,
        form: (req, reply, errors) => checkInPage(req, reply, refusedForm(req.body, errors)),
      },
    },
    async (req, reply) => {
      await answerCheckIn(req.ctx, req.params.token, checkInFromForm(req.body as Record<string, unknown>));
      flash(reply, 'evacuation.flash.checked_in');
      return reply.redirect(path(req.params.community, `/check-in/${req.params.token}`), 303);
    },
  );

  app.post(
    '/c/:community/evacuation/check-in/:token/buddy',
    {
      schema: { hide, params: LinkParams, body: BuddyFoundIn },
      config: {
        ...linkRouteConfig,
        form: (req, reply, errors) => checkInPage(req, reply, refusedForm({}, errors)),
      },
    },
    async (req, reply) => {
      await recordBuddyCheck(req.ctx, req.params.token, req.body.found);
      flash(reply, 'evacuation.flash.buddy_found');
      return reply.redirect(path(req.params.community, `/check-in/${req.params.token}`), 303);
    },
  );

  drillsApi(app);
}
