/**
 * The newsletter's pages: the issues, one issue (with a steward's actions on a draft), editing a
 * language of a draft, the printable sheet, and the Atom feed. The JSON API is in `api.ts`;
 * `newsletterRoutes(app)` registers both. The list, an issue, its sheet and the feed are public
 * routes: the service shows a visitor the public issues only (anything else is 404).
 */
import { h } from 'preact';
import { flash } from '../../platform/http/flash.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, type FormState, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { newsletterApi } from './api.ts';
import { atomFeed } from './feeds.ts';
import { EditPage } from './pages/edit.tsx';
import { IssuePage } from './pages/issue.tsx';
import { NewslettersPage } from './pages/list.tsx';
import { SheetPage } from './pages/sheet.tsx';
import { can } from './policy.ts';
import {
  CommunityParams,
  EditionFormIn,
  EditionParams,
  IssueQuery,
  NewsletterParams,
  PublishFormIn,
  SheetQuery,
} from './schema.ts';
import * as newsletter from './service.ts';

/** Registers the newsletter pages and API, in the community scope. */
export function newsletterRoutes(app: App): void {
  const hide = true;
  const at = (slug: string, rest = '') => `/c/${slug}/newsletters${rest}`;

  app.get(
    '/c/:community/newsletters',
    { schema: { hide, params: CommunityParams }, config: { public: true } },
    async (req, reply) => {
      const list = await newsletter.listIssues(req.ctx);
      const month = req.ctx.community?.month();
      return sendPage(
        reply,
        h(NewslettersPage, {
          view: viewOf(req, reply),
          list,
          mayEdit: can.edit(req.ctx.actor),
          hasCurrent: list.some((i) => i.month === month),
        }),
      );
    },
  );

  app.get(
    '/c/:community/newsletters.atom',
    { schema: { hide, params: CommunityParams, querystring: IssueQuery }, config: { public: true } },
    async (req, reply) => {
      // Without `?lang=` the language follows the reader's: caches must keep one per language.
      if (!req.query.lang) reply.header('vary', 'Accept-Language, Cookie');
      return reply.type('application/atom+xml; charset=utf-8').send(await atomFeed(req.ctx, req.query.lang));
    },
  );

  app.post(
    '/c/:community/newsletters/compile',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const issue = await newsletter.compileNow(req.ctx);
      flash(reply, 'newsletter.flash.compiled');
      return reply.redirect(at(req.params.community, `/${issue.id}`), 303);
    },
  );

  const issuePage = async (req: any, reply: any, state?: FormState) =>
    h(IssuePage, {
      view: viewOf(req, reply),
      issue: await newsletter.getIssue(req.ctx, req.params.newsletterId),
      lang: req.query?.lang,
      mayEdit: can.edit(req.ctx.actor),
      state,
    });

  app.get(
    '/c/:community/newsletters/:newsletterId',
    { schema: { hide, params: NewsletterParams, querystring: IssueQuery }, config: { public: true } },
    async (req, reply) => sendPage(reply, await issuePage(req, reply)),
  );

  app.get(
    '/c/:community/newsletters/:newsletterId/sheet',
    { schema: { hide, params: NewsletterParams, querystring: SheetQuery }, config: { public: true } },
    async (req, reply) => {
      const issue = await newsletter.getIssue(req.ctx, req.params.newsletterId);
      const edition = newsletter.editionFor(issue, req.query.lang ?? req.ctx.locale);
      const url = `${req.ctx.config.baseUrl.replace(/\/$/, '')}${at(req.params.community, `/${issue.id}`)}`;
      if (!edition) return reply.redirect(at(req.params.community, `/${issue.id}`), 303);
      return sendPage(
        reply,
        h(SheetPage, { view: viewOf(req, reply), issue, edition, url, paper: req.query.paper ?? 'a4' }),
      );
    },
  );

  const editPage = async (req: any, reply: any, state?: FormState) => {
    const issue = await newsletter.getIssueToEdit(req.ctx, req.params.newsletterId);
    const edition = issue.editions.find((e) => e.locale === req.params.lang);
    const found = newsletter.requireEdition(edition);
    return h(EditPage, {
      view: viewOf(req, reply),
      issue,
      edition: found,
      state: state ?? emptyForm({ title: found.title, intro: found.intro }),
    });
  };

  app.get(
    '/c/:community/newsletters/:newsletterId/edit/:lang',
    { schema: { hide, params: EditionParams } },
    async (req, reply) => sendPage(reply, await editPage(req, reply)),
  );

  app.post(
    '/c/:community/newsletters/:newsletterId/edit/:lang',
    {
      schema: { hide, params: EditionParams, body: EditionFormIn },
      config: { form: (req, reply, errors) => editPage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      const b = req.body;
      const ids = b.section ?? [];
      const headings = b.heading ?? [];
      const bodies = b.body ?? [];
      if (headings.length !== ids.length || bodies.length !== ids.length) newsletter.mismatchedSections();
      await newsletter.editEdition(req.ctx, req.params.newsletterId, req.params.lang, {
        title: b.title,
        intro: b.intro ?? '',
        sections: ids.map((id, i) => ({ id, heading: headings[i], body: bodies[i] })),
        remove: b.remove ?? [],
      });
      flash(reply, 'newsletter.flash.saved');
      return reply.redirect(
        at(req.params.community, `/${req.params.newsletterId}?lang=${req.params.lang}`),
        303,
      );
    },
  );

  app.post(
    '/c/:community/newsletters/:newsletterId/compile',
    {
      schema: { hide, params: NewsletterParams },
      config: { form: (req, reply, errors) => issuePage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      await newsletter.recompile(req.ctx, req.params.newsletterId);
      flash(reply, 'newsletter.flash.compiled');
      return reply.redirect(at(req.params.community, `/${req.params.newsletterId}`), 303);
    },
  );

  app.post(
    '/c/:community/newsletters/:newsletterId/publish',
    {
      schema: { hide, params: NewsletterParams, body: PublishFormIn },
      config: { form: (req, reply, errors) => issuePage(req, reply, refusedForm(req.body, errors)) },
    },
    async (req, reply) => {
      const { told } = await newsletter.publish(req.ctx, req.params.newsletterId, {
        isPublic: req.body.isPublic !== undefined,
      });
      flash(reply, 'newsletter.flash.published', { count: told });
      return reply.redirect(at(req.params.community, `/${req.params.newsletterId}`), 303);
    },
  );

  newsletterApi(app);
}
