/** Stewards' pages: desk mode, the overdue call list, import and export, library settings. */
import type { FastifyReply } from 'fastify';
import { h } from 'preact';
import { Type } from 'typebox';
import { limit } from '../../platform/http/rate-limit.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { filesOf } from '../../platform/uploads/multipart.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { DeskMemberPage, DeskPage } from './pages/desk.tsx';
import { ImportPage, ImportPreviewPage, OverduePage, SettingsPage } from './pages/steward.tsx';
import {
  CheckInIn,
  CheckOutIn,
  CommunityParams,
  DeskQuery,
  ImportDoneQuery,
  ImportIn,
  MemberParams,
  SettingsIn,
} from './schema.ts';
import * as library from './service.ts';

// Reading a catalog CSV (up to 1 MB) is work: the preview and the import share one budget.
const importLimit = { ...limit('library-import', 20, '1 minute', 'account'), upload: true };

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(csv);
}

/** Registers the stewards' pages. */
export function stewardRoutes(app: App): void {
  const hide = true;
  const base = (slug: string) => `/c/${slug}/library`;

  app.get(
    '/c/:community/library/desk',
    { schema: { hide, params: CommunityParams, querystring: DeskQuery } },
    async (req, reply) => {
      const members = await library.deskSearch(req.ctx, req.query.q);
      return sendPage(reply, h(DeskPage, { view: viewOf(req, reply), q: req.query.q ?? '', members }));
    },
  );

  const deskMemberPage = async (req: any, reply: any, errors: any[] = []) => {
    const accountId = req.params.accountId ?? req.body?.accountId;
    return h(DeskMemberPage, {
      view: viewOf(req, reply),
      desk: await library.deskMember(req.ctx, accountId),
      state: refusedForm({}, errors),
    });
  };

  app.get(
    '/c/:community/library/desk/members/:accountId',
    { schema: { hide, params: MemberParams } },
    async (req, reply) => {
      return sendPage(reply, await deskMemberPage(req, reply));
    },
  );

  app.post(
    '/c/:community/library/desk/check-out',
    { schema: { hide, params: CommunityParams, body: CheckOutIn }, config: { form: deskMemberPage } },
    async (req, reply) => {
      await library.checkOut(req.ctx, req.body);
      return reply.redirect(`${base(req.params.community)}/desk/members/${req.body.accountId}`, 303);
    },
  );

  app.post(
    '/c/:community/library/desk/check-in',
    { schema: { hide, params: CommunityParams, body: CheckInIn }, config: { form: deskMemberPage } },
    async (req, reply) => {
      const loan = await library.checkIn(req.ctx, req.body);
      return reply.redirect(
        `${base(req.params.community)}/desk/members/${req.body.accountId ?? loan.borrowerId}`,
        303,
      );
    },
  );

  app.get(
    '/c/:community/library/overdue',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const rows = await library.listOverdue(req.ctx);
      return sendPage(reply, h(OverduePage, { view: viewOf(req, reply), rows }));
    },
  );

  app.get(
    '/c/:community/library/overdue.csv',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      return sendCsv(reply, 'overdue.csv', await library.exportOverdueCsv(req.ctx));
    },
  );

  app.get(
    '/c/:community/library/export/items.csv',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      return sendCsv(reply, 'items.csv', await library.exportItemsCsv(req.ctx));
    },
  );

  app.get(
    '/c/:community/library/export/loans.csv',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      return sendCsv(reply, 'loans.csv', await library.exportLoansCsv(req.ctx));
    },
  );

  app.get(
    '/c/:community/library/import',
    { schema: { hide, params: CommunityParams, querystring: ImportDoneQuery } },
    async (req, reply) => {
      await library.getSettings(req.ctx); // stewards only
      const q = req.query;
      const done =
        q.new === undefined ? null : { new: q.new, changed: q.changed ?? 0, unchanged: q.unchanged ?? 0 };
      return sendPage(reply, h(ImportPage, { view: viewOf(req, reply), state: emptyForm(), done }));
    },
  );

  const csvText = (body: { csv?: string; file?: unknown }) => {
    const file = filesOf(body.file)[0];
    return file ? file.data.toString('utf8') : (body.csv ?? '');
  };

  app.post(
    '/c/:community/library/import/preview',
    {
      schema: { hide, params: CommunityParams, body: ImportIn },
      config: importLimit,
    },
    async (req, reply) => {
      const preview = await library.previewImport(req.ctx, csvText(req.body));
      reply.code(preview.errors.length ? 422 : 200);
      return sendPage(reply, h(ImportPreviewPage, { view: viewOf(req, reply), preview }));
    },
  );

  app.post(
    '/c/:community/library/import',
    {
      schema: {
        hide,
        params: CommunityParams,
        body: Type.Object({ csv: Type.String({ maxLength: 1_000_000 }) }),
      },
      config: {
        ...importLimit,
        form: async (req, reply) =>
          h(ImportPreviewPage, {
            view: viewOf(req, reply),
            preview: await library.previewImport(req.ctx, csvText(req.body as { csv?: string })),
          }),
      },
    },
    async (req, reply) => {
      const done = await library.importItems(req.ctx, req.body.csv);
      const counts = new URLSearchParams(Object.entries(done).map(([k, n]) => [k, String(n)]));
      return reply.redirect(`${base(req.params.community)}/import?${counts}`, 303);
    },
  );

  app.get(
    '/c/:community/library/settings',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const settings = await library.getSettings(req.ctx);
      return sendPage(reply, h(SettingsPage, { view: viewOf(req, reply), state: emptyForm(settings) }));
    },
  );

  app.post(
    '/c/:community/library/settings',
    {
      schema: { hide, params: CommunityParams, body: SettingsIn },
      config: {
        form: (req, reply, errors) =>
          h(SettingsPage, { view: viewOf(req, reply), state: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await library.saveSettings(req.ctx, req.body);
      return reply.redirect(`${base(req.params.community)}/settings`, 303);
    },
  );
}
